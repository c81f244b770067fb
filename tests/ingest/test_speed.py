"""Cost stays linear: inputs built to trip up quadratic code or backtracking regexes.

Deterministic, not timed (figures belong in bench/): each input is read at two sizes and the
number of function calls the reading makes (Python and C, counted by a profile hook) must grow
about as the input does. A backtracking regex would instead hang, which the alarm turns into a
failure rather than a stuck run."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest

from taskbook.ingest import IngestError, extract_bytes

CASES: dict[str, Callable[[int], str]] = {
    "run of stars after an annotation": lambda n: (
        "Plan\n\n1. Do X (Lead unit: A Bureau)" + "*" * 20 * n + "a\n"
    ),
    "spaces after a table row": lambda n: (
        "Plan\n| a | b |\n" + " " * 30 * n + "x\n1. Do X (Lead unit: A Bureau)\n"
    ),
    "many sentences": lambda n: "Plan\n\n1. Do X. " + "We will do it. " * 4 * n + "(Lead unit: A Bureau)\n",
    "many numbers in one clause": lambda n: (
        "Plan\n\n1. 做好 " + "到2025年达到5%以上、" * n + "（牵头单位：市商务局）\n"
    ),
    "deep brackets": lambda n: "Plan\n\n1. Do X " + "(" * 10 * n + ")" * 10 * n + " (Lead unit: A Bureau)\n",
    "one huge word": lambda n: "Plan\n\n1. Do X " + "a" * 50 * n + ". (Lead unit: A Bureau)\n",
    "a long run of digits": lambda n: "Plan\n\n1. Do X " + "1" * 30 * n + " (Lead unit: A Bureau)\n",
    "the same number again and again": lambda n: (
        "Plan\n\n" + "1. Do X.\n" * 2 * n + "1. Do Y (Lead unit: A Bureau)\n"
    ),
    "many labels": lambda n: "Plan\n\n1. Do X " + "Lead unit: A; " * 2 * n + "\n",
}

SMALL, LARGE = 500, 2_000  # four times the input
# Linear reading makes about four times the calls; quadratic would make sixteen.
MOST_GROWTH = 6.0
HANG_SECONDS = 120  # far beyond any linear reading of these sizes, even on a loaded machine


@contextlib.contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def hung(signum: int, frame: FrameType | None) -> None:
        raise AssertionError(f"reading did not finish in {seconds} s: a backtracking pattern?")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _calls(text: str) -> int:
    count = 0

    def hook(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(hook)
    try:
        with contextlib.suppress(IngestError):  # refusing is fine; hanging is not
            extract_bytes(text.encode(), "plan.txt")
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("make", CASES.values(), ids=list(CASES))
def test_pathological_input_is_read_in_linear_cost(make: Callable[[int], str]):
    with _alarm(HANG_SECONDS):
        _calls(make(SMALL))  # the first reading also compiles patterns and fills caches
        small, large = _calls(make(SMALL)), _calls(make(LARGE))
    assert large <= MOST_GROWTH * small, (small, large)
