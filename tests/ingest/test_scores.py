"""Every labelled document, real or synthetic, scores 1.0 with the shared scorer's own functions."""

from __future__ import annotations

from pathlib import Path

import pytest

from taskbook.ingest import extract_bytes, extract_file

from .builders import BUILDERS
from .conftest import DEV_CORPUS, DOCUMENTS, f1, gold_of

SAMPLES = sorted(p for p in DOCUMENTS.iterdir() if not p.name.endswith(".gold.json"))
DEV = (
    sorted(p for p in DEV_CORPUS.glob("*.txt") if p.with_name(p.stem + ".gold.json").exists())
    if DEV_CORPUS.exists()
    else []
)


def assert_perfect(scorer, gold: dict, predicted: dict) -> None:
    scores = f1(scorer, scorer.score_document(gold, predicted))
    assert scores == {key: 1.0 for key in scores}, scores


@pytest.mark.parametrize("path", DEV, ids=lambda p: p.name)
def test_dev_corpus_scores_one(scorer, path: Path):
    assert_perfect(scorer, gold_of(path), extract_file(path).to_dict())


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_document_scores_one(scorer, path: Path):
    assert_perfect(scorer, gold_of(path), extract_file(path).to_dict())


@pytest.mark.parametrize("stem", sorted(BUILDERS))
def test_built_document_scores_one(scorer, stem: str):
    suffix, build = BUILDERS[stem]
    plan = extract_bytes(build(), f"{stem}{suffix}")
    assert plan.source_format == suffix[1:]
    assert_perfect(scorer, gold_of(Path(f"{stem}{suffix}")), plan.to_dict())


def test_every_printed_unit_is_in_exactly_one_cluster():
    for path in [*SAMPLES, *DEV]:
        plan = extract_file(path)
        printed = {u for task in plan.tasks for u in task.lead_units + task.participating_units}
        for name in printed:
            holders = [unit for unit in plan.units if name == unit.name or name in unit.aliases]
            assert len(holders) == 1, (path.name, name, holders)
