"""Annotations and unit lists: roles, the first-is-lead rule, splitting never inside a name."""

from __future__ import annotations

import pytest

from taskbook.ingest.responsibility import find_annotation, parse_annotation, split_units


@pytest.mark.parametrize(
    ("text", "units"),
    [
        # A name with commas in it is one unit; the list around it is split.
        (
            "Municipal Foreign Affairs Office, Municipal Bureau of Culture, Radio, Television, Tourism and Sports, "
            "Municipal Hong Kong and Macao Office",
            [
                "Municipal Foreign Affairs Office",
                "Municipal Bureau of Culture, Radio, Television, Tourism and Sports",
                "Municipal Hong Kong and Macao Office",
            ],
        ),
        (
            "Municipal Culture, Radio, Film and Television Bureau",
            ["Municipal Culture, Radio, Film and Television Bureau"],
        ),
        # "and" splits between two complete names only.
        (
            "Municipal Bureau of Industry and Information Technology",
            ["Municipal Bureau of Industry and Information Technology"],
        ),
        ("Municipal Development and Reform Commission", ["Municipal Development and Reform Commission"]),
        (
            "Municipal Bureau of Industry and Information Technology and the Municipal Commerce Bureau",
            ["Municipal Bureau of Industry and Information Technology", "Municipal Commerce Bureau"],
        ),
        ("Municipal Commerce Bureau and each district", ["Municipal Commerce Bureau", "each district"]),
        (
            "the Municipal Market Supervision Bureau and district governments",
            ["Municipal Market Supervision Bureau", "district governments"],
        ),
        (
            "relevant municipal departments and each district",
            ["relevant municipal departments", "each district"],
        ),
        ("A Bureau, B Commission, and C Office", ["A Bureau", "B Commission", "C Office"]),
        (
            "Municipal Commerce Bureau/Municipal Finance Bureau",
            ["Municipal Commerce Bureau", "Municipal Finance Bureau"],
        ),
        (
            "Municipal Science and Technology Innovation Commission; competent departments of various industries",
            [
                "Municipal Science and Technology Innovation Commission",
                "competent departments of various industries",
            ],
        ),
        (
            "Shenzhen Airport Group Co., Ltd., Shenzhen Customs",
            ["Shenzhen Airport Group Co., Ltd", "Shenzhen Customs"],
        ),
        # Chinese: 、 ， , ; / split; 和 never does; a string with 等 stays whole.
        ("海关总署、文化和旅游部、文物局", ["海关总署", "文化和旅游部", "文物局"]),
        ("海关总署、商务部等有关部门", ["海关总署", "商务部等有关部门"]),
        ("市财政局，国网临江供电公司；各区", ["市财政局", "国网临江供电公司", "各区"]),
        ("市商务局/市财政局", ["市商务局", "市财政局"]),
        ("市住房和城乡建设局 市交通运输局", ["市住房和城乡建设局", "市交通运输局"]),
        # Trailing words that are not the name, and footnote markers.
        ("工业和信息化部、农业农村部等负责", ["工业和信息化部", "农业农村部等"]),
        ("市发展改革委、各区按职责分工负责", ["市发展改革委", "各区"]),
        ("市商务局[1]、市财政局①", ["市商务局", "市财政局"]),
        ("由市商务局负责", ["市商务局"]),
    ],
)
def test_split_units(text: str, units: list[str]):
    assert split_units(text) == units


@pytest.mark.parametrize(
    ("item", "lead", "participating"),
    [
        (
            "Do X. (Lead unit: Municipal Commerce Bureau; Participating units: Municipal Finance Bureau, each district)",
            ["Municipal Commerce Bureau"],
            ["Municipal Finance Bureau", "each district"],
        ),
        ("Do X. (Lead unit: A Bureau; Participants: B Office)", ["A Bureau"], ["B Office"]),
        (
            "Do X. (Lead unit: A Bureau; Co-organizers: B Office; Cooperating units: C Commission)",
            ["A Bureau"],
            ["B Office", "C Commission"],
        ),
        ("Do X. (Responsible unit: A Bureau; B Office)", ["A Bureau", "B Office"], []),
        ("Do X. (Responsible: A Bureau and B Office)", ["A Bureau", "B Office"], []),
        ("Do X (led by the A Bureau, with the participation of B District)", ["A Bureau"], ["B District"]),
        ("做好。（牵头单位：市商务局；配合单位：市财政局、各区）", ["市商务局"], ["市财政局", "各区"]),
        ("做好。（责任单位：市商务局、市财政局）", ["市商务局", "市财政局"], []),
        ("做好。（参与单位：市财政局；牵头部门：市商务局）", ["市商务局"], ["市财政局"]),
        ("做好。（协办单位：市财政局；责任部门：市商务局）", ["市商务局"], ["市财政局"]),
        ("做好。（市发展改革委牵头，市财政局、市商务局配合）", ["市发展改革委"], ["市财政局", "市商务局"]),
        ("做好。（海关总署、商务部负责）", ["海关总署", "商务部"], []),
        ("做好。（农业农村部、工业和信息化部牵头负责）", ["农业农村部", "工业和信息化部"], []),
        ("做好。（市商务局（牵头）、市财政局负责）", ["市商务局"], ["市财政局"]),
        ("做好工作。责任单位：市商务局、市财政局", ["市商务局", "市财政局"], []),
        ("做好工作。【牵头单位】市商务局【配合单位】市财政局", ["市商务局"], ["市财政局"]),
        ("做好。（责任单位：市商务局、市财政局；完成时限：2024年底）", ["市商务局", "市财政局"], []),
        (
            "做好。（牵头单位：市发展改革委；责任单位：各区、市有关部门）",
            ["市发展改革委"],
            ["各区", "市有关部门"],
        ),
        (
            "Do X. (Lead unit: A Bureau; Participating units: B Office; Deadline: end of 2024)",
            ["A Bureau"],
            ["B Office"],
        ),
    ],
)
def test_annotation_roles(item: str, lead: list[str], participating: list[str]):
    found = find_annotation(item)
    assert found is not None
    result = parse_annotation(found[1])
    assert (result.lead, result.participating) == (lead, participating)


def test_first_listed_is_lead_when_the_rule_is_stated_and_kept_below():
    first = parse_annotation("税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同")
    assert (first.lead, first.participating) == (["税务总局"], ["财政部", "海关总署"])
    assert first.states_rule and first.rule_persists
    later = parse_annotation("海关总署、商务部等有关部门负责", rule_in_force=True)
    assert (later.lead, later.participating) == (["海关总署"], ["商务部等有关部门"])
    english = parse_annotation(
        "Responsible: A Bureau, B Office; the first-listed unit is the lead, the same below"
    )
    assert (english.lead, english.participating, english.rule_persists) == (["A Bureau"], ["B Office"], True)
    once = parse_annotation("工业和信息化部、科技部负责。列第一位者为牵头单位")
    assert once.states_rule and not once.rule_persists


def test_rule_does_not_override_an_explicit_lead():
    result = parse_annotation("农业农村部、工业和信息化部牵头负责", rule_in_force=True)
    assert result.lead == ["农业农村部", "工业和信息化部"]


@pytest.mark.parametrize(
    "text",
    [
        "To explore the establishment of A mutual recognition (Category A) work permits",
        "加强监管（此件公开发布）",
        "The lead unit shall report quarterly (see Annex 2)",
        "Promote the reform of the sea and air port flow plan.",
        "支持企业发展（包括外资企业）。",
        "做好。（完成时限：2024年底）",
    ],
)
def test_not_an_annotation(text: str):
    assert find_annotation(text) is None


def test_annotation_position_leaves_the_item_text():
    text = "1. Build X. We will do Y. (Lead unit: A Bureau)"
    start, content = find_annotation(text)
    assert text[:start].rstrip() == "1. Build X. We will do Y."
    assert content == "Lead unit: A Bureau"
    assert find_annotation("Lead unit: A Bureau; Participating units: B Office")[0] == 0
