"""DOCX and PDF plan documents made at test time (python-docx, WeasyPrint), with their gold.

Binary documents are not committed: each builder writes one from a readable spec, and
its gold file lives in tests/ingest/generated/<stem>.gold.json.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

GENERATED = Path(__file__).with_name("generated")


def _docx_merge_row(table, index: int, text: str) -> None:
    row = table.rows[index]
    merged = row.cells[0].merge(row.cells[-1])
    merged.text = text


def commerce_table_docx() -> bytes:
    """Chinese plan whose tasks are rows of a table with a 责任单位 column and merged cells."""
    import docx

    document = docx.Document()
    document.add_paragraph("临江市商贸流通体系建设工作方案（2024—2025年）", style="Title")
    document.add_paragraph("为完善商贸流通体系，促进消费提质升级，制定本方案。")
    document.add_heading("一、重点任务", level=1)
    rows = [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["一、完善商业网点布局", "", "", ""],
        ["1", "建设一刻钟便民生活圈。到2025年建成便民生活圈50个。", "市商务局、各区人民政府", "2025年底"],
        ["2", "改造提升农贸市场。推动农贸市场智慧化改造。", "市商务局（牵头）、市市场监管局", "2024年底"],
        ["二、发展新型消费", "", "", ""],
        ["3", "发展直播电商。培育直播电商企业100家以上。", "市商务局、市委网信办", "2025年底"],
        ["4", "培育夜间经济集聚区。", "", "2025年底"],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
    _docx_merge_row(table, 1, rows[1][0])
    _docx_merge_row(table, 4, rows[4][0])
    # Task 4 shares task 3's responsible units: the cell is merged downwards.
    merged = table.rows[5].cells[2].merge(table.rows[6].cells[2])
    merged.text = "市商务局、市委网信办"
    document.add_heading("二、保障措施", level=1)
    document.add_paragraph("各区要加强组织领导，建立工作台账，按季度报送工作进展。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def smart_city_numbered_docx() -> bytes:
    """English plan whose task numbers are Word's automatic list numbers (not in the text)."""
    import docx

    document = docx.Document()
    document.add_paragraph("Work Plan for Smart City Development in Harbour City (2024-2025)", style="Title")
    document.add_heading("I. Digital infrastructure", level=1)
    document.add_paragraph(
        "Build a city data brain. The platform will connect 100 departments by 2025. (Lead unit: Municipal "
        "Government Service Data Administration; Participating units: Municipal Public Security Bureau, each district)",
        style="List Number",
    )
    document.add_paragraph(
        "Roll out gigabit broadband. Every new residential building will have fibre to the home. (Lead unit: "
        "Municipal Bureau of Industry and Information Technology; Co-organizers: Harbour City Telecom Company)",
        style="List Number",
    )
    document.add_heading("II. Smart services", level=1)
    document.add_paragraph(
        "Provide online medical appointments. All public hospitals will offer appointments online. "
        "(Lead unit: Municipal Health Commission)",
        style="List Number",
    )
    document.add_heading("III. Safeguards", level=1)
    document.add_paragraph("Every unit shall appoint a liaison officer and report progress every quarter.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_PDF_STYLE = """
@page { size: A4; margin: 2cm }
body { font-family: "Noto Sans CJK SC", "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.4 }
table { border-collapse: collapse; width: 100% }
td, th { border: 1px solid #000; padding: 4px; vertical-align: top }
"""


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(
        string=f"<html><head><meta charset='utf-8'><style>{_PDF_STYLE}</style></head><body>{html}</body></html>"
    ).write_pdf()


def clean_air_pdf() -> bytes:
    """English plan: wrapped paragraphs with annotations, then a "Responsible authority" table."""
    return _pdf("""
<h1>Action Plan for Clean Air in Northbay (2024-2026)</h1>
<p>This plan sets out how the city will cut air pollution over the next three years and who is responsible for each measure.</p>
<h2>I. Key measures</h2>
<p>1. Reduce industrial emissions. We will upgrade the pollution controls of steel, cement and chemical plants and close
outdated production lines, and we will publish the emission data of key enterprises every month. By 2026, the average
concentration of PM2.5 will be kept below 30 micrograms per cubic metre. (Lead unit: Municipal Ecology and Environment
Bureau; Participating units: Municipal Bureau of Industry and Information Technology, each district)</p>
<p>2. Clean up vehicle exhaust. We will phase out old diesel trucks, extend low-emission zones in the city centre and
check the exhaust of heavy vehicles at the city's entrances. (Lead unit: Municipal Public Security Bureau;
Participating units: Municipal Transport Bureau)</p>
<h2>II. Supporting actions</h2>
<table>
<tr><th>No.</th><th>Action</th><th>Responsible authority</th></tr>
<tr><td>3</td><td>Expand urban green space. Add 200 hectares of parks by 2026.</td><td>Municipal Urban Management Bureau</td></tr>
<tr><td>4</td><td>Publish air quality data daily.</td><td>Municipal Ecology and Environment Bureau; Northbay Meteorological Bureau</td></tr>
</table>
<h2>III. Safeguards</h2>
<p>The Municipal Ecology and Environment Bureau will report progress to the municipal government every quarter.</p>
""")


def tourism_table_pdf() -> bytes:
    """Chinese plan: a table with 牵头单位 and 配合单位 columns, extracted from a PDF."""
    return _pdf("""
<h1>临江市文化旅游融合发展实施方案</h1>
<p>为推动文化和旅游深度融合发展，制定本方案。主要任务及分工如下：</p>
<table>
<tr><th>序号</th><th>主要任务</th><th>牵头单位</th><th>配合单位</th></tr>
<tr><td>1</td><td>打造精品旅游线路。到2025年推出精品旅游线路30条。</td><td>市文化广电旅游体育局</td><td>市交通运输局、各区人民政府</td></tr>
<tr><td>2</td><td>建设智慧景区。推动重点景区实现分时预约。</td><td>市文化广电旅游体育局</td><td>市政务服务数据管理局</td></tr>
<tr><td>3</td><td>发展文化和旅游消费。培育文化和旅游消费示范街区10个以上。</td><td>市商务局</td><td>市文化广电旅游体育局、市市场监管局</td></tr>
</table>
""")


BUILDERS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "commerce-table.zh": (".docx", commerce_table_docx),
    "smart-city-numbered.en": (".docx", smart_city_numbered_docx),
    "clean-air.en": (".pdf", clean_air_pdf),
    "tourism-table.zh": (".pdf", tourism_table_pdf),
}
