"""The review screen's form: the extraction as fields, and the posted fields back as an extraction.

Field names carry positions: s-<section>-title, t-<section>-<task>-lead, g-<section>-<task>-<target>-value.
A task's unit lists are one name per line, so a name with commas stays whole.
"""

from collections.abc import Mapping
from typing import Any


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def rows(draft: dict[str, Any], source_text: str) -> list[dict[str, Any]]:
    """Sections and tasks prepared for the template, each task with its source lines."""
    lines = source_text.splitlines()
    out = []
    for si, section in enumerate(draft.get("sections") or []):
        tasks = []
        for ti, task in enumerate(section.get("tasks") or []):
            start, end = task.get("line_start") or 0, task.get("line_end") or 0
            excerpt = "\n".join(lines[start - 1 : end]) if start and end >= start else task.get("body", "")
            blank = {"comparator": ">=", "value": "", "unit": "", "year": "", "text": "", "blank": True}
            targets = [*(task.get("targets") or []), blank]
            tasks.append(
                {
                    "si": si,
                    "ti": ti,
                    "task": task,
                    "source": excerpt,
                    "lines": (start, end),
                    "lead": "\n".join(task.get("lead_units") or []),
                    "participating": "\n".join(task.get("participating_units") or []),
                    "targets": list(enumerate(targets)),
                }
            )
        out.append({"si": si, "section": section, "tasks": tasks})
    return out


def draft_from_post(post: Mapping[str, str], draft: dict[str, Any]) -> dict[str, Any]:
    """The draft with the reviewer's corrections; positions not posted keep their old values."""
    new = {**draft, "title": post.get("title", draft.get("title", "")).strip()}
    sections = []
    for si, section in enumerate(draft.get("sections") or []):
        s = {
            **section,
            "number": post.get(f"s-{si}-number", section.get("number", "")).strip(),
            "title": post.get(f"s-{si}-title", section.get("title", "")).strip(),
        }
        tasks = []
        for ti, task in enumerate(section.get("tasks") or []):
            prefix = f"t-{si}-{ti}"
            if post.get(f"{prefix}-delete"):
                continue
            t = {
                **task,
                "number": post.get(f"{prefix}-number", task.get("number", "")).strip(),
                "title": post.get(f"{prefix}-title", task.get("title", "")).strip(),
            }
            if f"{prefix}-lead" in post:
                t["lead_units"] = _lines(post[f"{prefix}-lead"])
                t["participating_units"] = _lines(post.get(f"{prefix}-participating", ""))
            targets = []
            for gi in range(len(task.get("targets") or []) + 1):
                g = f"g-{si}-{ti}-{gi}"
                if f"{g}-value" not in post:
                    if gi < len(task.get("targets") or []):
                        targets.append(task["targets"][gi])
                    continue
                if post.get(f"{g}-delete") or not post[f"{g}-value"].strip():
                    continue
                targets.append(
                    {
                        "comparator": post.get(f"{g}-comparator", ">="),
                        "value": post[f"{g}-value"].strip(),
                        "unit": post.get(f"{g}-unit", "").strip(),
                        "year": post.get(f"{g}-year", "").strip() or None,
                        "text": post.get(f"{g}-text", "").strip(),
                        "metric": (task.get("targets") or [{}] * (gi + 1))[gi].get("metric", "")
                        if gi < len(task.get("targets") or [])
                        else "",
                    }
                )
            t["targets"] = targets
            tasks.append(t)
        s["tasks"] = tasks
        sections.append(s)
    new["sections"] = sections
    return new
