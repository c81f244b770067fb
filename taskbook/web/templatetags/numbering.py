"""`{{ task.number|numbered }}`: a task's number as it leads its title (plans/numbers.py)."""

from django import template

from taskbook.plans.numbers import numbered as numbered_rule

register = template.Library()


@register.filter
def numbered(number: str) -> str:
    return numbered_rule(str(number))
