"""Every IngestError code, with a message that names the problem."""

from __future__ import annotations

import io
import zipfile

import pytest

from taskbook.ingest import MAX_BYTES, IngestError, extract_bytes, extract_file

from .builders import clean_air_pdf, smart_city_numbered_docx

PLAN = "Plan (2024-2025)\n\n1. Do X. (Lead unit: Municipal Commerce Bureau)\n"


def error_of(data: bytes, filename: str) -> IngestError:
    with pytest.raises(IngestError) as caught:
        extract_bytes(data, filename)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value)
    return caught.value


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n ", "\ufeff\n  \u3000\n".encode(), "  \n".encode("utf-16")]
)
def test_empty(data: bytes):
    assert error_of(data, "plan.txt").code == "empty"


def test_binary():
    error = error_of(b"\x00\x01\x02\x03garbage\x00\xff" * 20, "plan.txt")
    assert error.code == "binary"
    assert "binary" in str(error)


def test_encrypted_pdf():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(clean_air_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    error = error_of(out.getvalue(), "plan.pdf")
    assert error.code == "encrypted"
    assert "password" in str(error)


def test_truncated_pdf():
    data = clean_air_pdf()
    assert error_of(data[: len(data) // 2], "plan.pdf").code == "truncated"


def test_truncated_docx():
    data = smart_city_numbered_docx()
    error = error_of(data[: len(data) // 2], "plan.docx")
    assert error.code == "truncated"
    assert "plan.docx" in str(error)


def test_too_large_is_refused_before_anything_is_parsed():
    error = error_of(b"%PDF-" + b"x" * MAX_BYTES, "plan.pdf")
    assert error.code == "too_large"
    assert "20 MB" in str(error)


def test_too_large_file(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(IngestError) as caught:
        extract_file(path)
    assert caught.value.code == "too_large"


def test_no_tasks():
    error = error_of(b"A plan\n\n1. Do X. We will do it well.\n2. Do Y.\n", "plan.txt")
    assert error.code == "no_tasks"
    assert "annotation" in str(error)


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG"),
    ],
)
def test_unsupported_formats(data: bytes, word: str):
    error = error_of(data, "plan.bin")
    assert error.code == "unsupported"
    assert word in str(error)


def test_unsupported_zip_and_spreadsheet():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert error_of(out.getvalue(), "plan.zip").code == "unsupported"
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "Responsible party"
    sheet = io.BytesIO()
    book.save(sheet)
    error = error_of(sheet.getvalue(), "plan.xlsx")
    assert error.code == "unsupported"
    assert "spreadsheet" in str(error)


def test_encoding():
    # A UTF-16 byte order mark followed by a lone surrogate: not text in any encoding.
    error = error_of(b"\xff\xfe" + "Plan ".encode("utf-16-le") + b"\x00\xd8" + b"A\x00", "plan.txt")
    assert error.code == "encoding"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gb18030", "gbk"])
def test_encodings_read_fine(codec: str):
    text = "临江市行动方案（2024—2025年）\n\n一、重点任务\n1.推进“一网通办”。（牵头单位：市政务服务数据管理局；配合单位：各区）\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    plan = extract_bytes(data, "plan.txt")
    assert plan.title == "临江市行动方案（2024—2025年）"
    assert plan.tasks[0].lead_units == ["市政务服务数据管理局"]
    assert plan.language == "zh"


def test_bomless_utf16_reads_fine():
    plan = extract_bytes(PLAN.encode("utf-16-le"), "plan.txt")
    assert plan.tasks[0].lead_units == ["Municipal Commerce Bureau"]


def test_error_codes_are_the_documented_ones():
    with pytest.raises(ValueError):
        IngestError("nonsense", "x")
