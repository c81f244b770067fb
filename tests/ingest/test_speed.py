"""Cost stays linear: inputs built to trip up quadratic code or backtracking regexes."""

from __future__ import annotations

import contextlib
import time

import pytest

from taskbook.ingest import IngestError, extract_bytes

CASES = {
    "run of stars after an annotation": "Plan\n\n1. Do X (Lead unit: A Bureau)" + "*" * 200_000 + "a\n",
    "spaces after a table row": "Plan\n| a | b |\n" + " " * 300_000 + "x\n1. Do X (Lead unit: A Bureau)\n",
    "many sentences": "Plan\n\n1. Do X. " + "We will do it. " * 40_000 + "(Lead unit: A Bureau)\n",
    "many numbers in one clause": "Plan\n\n1. 做好 "
    + "到2025年达到5%以上、" * 10_000
    + "（牵头单位：市商务局）\n",
    "deep brackets": "Plan\n\n1. Do X " + "(" * 100_000 + ")" * 100_000 + " (Lead unit: A Bureau)\n",
    "one huge word": "Plan\n\n1. Do X " + "a" * 500_000 + ". (Lead unit: A Bureau)\n",
    "a long run of digits": "Plan\n\n1. Do X " + "1" * 300_000 + " (Lead unit: A Bureau)\n",
    "the same number again and again": "Plan\n\n" + "1. Do X.\n" * 20_000 + "1. Do Y (Lead unit: A Bureau)\n",
    "many labels": "Plan\n\n1. Do X " + "Lead unit: A; " * 20_000 + "\n",
}


@pytest.mark.parametrize("text", CASES.values(), ids=list(CASES))
def test_pathological_input_is_read_quickly(text: str):
    start = time.perf_counter()
    with contextlib.suppress(IngestError):  # refusing is fine; hanging is not
        extract_bytes(text.encode(), "plan.txt")
    assert time.perf_counter() - start < 5.0
