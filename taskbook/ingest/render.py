"""A PlanDraft as a readable text outline, for `taskbook extract --format text`."""

from __future__ import annotations

from .draft import PlanDraft, TargetDraft


def _target(target: TargetDraft) -> str:
    year = f" by {target.year}" if target.year else ""
    metric = f"{target.metric}: " if target.metric else ""
    return f"{metric}{target.comparator} {target.value:g} {target.unit}{year}"


def _label(number: str) -> str:
    """A printed number as it would stand before its title: "1. ", "（三）", "一、", "第二条 "."""
    if not number:
        return ""
    if number.endswith((")", "）")):
        return number
    if number.startswith("第"):
        return number + " "
    if all("\u4e00" <= ch <= "\u9fff" for ch in number):
        return number + "、"
    return number + ". "


def render_outline(plan: PlanDraft) -> str:
    lines = [plan.title or "(untitled plan)"]
    facts = [f"language: {plan.language}", f"format: {plan.source_format}"]
    if plan.period_start:
        facts.append(f"period: {plan.period_start}-{plan.period_end}")
    if plan.issuing_body:
        facts.append(f"issued by: {plan.issuing_body}")
    facts.append(f"{len(plan.tasks)} tasks, {len(plan.units)} units")
    lines += ["  " + "; ".join(facts), ""]
    for section in plan.sections:
        heading = f"{_label(section.number)}{section.title}".strip() or "(no section)"
        if not section.tasks:
            lines.append(f"{heading}  [text, lines {section.line_start}-{section.line_end}]")
            for target in section.targets:
                lines.append(f"    target: {_target(target)}")
            lines.append("")
            continue
        lines.append(heading)
        for task in section.tasks:
            lines.append(f"  {_label(task.number)}{task.title}  [lines {task.line_start}-{task.line_end}]")
            if task.lead_units:
                lines.append(f"      lead: {'; '.join(task.lead_units)}")
            if task.participating_units:
                lines.append(f"      participating: {'; '.join(task.participating_units)}")
            for target in task.targets:
                lines.append(f"      target: {_target(target)}")
        lines.append("")
    lines.append("Units")
    for unit in plan.units:
        other = unit.name_zh if unit.name_zh and unit.name_zh != unit.name else ""
        extra = f" / {other}" if other else ""
        lines.append(f"  {unit.name}{extra}  ({unit.kind})")
        for alias in unit.aliases:
            lines.append(f"      also: {alias}")
    for warning in plan.warnings:
        lines.append(f"warning: {warning}")
    return "\n".join(lines).rstrip() + "\n"
