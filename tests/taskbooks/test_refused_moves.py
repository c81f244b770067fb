"""A refused move of a task book leaves nothing behind: the draft a first submit would make is made in the
same transaction as the submit, so a refusal rolls it back."""

from django.urls import reverse

from taskbook.taskbooks.models import TaskBook


def test_a_refused_first_submit_leaves_no_draft(client, people, plan):
    client.force_login(people.carl)  # Commerce's admin, whose unit has no measures yet
    response = client.post(reverse("taskbooks:submit", args=[plan.pk, people.commerce.pk]))
    assert response.status_code == 400
    assert "no measures yet" in response.content.decode()
    assert not TaskBook.objects.filter(plan=plan, unit=people.commerce).exists()


def test_a_forbidden_submit_leaves_no_draft(client, people, plan):
    client.force_login(people.sam)  # staff edit the unit's work but do not submit it
    response = client.post(reverse("taskbooks:submit", args=[plan.pk, people.commerce.pk]))
    assert response.status_code == 403
    assert not TaskBook.objects.filter(plan=plan, unit=people.commerce).exists()


def test_a_submit_with_measures_makes_and_moves_the_book(client, people, plan, workplan):
    client.force_login(people.carl)
    response = client.post(reverse("taskbooks:submit", args=[plan.pk, people.commerce.pk]))
    assert response.status_code == 302
    assert TaskBook.objects.get(plan=plan, unit=people.commerce).status == "submitted"
