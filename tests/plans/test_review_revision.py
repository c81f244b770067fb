"""A review form that posts a revision that is no number (`revision=abc`) gets a 400 in words, never a
raw Python error, and nothing of the review changes."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taskbook.plans.models import PlanImport

PLAN = "Work Plan (2024-2026)\n\n1. Attract foreign investment. (Lead unit: Municipal Commerce Bureau)\n"


def test_a_revision_that_is_no_number_is_a_400_with_a_message(client, people):
    client.force_login(people.alice)
    client.post(reverse("plans:import"), {"document": SimpleUploadedFile("plan.txt", PLAN.encode())})
    staged = PlanImport.objects.get()
    for revision in ("abc", "", "-1", "1e3"):
        response = client.post(
            reverse("plans:review", args=[staged.pk]), {"revision": revision, "title": "Other"}
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "Reload the page" in page and "invalid literal" not in page
    staged.refresh_from_db()
    assert staged.revision == 0 and staged.draft["title"] != "Other"
