"""Unit names: normalisation, clustering, the alias table, and bodies that must never merge."""

from __future__ import annotations

import csv
import io

import pytest

from taskbook.ingest.units import (
    ALIAS_TABLE,
    cluster,
    guess_kind,
    known_unit,
    load_alias_table,
    normalise,
    table_conflicts,
)

SHENZHEN = "Work Plan for Optimizing the International Business Environment in Shenzhen (2023-2025)"
ELSEWHERE = "Work Plan for Optimizing the Business Environment in Guangzhou (2023-2025)"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Municipal Bureau of Commerce", "Municipal Commerce Bureau"),
        ("Municipal Bureau of Justice", "Municipal Justice Bureau"),
        (
            "Municipal Bureau of Planning and Natural Resources",
            "Municipal Planning and Natural Resources Bureau",
        ),
        ("Shenzhen Tax Bureau", "Shenzhen Taxation Bureau"),
        ("Municipal Qianhai Administration", "Municipal Qianhai Administration Bureau"),
        (
            "Municipal Government Service Data Administration",
            "Municipal Government Service Data Administration Bureau",
        ),
        ("the Municipal Commerce Bureau", "Municipal  commerce bureau."),
        (
            "Shenzhen Entry-Exit Border Inspection General Station",
            "Shenzhen Entry Exit Border Inspection General Station",
        ),
        ("深圳市 商务局", "深圳市商务局"),
    ],
)
def test_same_body_same_key(a: str, b: str):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Shenzhen Central Branch of the People's Bank of China",
            "Shenzhen Central Branch of the People's Bank",
        ),
        (
            "Shenzhen Central Branch of the People's Bank of China",
            "Shenzhen Central Branch of the People's Bank of Shenzhen",
        ),
        ("Municipal Transportation Bureau", "Municipal Bureau of Transport"),
        ("Municipal Bureau of Commerce", "Municipal Bureau of Finance"),
        ("Organization Department of the CPC Municipal Committee", "CPC Municipal Committee"),
        ("Futian District", "Futian District Court"),
        ("市商务局", "深圳市商务局"),
        ("商务部", "商务部等有关部门"),
        ("农业农村部", "农业农村部等"),
        ("Municipal Development and Reform Commission", "Municipal Development Commission"),
    ],
)
def test_rules_alone_never_merge_these(a: str, b: str):
    assert normalise(a) != normalise(b)
    assert len(cluster([a, b], context=ELSEWHERE)) == 2


def test_the_alias_table_merges_what_rules_cannot_see_in_its_scope_only():
    names = [
        "Shenzhen Central Branch of the People's Bank of China",
        "Shenzhen Central Branch of the People's Bank",
        "Shenzhen Central Branch of the People's Bank of Shenzhen",
        "Municipal Bureau of Transport",
        "Municipal Transportation Bureau",
    ]
    units = cluster(names, context=SHENZHEN)
    assert [sorted([u.name, *u.aliases]) for u in units] == [sorted(names[:3]), sorted(names[3:])]
    assert units[0].name_zh == "中国人民银行深圳市中心支行"
    assert units[1].name_zh == "深圳市交通运输局"
    # In another city's plan the Shenzhen rows do not apply: nothing is merged.
    assert len(cluster([*names[3:], "市商务局", "深圳市商务局"], context=ELSEWHERE)) == 4


def test_cluster_keeps_order_picks_a_canonical_name_and_fills_both_languages():
    units = cluster(
        [
            "Municipal Commerce Bureau",
            "Futian District",
            "Municipal Bureau of Commerce",
            "Municipal Commerce Bureau",
        ],
        context=SHENZHEN,
    )
    assert [u.name for u in units] == ["Municipal Bureau of Commerce", "Futian District"]
    assert units[0].aliases == ["Municipal Commerce Bureau"]
    assert (units[0].name_zh, units[0].name_en, units[0].kind) == (
        "深圳市商务局",
        "Municipal Bureau of Commerce",
        "bureau",
    )
    assert units[1].kind == "district"
    plain = cluster(["Northbay Meteorological Bureau", "Northbay Meteorological Bureau"])
    assert [(u.name, u.aliases, u.name_en, u.name_zh) for u in plain] == [
        ("Northbay Meteorological Bureau", [], "Northbay Meteorological Bureau", "")
    ]
    chinese = cluster(["海关总署", "税务总局"], context="国务院关于……")
    assert [(u.name, u.aliases, u.name_en) for u in chinese] == [
        ("海关总署", [], "General Administration of Customs"),
        ("国家税务总局", ["税务总局"], "State Taxation Administration"),
    ]


def test_known_unit():
    unit = known_unit("Municipal Commerce Bureau")
    assert unit is not None
    assert (unit.name_en, unit.name_zh, unit.kind) == (
        "Municipal Bureau of Commerce",
        "深圳市商务局",
        "bureau",
    )
    assert "市商务局" in unit.aliases
    assert known_unit("深圳海关").name_en == "Shenzhen Customs"
    assert known_unit("Bureau of Something Unheard Of") is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Municipal Bureau of Commerce", "bureau"),
        ("Municipal Health Commission", "bureau"),
        ("Municipal Foreign Affairs Office", "bureau"),
        ("Futian District", "district"),
        ("each district", "district"),
        ("Municipal Intermediate Court", "court"),
        ("Shenzhen Airport Group", "company"),
        ("Harbour City Telecom Company", "company"),
        ("Shenzhen Central Branch of the People's Bank of China", "bureau"),
        ("competent departments of various industries", "bureau"),
        ("enterprises", "other"),
        ("市商务局", "bureau"),
        ("市发展改革委", "bureau"),
        ("市外办", "bureau"),
        ("福田区", "district"),
        ("各区", "district"),
        ("深圳市中级人民法院", "court"),
        ("国网临江供电公司", "company"),
        ("深圳机场集团", "company"),
        ("各有关企业", "other"),
    ],
)
def test_guess_kind(name: str, kind: str):
    assert guess_kind(name) == kind


def test_alias_table_is_well_formed():
    assert table_conflicts() == []
    rows = load_alias_table()
    assert len(rows) >= 40
    kinds = {"bureau", "district", "court", "company", "other"}
    for row in rows:
        assert row.kind in kinds, row
        assert row.name_en or row.name_zh
    # Plain CSV after the comment lines, so that anyone can edit it in a spreadsheet.
    text = "".join(
        line for line in ALIAS_TABLE.read_text(encoding="utf-8").splitlines(True) if not line.startswith("#")
    )
    header = next(csv.reader(io.StringIO(text)))
    assert header == ["name_en", "name_zh", "kind", "scope", "aliases"]
    shenzhen = [row for row in rows if "Shenzhen" in row.scope]
    assert all(row.name_zh for row in shenzhen)
