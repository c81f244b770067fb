"""Fixtures of the ingest tests: the shared scorer, the sample documents, built documents.

These tests need no Django: run them with `pytest tests/ingest -p no:django`.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).parent
DOCUMENTS = HERE / "documents"
GENERATED = HERE / "generated"
SHARED = Path(__file__).parents[2] / ".." / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
DEV_CORPUS = SHARED / "corpus" / "dev"


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not at {SCORER}")
    return load_scorer()


def gold_of(document: Path) -> dict:
    stem = document.name[: -len(document.suffix)]
    for folder in (document.parent, GENERATED):
        path = folder / f"{stem}.gold.json"
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"no gold file for {document.name}")


def f1(scorer: ModuleType, counts: dict) -> dict[str, float]:
    """F1 per figure, 1.0 where the gold labels nothing of that kind."""
    return {key: scorer.prf(*value)[2] for key, value in counts.items()}
