"""What an upload's refusal says: a scanned PDF needs OCR (as the command line says), the hint keeps its
number after an error, a name too long is refused with its limit rather than cut, and GB18030 text is
accepted as evidence."""

import io

import pytest
from django.urls import reverse

from taskbook.errors import ActionError
from taskbook.ingest.cli import main as extract_main
from taskbook.plans.actions import stage_import
from taskbook.plans.models import PlanImport
from taskbook.reporting.actions import add_evidence
from taskbook.uploads import EVIDENCE_KINDS, check_upload
from tests.pdfs import pdf_of

SCAN = pdf_of([b"0.5 g 72 72 400 600 re f"])  # a page with a picture-like box and no text at all


def _upload(client, data: bytes, name: str):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("plans:import"), {"document": upload})


def test_a_scanned_pdf_needs_ocr_on_the_web_as_on_the_command_line(client, people, tmp_path, capsys):
    client.force_login(people.alice)
    response = _upload(client, SCAN, "scan.pdf")
    assert response.status_code == 400
    assert "no text layer: it is a scan" in response.content.decode()
    assert "OCR" in response.content.decode()
    path = tmp_path / "scan.pdf"
    path.write_bytes(SCAN)
    assert extract_main([str(path)]) == 2
    assert "OCR" in capsys.readouterr().err


def test_the_hint_keeps_its_number_after_an_error(client, people, settings):
    settings.UPLOAD_MAX_BYTES = 7 * 1024 * 1024
    client.force_login(people.alice)
    assert "up to 7 MB" in client.get(reverse("plans:import")).content.decode()
    response = _upload(client, b"", "empty.txt")
    assert response.status_code == 400
    assert "up to 7 MB" in response.content.decode()


def test_the_evidence_hint_names_the_real_limit(client, people, reporting):
    client.force_login(people.sam)
    report = next(r for r in reporting.reports.values() if r.unit_id == people.commerce.pk)
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "up to 20 MB" in page and "up to 10 MB" not in page


def test_a_long_file_name_is_refused_with_its_limit_not_cut(people):
    # (Django's upload parser itself shortens a name posted from a browser to 255 characters.)
    with pytest.raises(ActionError, match="The file name is 256 characters long; the limit is 255"):
        stage_import(
            people.alice, data=b"1. Task (Lead unit: Commerce Bureau)\n", filename="计" * 252 + ".txt"
        )
    assert not PlanImport.objects.exists()
    with pytest.raises(ActionError, match="the limit is 255"):
        check_upload(b"evidence", "e" * 300 + ".txt", EVIDENCE_KINDS)


def test_gb18030_text_is_accepted_as_evidence(people, reporting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = "深圳市优化国际营商环境工作进展：已完成第一季度任务。".encode("gb18030")
    assert check_upload(data, "进展.txt", EVIDENCE_KINDS) == "text"
    report = next(r for r in reporting.reports.values() if r.unit_id == people.commerce.pk)
    evidence = add_evidence(people.sam, report, data=data, name="进展.txt")
    assert evidence.file.read() == data


def test_text_in_another_encoding_is_refused_naming_the_encodings_read():
    data = b"Notes \xff\xfe\x80 in no encoding that is read"
    with pytest.raises(ActionError, match="UTF-8 or GB18030"):
        check_upload(data, "notes.txt", EVIDENCE_KINDS)
