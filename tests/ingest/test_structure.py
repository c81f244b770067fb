"""The outline: sections versus tasks, text sections, line numbers, metadata, odd layouts."""

from __future__ import annotations

import hashlib

import pytest

from taskbook.ingest import extract_bytes, extract_file

from .conftest import DEV_CORPUS

SHENZHEN = DEV_CORPUS / "shenzhen-intl-business-environment-2023-2025.en.txt"
BONDED = DEV_CORPUS / "sc-bonded-zones-2019.zh.txt"
AGRI = DEV_CORPUS / "sc-agri-mechanization-2018.zh.txt"
needs_corpus = pytest.mark.skipif(not DEV_CORPUS.exists(), reason="the shared dev corpus is not here")


def plan_of(text: str, name: str = "plan.txt"):
    return extract_bytes(text.encode(), name)


@needs_corpus
def test_shenzhen_plan_metadata_sections_and_line_numbers():
    data = SHENZHEN.read_bytes()
    plan = extract_file(SHENZHEN)
    assert plan.source_sha256 == hashlib.sha256(data).hexdigest()
    assert (plan.source_format, plan.source_name, plan.language) == ("txt", SHENZHEN.name, "en")
    assert (plan.period_start, plan.period_end) == (2023, 2025)
    assert plan.title.startswith("Work Plan for Optimizing")
    assert [(s.number, s.kind) for s in plan.sections] == [
        ("I", "text"),
        ("1", "tasks"),
        ("2", "tasks"),
        ("3", "tasks"),
        ("(4)", "tasks"),
        ("Third", "text"),
    ]
    safeguards = plan.sections[-1]
    assert safeguards.title == "safeguards" and safeguards.tasks == []
    assert "a task book, a road map, a timetable" in safeguards.body
    assert "Post time" not in safeguards.body  # the web page's tail is not part of the plan
    assert {s.part for s in plan.sections[1:5]} == {"Ii. Main tasks"}
    lines = plan.text.split("\n")
    for task in plan.tasks:
        assert lines[task.line_start - 1].startswith(f"{task.number}. "), task.number
        assert task.line_end >= task.line_start
        assert "Lead unit" not in task.body
    ten = plan.tasks[9]
    assert (ten.line_start, ten.line_end) == (37, 39)
    assert ten.body.split("\n")[-1].startswith("To promote the facilitation of mobile payments")
    data = plan.to_dict()
    assert [s["number"] for s in data["sections"]] == ["1", "2", "3", "(4)"]
    assert [s["title"] for s in data["text_sections"]] == ["General requirements", "safeguards"]
    assert "text" not in data and data["tasks"][0]["line_start"] == 13


@needs_corpus
def test_state_council_opinion_title_over_two_lines_and_issuer():
    plan = extract_file(BONDED)
    assert plan.title == "国务院关于促进综合保税区高水平开放高质量发展的若干意见"
    assert plan.issuing_body == "国务院"
    assert (plan.period_start, plan.period_end) == (None, None)
    assert next(s.title for s in plan.sections if s.tasks) == "统筹两个市场，打造加工制造中心"
    assert all(s.part == "四、主要任务" for s in plan.sections if s.tasks)


@needs_corpus
def test_unlabelled_agri_opinion_reads_sensibly():
    plan = extract_file(AGRI)
    assert [t.number for t in plan.tasks] == [
        f"（{n}）"
        for n in (
            "三",
            "四",
            "五",
            "六",
            "七",
            "八",
            "九",
            "十",
            "十一",
            "十二",
            "十三",
            "十四",
            "十五",
            "十六",
            "十七",
            "十八",
            "十九",
            "二十",
        )
    ]
    assert plan.tasks[0].title == "完善农机装备创新体系"
    assert plan.tasks[0].lead_units == ["工业和信息化部"]
    assert plan.tasks[0].participating_units == ["发展改革委", "科技部", "农业农村部等"]
    assert plan.tasks[15].lead_units == ["农业农村部", "工业和信息化部"]  # 牵头负责: both lead
    assert plan.tasks[16].lead_units == ["各省级人民政府"]
    goals = plan.sections[0]
    assert goals.kind == "text" and goals.number == "一"
    assert (goals.targets[0].value, goals.targets[0].unit, goals.targets[0].year) == (10, "亿千瓦", 2020)
    assert len(goals.targets) == 15


def test_units_given_per_section_make_the_section_the_task():
    plan = plan_of(
        "Plan\n\n1. Improve services (Lead unit: Municipal Commerce Bureau)\n(1) Do A.\n(2) Do B.\n"
        "2. Improve finance (Lead unit: Municipal Finance Bureau)\n(1) Do C.\n"
    )
    assert [(t.number, t.title) for t in plan.tasks] == [("1", "Improve services"), ("2", "Improve finance")]
    assert plan.tasks[0].body == "(1) Do A.\n(2) Do B."


def test_annotation_after_sub_points_belongs_to_the_item():
    plan = plan_of(
        "Plan\n\nI. Tasks\n\n1. Build X. We will:\n(1) do A;\n(2) do B.\n"
        "(Lead unit: Municipal Commerce Bureau; Participating units: Futian District)\n\n"
        "2. Build Y. First, we will do C. Second, we will do D.\n"
        "3. Build Z. (Lead unit: Municipal Finance Bureau)\n"
    )
    assert [t.number for t in plan.tasks] == ["1", "3"]
    assert plan.tasks[0].participating_units == ["Futian District"]
    assert "(2) do B." in plan.tasks[0].body


def test_ordinal_sub_points_hand_their_annotation_to_the_task():
    plan = plan_of(
        "Plan\n\n1. Build X. (Lead unit: A Bureau)\n\n2. Build Y. We will act in two steps.\n\n"
        "First, we will study it.\n\nSecond, we will do it. (Lead unit: B Bureau)\n\n3. Build Z. (Lead unit: C Bureau)\n"
    )
    assert [(t.number, t.lead_units) for t in plan.tasks] == [
        ("1", ["A Bureau"]),
        ("2", ["B Bureau"]),
        ("3", ["C Bureau"]),
    ]


def test_own_line_annotations_one_after_another_are_one():
    plan = plan_of(
        "方案\n\n一、任务\n1.做好甲。\n牵头单位：市商务局\n配合单位：市财政局\n2.做好乙。\n牵头单位：市财政局\n"
    )
    assert [(t.lead_units, t.participating_units) for t in plan.tasks] == [
        (["市商务局"], ["市财政局"]),
        (["市财政局"], []),
    ]


def test_paragraph_tasks_under_a_heading():
    plan = plan_of(
        "# Plan\n\n## Trade\n\nOpen a service centre. (Lead unit: A Bureau)\n\n"
        "Hold fairs abroad. (Lead unit: B Bureau)\n\n## Finance\n\nInsure exports. (Lead unit: C Bureau)\n",
        "plan.md",
    )
    assert [(s.title, [t.title for t in s.tasks]) for s in plan.sections] == [
        ("Trade", ["Open a service centre", "Hold fairs abroad"]),
        ("Finance", ["Insure exports"]),
    ]
    assert [t.number for t in plan.tasks] == ["1", "2", "1"]


def test_a_note_states_the_first_is_lead_rule_for_the_whole_plan():
    plan = plan_of(
        "方案\n\n注：各项任务中列第一位的为牵头单位。\n\n一、任务\n1.做好甲。（市商务局、市财政局负责）\n"
    )
    assert (plan.tasks[0].lead_units, plan.tasks[0].participating_units) == (["市商务局"], ["市财政局"])


def test_hard_wrapped_text_is_joined_into_paragraphs():
    words = (
        "We will connect the data systems of all departments and publish open data sets for "
        "enterprises and citizens, and we will report progress to the municipal government. "
    ) * 2
    body = (
        "1. Build a unified data platform. "
        + words
        + "(Lead unit: Municipal Government Service Data Administration; "
        "Participating units: Municipal Development and Reform Commission)"
    )
    lines, line = [], ""
    for word in body.split():
        if len(line) + len(word) + 1 > 72:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    text = "Digital Government Plan (2024-2026)\n\nI. Key tasks\n\n" + "\n".join(lines) + "\n"
    plan = plan_of(text)
    (task,) = plan.tasks
    assert task.title == "Build a unified data platform"
    assert task.participating_units == ["Municipal Development and Reform Commission"]
    assert (task.line_start, task.line_end) == (5, 4 + len(lines))


def test_html_scripts_are_dropped_and_ol_numbers_kept():
    html = (
        "<html><head><title>T</title><script>var a='(Lead unit: Fake Bureau)';</script></head><body>"
        "<h1>Plan (2024-2025)</h1><h2>I. Tasks</h2><ol><li>Do A. (Lead unit: A Bureau)</li>"
        "<li>Do B. (Lead unit: B Bureau)</li></ol></body></html>"
    )
    plan = extract_bytes(html.encode(), "plan.html")
    assert plan.source_format == "html"
    assert [(t.number, t.lead_units) for t in plan.tasks] == [("1", ["A Bureau"]), ("2", ["B Bureau"])]
    assert "Fake" not in plan.text
    assert plan.title == "Plan (2024-2025)"


def test_format_is_told_by_content_not_name():
    html = "<!DOCTYPE html><html><body><h1>Plan</h1><p>1. Do A. (Lead unit: A Bureau)</p></body></html>"
    assert extract_bytes(html.encode(), "plan.txt").source_format == "html"
    assert extract_bytes(b"Plan\n\n1. Do A. (Lead unit: A Bureau)\n", "plan.pdf").source_format == "txt"


def test_a_year_at_the_start_of_a_line_is_not_an_item_number():
    plan = plan_of(
        "Plan\n\n1. Build X. (Lead unit: A Bureau)\n2025. The year we finish.\n2. Build Y. (Lead unit: B Bureau)\n"
    )
    assert [t.number for t in plan.tasks] == ["1", "2"]
    assert plan.tasks[0].lead_units == ["A Bureau"]
