"""Extraction speed: the demo plan, and generated plans of 500, 1000 and 2000 tasks.

Run: .venv/bin/python bench/bench_extract.py

Each figure is the best of five runs of `extract_bytes` on a document held in memory. The
generated plans have sections of ten tasks, every task with a responsibility annotation and
every third with a target, in English and in Chinese. Time per task stays flat as the
plan grows: the extractor's cost is linear in the size of the document. Timings move with
the machine's load, so the table also counts Python function calls per task (one profiled
run): a count that does not depend on the machine and stays flat when the cost is linear.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from taskbook.ingest import extract_bytes  # noqa: E402
from taskbook.ingest.docx_reader import chinese_numeral  # noqa: E402

DEMO_PLACES = [
    ROOT / "taskbook" / "demo" / "data" / "shenzhen-intl-business-environment-2023-2025.en.txt",
    ROOT.parent / "shared" / "corpus" / "dev" / "shenzhen-intl-business-environment-2023-2025.en.txt",
]
SIZES = (500, 1000, 2000)
RUNS = 5

_EN_UNITS = [
    "Municipal Bureau of Commerce",
    "Municipal Development and Reform Commission",
    "Municipal Finance Bureau",
    "Municipal Bureau of Culture, Radio, Television, Tourism and Sports",
    "Futian District",
    "each district",
    "Municipal Hong Kong and Macao Office",
    "Shenzhen Customs",
]
_ZH_UNITS = [
    "市商务局",
    "市发展改革委",
    "市财政局",
    "市文化广电旅游体育局",
    "福田区",
    "各区人民政府",
    "文化和旅游部",
    "海关总署",
]


def english_plan(tasks: int) -> bytes:
    lines = [
        f"Work Plan for a Generated City ({2024}-{2026})",
        "",
        "I. General requirements",
        "",
        "The city will carry out the following tasks.",
        "",
        "II. Main tasks",
        "",
    ]
    for task in range(1, tasks + 1):
        if task % 10 == 1:
            lines += [f"{task // 10 + 1}. Creating area number {task // 10 + 1} of the plan", ""]
        lead = _EN_UNITS[task % len(_EN_UNITS)]
        others = ", ".join(u for u in _EN_UNITS[(task + 1) % 4 : (task + 1) % 4 + 3] if u != lead)
        target = ""
        if task % 3 == 0:
            target = f" By 2025, the share of online services will reach more than {50 + task % 40}%."
        lines += [
            f"{task}. Improve public service number {task}. We will simplify procedures, share data between "
            f"departments and publish the results every quarter for enterprises and citizens.{target} "
            f"(Lead unit: {lead}; Participating units: {others})",
            "",
        ]
    lines += ["III. Safeguards", "", "1. Strengthen leadership. Every unit will draw up a task book."]
    return "\n".join(lines).encode()


def chinese_plan(tasks: int) -> bytes:
    lines = ["临江市生成测试工作方案（2024—2026年）", "", "一、总体要求", "以高质量发展为主题。"]
    lines.append("二、主要任务")
    for task in range(1, tasks + 1):
        if task % 10 == 1:
            lines.append(f"（{chinese_numeral(task // 10 + 1)}）推进第{task // 10 + 1}个领域的改革")
        units = "、".join(_ZH_UNITS[(task + k) % len(_ZH_UNITS)] for k in range(3))
        target = f"到2025年，政务服务事项网上可办率达到{50 + task % 40}%以上。" if task % 3 == 0 else ""
        rule = "，列第一位者为牵头单位，下同" if task == 1 else ""
        lines.append(
            f"{task}.推进第{task}项改革任务。简化办事流程，推动部门数据共享，按季度公布进展。{target}"
            f"（{units}负责{rule}）"
        )
    lines += ["三、保障措施", "各单位要制定任务书、路线图、时间表和责任制。"]
    return "\n".join(lines).encode()


def best_of(data: bytes, name: str, expected: int | None = None) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        plan = extract_bytes(data, name)
        best = min(best, time.perf_counter() - start)
    if expected is not None and len(plan.tasks) != expected:
        raise SystemExit(f"{name}: {len(plan.tasks)} tasks extracted, {expected} expected")
    return best


def calls_per_task(data: bytes, name: str, tasks: int) -> float:
    profile = cProfile.Profile()
    profile.enable()
    extract_bytes(data, name)
    profile.disable()
    return pstats.Stats(profile).total_calls / tasks  # type: ignore[attr-defined]


def main() -> int:
    rows: list[tuple[str, int, int, float, float]] = []
    demo = next((p for p in DEMO_PLACES if p.exists()), None)
    if demo is not None:
        data = demo.read_bytes()
        seconds = best_of(data, demo.name, 12)
        rows.append(("demo plan (Shenzhen, en)", 12, len(data), seconds, calls_per_task(data, demo.name, 12)))
    for language, build in (("en", english_plan), ("zh", chinese_plan)):
        for size in SIZES:
            data = build(size)
            name = f"generated.{language}.txt"
            seconds = best_of(data, name, size)
            rows.append(
                (f"generated, {language}", size, len(data), seconds, calls_per_task(data, name, size))
            )
    print(f"{'document':26} {'tasks':>6} {'KiB':>7} {'best of 5':>11} {'per task':>10} {'calls/task':>11}")
    for name, tasks, size, seconds, calls in rows:
        per_task = seconds / tasks * 1e6
        kib = size / 1024
        print(f"{name:26} {tasks:6d} {kib:7.1f} {seconds * 1000:9.1f} ms {per_task:7.0f} µs {calls:11.0f}")
    for language in ("en", "zh"):
        times = {
            tasks: secs for name, tasks, _, secs, _ in rows if name.endswith(language) and tasks in SIZES
        }
        calls = {
            tasks: c * tasks for name, tasks, _, _, c in rows if name.endswith(language) and tasks in SIZES
        }
        print(
            f"growth {language}: 2000 tasks take {times[2000] / times[500]:.1f}x the time and "
            f"{calls[2000] / calls[500]:.2f}x the calls of 500 (linear: 4.0x)"
        )
    if demo is not None and rows[0][3] >= 1.0:
        print("the demo plan took a second or more", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
