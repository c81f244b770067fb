"""The target parser: comparators, units as printed, years, ranges, and what is not a target."""

from __future__ import annotations

import pytest

from taskbook.ingest.targets import find_targets


def summary(text: str) -> list[tuple]:
    return [(t.value, t.unit, t.comparator, t.year) for t in find_targets(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "By 2025, the added value of the modern service industry will account for more than 77% of that of the "
            "service industry.",
            [(77, "%", ">=", 2025)],
        ),
        (
            "In 2025, the actual use of foreign investment in high-tech industries will reach more than US $4 billion.",
            [(4, "US$ billion", ">=", 2025)],
        ),
        (
            "By 2026, build at least 20,000 public charging piles.",
            [(20000, "public charging piles", ">=", 2026)],
        ),
        ("The share of electric buses will increase to 95% by 2026.", [(95, "%", "=", 2026)]),
        ("Keep the surveyed unemployment rate within 5.5% in 2025.", [(5.5, "%", "<=", 2025)]),
        ("Emissions will be no more than 30 million tonnes by 2030.", [(30, "million tonnes", "<=", 2030)]),
        ("Serve about 1,500 enterprises by 2025.", [(1500, "enterprises", "=", 2025)]),
        ("到2025年，政务服务事项网上可办率达到98%以上。", [(98, "%", ">=", 2025)]),
        ("全国农机总动力稳定在11亿千瓦左右。", [(11, "亿千瓦", "=", None)]),
        (
            "到2025年，新增就业15万名，城镇登记失业率控制在3.5%以内。",
            [(15, "万名", "=", 2025), (3.5, "%", "<=", 2025)],
        ),
        ("引进高层次人才不少于500名。", [(500, "名", ">=", None)]),
        ("培育跨境电商企业100家以上。", [(100, "家", ">=", None)]),
        ("打造消费集聚区20个左右。", [(20, "个", "=", None)]),
        ("软件业务收入不超过2000亿元。", [(2000, "亿元", "<=", None)]),
        ("到２０２５年，覆盖率达到９０％。", [(90, "%", ">=", 2025)]),
        ("培育创新型企业100多家。", [(100, "家", ">=", None)]),
        ("Increase the number of high-tech enterprises to 1,000 by 2025.", [(1000, "", "=", 2025)]),
        ("The number of new jobs will exceed 100,000 in 2025.", [(100000, "", ">=", 2025)]),
        ("新增电子证照200类以上。", [(200, "类", ">=", None)]),
    ],
)
def test_comparators_units_years(text: str, expected: list[tuple]):
    assert summary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "By 2025, the share of online ticket sales will reach 60%-70%.",
            [(60, "%", ">=", 2025), (70, "%", "<=", 2025)],
        ),
        ("The rate will stay between 10% and 15% in 2025.", [(10, "%", ">=", 2025), (15, "%", "<=", 2025)]),
        ("每年节约用电成本10至15亿元。", [(10, "亿元", ">=", None), (15, "亿元", "<=", None)]),
        ("研发投入强度达到4%—5%。", [(4, "%", ">=", None), (5, "%", "<=", None)]),
    ],
)
def test_a_range_is_two_targets(text: str, expected: list[tuple]):
    assert summary(text) == expected


def test_two_values_with_and_are_two_targets_not_a_range():
    assert summary("花生种植、收获机械化率分别达到65%和55%。") == [
        (65, "%", ">=", None),
        (55, "%", ">=", None),
    ]


def test_year_of_the_paragraph_head_holds_for_its_sentences():
    text = "到2020年，农机装备产业科技创新能力持续提升。全国农机总动力超过10亿千瓦，其中灌排机械动力达到1.2亿千瓦。"
    assert summary(text) == [(10, "亿千瓦", ">=", 2020), (1.2, "亿千瓦", ">=", 2020)]


def test_baseline_is_kept_apart():
    (target,) = find_targets("到2025年，全市科技型企业由1万家增加到2万家。")
    assert (target.value, target.unit, target.year, target.baseline) == (2, "万家", 2025, "1万家")
    (target,) = find_targets("Raise the rate from 60% to 70% by 2025.")
    assert (target.value, target.baseline) == (70, "60%")


@pytest.mark.parametrize(
    "text",
    [
        "Registration time will be cut to 1 working day.",  # a duration
        "Applications will be handled within 3 working days.",
        "办理时间压缩至3个工作日以内。",
        "Enterprises with annual revenue of more than 100 million yuan will receive a reward.",  # eligibility
        "对年营业收入超过1亿元的企业给予奖励。",
        "Logistics companies will receive a subsidy of 30,000 yuan per truck.",  # subsidy
        "对符合条件的项目按投资额的10%给予补贴，最高不超过1000万元。",
        "Loans of up to 5 million yuan will be guaranteed.",  # loan cap
        "The municipal budget allocates 2 billion yuan to the programme.",  # budget
        "安排专项资金5000万元。",
        "The plan covers 2023-2025.",  # years alone
        "到2025年，基本建成现代化体系。",
        "Build 5G networks in two cities.",  # list counts and names
        "重点抓好以下5个方面工作。",
        "落实《国务院关于印发“十四五”规划的通知（国发〔2021〕3号）》。",
        "Implement Article 5 of the regulations in Phase 2.",
        "第3条规定的事项。",
        "The concentration of PM2.5 is monitored.",
        "The plan runs to 2025.",
        "重点支持以下5类项目。",
    ],
)
def test_not_a_target(text: str):
    assert summary(text) == []


def test_text_and_metric_are_the_clause_as_printed():
    (target,) = find_targets(
        "By 2025, the added value of the modern service industry will account for more than 77% of "
        "that of the service industry."
    )
    assert target.text.startswith("By 2025, the added value") and target.text.endswith("service industry")
    assert target.metric == "the added value of the modern service industry"
    first, second = find_targets("全国农机总动力超过10亿千瓦，其中灌排机械动力达到1.2亿千瓦。")
    assert (first.text, first.metric) == ("全国农机总动力超过10亿千瓦", "全国农机总动力")
    assert second.metric == "灌排机械动力"
