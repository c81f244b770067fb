"""The PDF kit: every PDF is tagged, says its language, title, subject and author, embeds its fonts;
the archive variant is PDF/A-3u and the accessible one declares PDF/UA-1; nothing is fetched."""

import datetime
import io

import pypdf
import pytest
from pypdf.generic import BooleanObject

from taskbook.documents.kit.info import DocumentInfo, bcp47
from taskbook.documents.kit.pdf import NoFetching, Variant, render_pdf, stylesheet
from tests.documents.helpers import PDFAID, PDFUAID, pdf_catalog, pdf_fonts, xmp

HTML = """<!doctype html><html><head><title>ignored</title></head><body>
<h1>深圳市商务局任务书</h1><p>Task book of the Municipal Bureau of Commerce.</p>
<table><tr><th>单位</th><td>深圳市商务局</td></tr></table></body></html>"""
CSS = 'html { font-family: "Noto Serif CJK SC", serif } h1, th { font-family: "Noto Sans CJK SC" }'
TRUE = BooleanObject(True)  # a pypdf boolean is truthy even when false: compare it
INFO = DocumentInfo(
    title="深圳市商务局任务书",
    subject="任务书",
    author="深圳市商务局",
    language="zh-hans",
    created=datetime.datetime(2024, 6, 1, 2, 30, tzinfo=datetime.UTC),
)


def render(variant: Variant = Variant.TAGGED) -> bytes:
    return render_pdf(HTML, [stylesheet(CSS)], INFO, variant)


@pytest.mark.parametrize("variant", list(Variant))
def test_every_variant_is_tagged_and_says_its_language_title_and_author(variant):
    content = render(variant)
    catalog = pdf_catalog(content)
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == TRUE
    assert catalog["/Lang"] == "zh-Hans"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == TRUE  # the title, not the file name
    info = pypdf.PdfReader(io.BytesIO(content)).metadata
    # The DocumentInfo wins over the template's <html lang> and <title>: every format says the same.
    assert (info.title, info.subject, info.author) == (INFO.title, INFO.subject, INFO.author)
    assert info.title == "深圳市商务局任务书" and info.creator == "taskbook"
    assert info["/CreationDate"] == "D:20240601103000+08'00"  # in the office's zone (tests: Shanghai)
    fonts = pdf_fonts(content)
    assert fonts and all(key.startswith("/FontFile") for key in fonts.values()), fonts


def test_the_archive_variant_is_pdfa_3u_with_an_output_intent():
    content = render(Variant.ARCHIVE)
    identification = xmp(content)
    assert identification[f"{PDFAID}part"] == "3" and identification[f"{PDFAID}conformance"] == "U"
    intents = pdf_catalog(content)["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert pypdf.PdfReader(io.BytesIO(content)).trailer["/ID"]  # PDF/A asks for a file identifier


def test_the_accessible_variant_declares_pdfua_1():
    identification = xmp(render(Variant.UA))
    assert identification[f"{PDFUAID}part"] == "1"
    assert f"{PDFAID}part" not in identification


def test_the_plain_variant_claims_no_conformance():
    catalog = pdf_catalog(render(Variant.TAGGED))
    assert "/Metadata" not in catalog and "/OutputIntents" not in catalog


def test_nothing_is_fetched():
    with pytest.raises(ValueError, match="fetch no resources"):
        NoFetching().fetch("file:///etc/hostname")
    html = HTML.replace("<h1>", '<img src="file:///etc/hostname"><h1>')
    content = render_pdf(html, [stylesheet(CSS)], INFO)  # the image is refused, the document made
    assert pdf_catalog(content)["/Lang"] == "zh-Hans"


def test_language_codes_become_bcp47_tags():
    assert (bcp47("zh-hans"), bcp47("en"), bcp47("")) == ("zh-Hans", "en", "en")
