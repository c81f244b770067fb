"""The reporting loop in a browser: a participating unit contributes; the lead unit consolidates and
submits; the coordinator returns it; the unit fixes and resubmits; the coordinator accepts and rates;
the dashboard and the league table change; a PDF is produced whose text holds the tasks and figures."""

import subprocess

import pytest

from taskbook.documents.jobs import build_document
from taskbook.documents.models import GeneratedDocument
from tests.browser.conftest import shoot
from tests.browser.test_taskbook_flow import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contribute_consolidate_return_accept_rate_and_report(
    live_server, page, people, plan, reporting, tmp_path
):
    base = live_server.url
    report = reporting.reports["1"]  # led by Commerce; Technology and each district contribute
    report_url = f"{base}/reports/{report.pk}/"
    league_url = f"{base}/dashboards/league/?plan={plan.pk}"
    never_returned = "accepted reports were never returned"

    sign_in(page, base, "alice")
    page.goto(league_url)
    commerce_row = page.locator("tr", has_text="Municipal Bureau of Commerce").first
    assert "0 of 1 " + never_returned not in commerce_row.inner_html()

    sign_in(page, base, "tina")
    page.goto(report_url)
    contribution = page.locator(
        ".contribution", has_text="Municipal Science and Technology Innovation Commission"
    )
    contribution.locator("textarea").fill("Two matchmaking conferences held with 40 enterprises.")
    contribution.get_by_role("button", name="Send to the lead unit").click()
    assert page.get_by_text("Two matchmaking conferences held with 40 enterprises.").is_visible()

    sign_in(page, base, "sam")
    page.goto(report_url)
    page.locator("textarea[name=narrative]").fill(
        "The one-stop desk opened; the commission's conferences ran."
    )
    page.locator("select[name=self_rating]").select_option("green")
    page.get_by_role("button", name="Save draft").click()
    sign_in(page, base, "carl")
    page.goto(report_url)
    page.get_by_role("button", name="Submit to the coordinator").click()
    assert page.locator(".badge.rs-submitted").first.is_visible()

    sign_in(page, base, "alice")
    page.goto(report_url)
    page.locator("textarea[name=comment]").fill("Say how many enterprises the desk served.")
    page.get_by_role("button", name="Return with comment").click()
    assert page.locator(".badge.rs-returned").first.is_visible()

    sign_in(page, base, "sam")
    page.goto(f"{base}/reports/owed/")
    assert page.get_by_text("Say how many enterprises the desk served.").is_visible()
    page.goto(report_url)
    page.locator("textarea[name=narrative]").fill("The one-stop desk opened and served 120 enterprises.")
    page.get_by_role("button", name="Save draft").click()
    sign_in(page, base, "carl")
    page.goto(report_url)
    page.get_by_role("button", name="Submit to the coordinator").click()

    sign_in(page, base, "alice")
    page.goto(report_url)
    page.get_by_role("button", name="Accept").click()
    assert page.locator(".badge.rs-accepted").first.is_visible()
    page.locator("select[name=rating]").select_option("amber_red")
    page.locator("input[name=rationale]").fill("The desk opened late; the conferences are on time.")
    page.get_by_role("button", name="Rate").click()
    shoot(page, "report-accepted")

    page.goto(league_url)
    commerce_row = page.locator("tr", has_text="Municipal Bureau of Commerce").first
    assert "0 of 1 " + never_returned in commerce_row.inner_html()  # returned once before acceptance
    shoot(page, "league-table")
    page.goto(f"{base}/dashboards/?plan={plan.pk}")
    assert "amber-red" in page.content()
    shoot(page, "dashboard")

    page.goto(f"{base}/documents/plan/{plan.pk}/")
    page.locator("tr", has_text=reporting.cycle.label).get_by_role("button", name="PDF").click()
    document = GeneratedDocument.objects.get()
    build_document.call(document.pk)  # what the worker does; a real worker is tested in tests/documents
    page.goto(f"{base}/documents/{document.pk}/")
    download = page.context.request.get(f"{base}/documents/{document.pk}/download/")
    assert download.status == 200
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(download.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("Task title 1", "Task title 4", "served 120 enterprises", reporting.cycle.label):
        assert expected in text, expected
    assert f"{report.percent}" in text or f"{report.percent.normalize()}" in text
