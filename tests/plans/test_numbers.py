"""A task's number leads its title with the mark its style needs, and never a second one."""

import pytest
from django.template import Context, Template

from taskbook.plans.models import Task
from taskbook.plans.numbers import numbered


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("3", "3."),
        ("3.2", "3.2."),
        ("b", "b."),
        ("（二）1", "（二）1."),
        ("（十一）", "（十一）"),
        ("〔三〕", "〔三〕"),
        ("(c)", "(c)"),
        ("三", "三、"),
        ("三、", "三、"),
        ("4.", "4."),
        ("", ""),
    ],
)
def test_the_number_gets_the_mark_its_style_needs(number: str, shown: str) -> None:
    assert numbered(number) == shown


def test_a_task_and_the_template_filter_use_the_same_rule() -> None:
    task = Task(number="（十一）", title="加强宣传推介")
    assert str(task) == "（十一） 加强宣传推介"
    assert str(Task(number="11", title="Publicity")) == "11. Publicity"
    rendered = Template("{% load numbering %}{{ task.number|numbered }}").render(Context({"task": task}))
    assert rendered == "（十一）"
