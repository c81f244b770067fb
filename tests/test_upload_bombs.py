"""Uploads that would cost far more to read than they weigh are refused in seconds, before they are
parsed: a DOCX or XLSX (a zip) by the sum and the number of its parts, a PDF by its pages and by the
memory and time of the child process that reads it, so the web worker does not grow. Each bomb is built
here, small; none is kept in the repository."""

import io
import resource
import time
import zipfile

import docx
import pytest
from django.test import override_settings
from django.urls import reverse

from taskbook.errors import ActionError
from taskbook.ingest import IngestError, extract_bytes
from taskbook.ingest.limits import MB, Limits
from taskbook.plans.models import PlanImport
from taskbook.uploads import EVIDENCE_KINDS, check_upload
from tests.pdfs import pdf_of


def _docx_with(extra: dict[str, int] | None = None, parts: int = 0) -> bytes:
    """A real DOCX with, added, parts of `size` spaces each (a zip bomb) or `parts` tiny parts."""
    document = docx.Document()
    document.add_paragraph("一、任务（牵头单位：市商务局）")
    plain = io.BytesIO()
    document.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        for info in source.infolist():
            z.writestr(info, source.read(info.filename))
        for name, size in (extra or {}).items():
            with z.open(name, "w", force_zip64=True) as part:
                chunk = b" " * MB
                for _ in range(size // MB):
                    part.write(chunk)
        for i in range(parts):
            z.writestr(f"word/media/p{i}.txt", "x")
    return out.getvalue()


def _xlsx_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(120):
                part.write(b" " * MB)
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return _docx_with({"word/media/filler.bin": 150 * MB})  # 150 MB of parts in well under 1 MB


@pytest.fixture(scope="module")
def pdf_bomb() -> bytes:
    # One page whose content stream inflates to 600 MB (about 0.6 MB on disk): reading it needs more
    # memory than the child is given.
    return pdf_of([b"\x00" * MB], repeat=600)


def test_a_docx_zip_bomb_is_refused_in_seconds_before_it_is_parsed(docx_bomb):
    assert len(docx_bomb) < 2 * MB
    started = time.monotonic()
    with pytest.raises(IngestError) as refused:
        extract_bytes(docx_bomb, "bomb.docx")
    assert refused.value.code == "too_large_unpacked" and refused.value.limit == 100
    assert time.monotonic() - started < 2


def test_a_docx_of_too_many_parts_is_refused():
    with pytest.raises(IngestError) as refused:
        extract_bytes(_docx_with(parts=30), "many.docx", limits=Limits(zip_parts=20))
    assert refused.value.code == "too_many_parts"
    assert "the limit is 20" in str(refused.value)


def test_the_web_refuses_a_zip_bomb_plan_with_the_limit(client, people, docx_bomb):
    client.force_login(people.alice)
    upload = io.BytesIO(docx_bomb)
    upload.name = "plan.docx"
    response = client.post(reverse("plans:import"), {"document": upload})
    assert response.status_code == 400
    assert "unpacks to more than 100 MB" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_zip_bombs_are_refused_as_evidence_and_as_sheets(docx_bomb):
    with pytest.raises(ActionError, match="unpacks to more than 100 MB"):
        check_upload(docx_bomb, "evidence.docx", EVIDENCE_KINDS)
    with pytest.raises(ActionError, match="unpacks to more than 100 MB"):
        check_upload(_xlsx_bomb(), "measures.xlsx", {"xlsx"})


def test_the_limits_are_settings(docx_bomb):
    with override_settings(UPLOAD_MAX_UNPACKED_BYTES=200 * MB):
        assert check_upload(docx_bomb, "evidence.docx", EVIDENCE_KINDS) == "docx"


def test_a_pdf_bomb_is_refused_in_seconds_and_the_reader_does_not_grow(pdf_bomb):
    grown_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(IngestError) as refused:
        extract_bytes(pdf_bomb, "bomb.pdf", limits=Limits(pdf_memory_bytes=400 * MB))
    elapsed = time.monotonic() - started
    assert refused.value.code == "too_complex"
    assert elapsed < 15
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - grown_before  # KiB on Linux
    assert grown < 100 * 1024


def test_a_pdf_that_takes_too_long_is_stopped(pdf_bomb):
    with pytest.raises(IngestError) as refused:
        extract_bytes(pdf_bomb, "slow.pdf", limits=Limits(pdf_seconds=1, pdf_memory_bytes=4096 * MB))
    assert refused.value.code == "too_complex" and refused.value.limit == 1


def test_a_pdf_of_too_many_pages_is_refused_before_a_page_is_read():
    page = b"BT /F1 12 Tf 72 720 Td (1. Task (Lead unit: Commerce Bureau)) Tj ET"
    with pytest.raises(IngestError) as refused:
        extract_bytes(pdf_of([page] * 3), "long.pdf", limits=Limits(pdf_pages=2))
    assert refused.value.code == "too_many_pages" and "has 3 pages; the limit is 2" in str(refused.value)


@override_settings(PDF_MAX_MEMORY_BYTES=400 * MB)
def test_the_web_refuses_a_pdf_bomb_with_a_message(client, people, pdf_bomb):
    client.force_login(people.alice)
    upload = io.BytesIO(pdf_bomb)
    upload.name = "plan.pdf"
    response = client.post(reverse("plans:import"), {"document": upload})
    assert response.status_code == 400
    assert "could not be read within 30 seconds" in response.content.decode()
