"""The shape every app keeps (docs/structure.md): the same inner files, a read rule on every model,
and writes in actions only. A new app or module that breaks the shape fails here."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

PACKAGE = Path(__file__).resolve().parents[1] / "taskbook"

# The layout, the demo loader and the API's root are not domain areas.
INFRASTRUCTURE = {"web", "demo", "api"}
STANDARD = [
    "models.py",
    "querysets.py",
    "actions.py",
    "access.py",
    "views.py",
    "urls.py",
    "api.py",
    "admin.py",
]
# What an app may lack, and why.
EXEMPT = {
    # No models: they show the figures of the other apps' querysets.
    "dashboards": {"models.py", "querysets.py", "actions.py", "access.py", "admin.py"},
    "roadmaps": {"models.py", "querysets.py", "actions.py", "access.py", "admin.py", "api.py"},
}

# Modules that may write to the database: the actions, the migrations, the demo, the one writer of
# audit events and the helper that moves tables in migrations.
WRITERS = (
    "actions.py",
    "/migrations/",
    "taskbook/demo/",
    "taskbook/audit/record.py",
    "taskbook/migrating.py",
)


def _domain_apps() -> list:
    return [
        config
        for config in apps.get_app_configs()
        if config.name.startswith("taskbook.") and config.label not in INFRASTRUCTURE
    ]


@pytest.mark.parametrize("config", _domain_apps(), ids=lambda c: c.label)
def test_every_app_has_the_standard_files(config):
    folder = Path(config.path)
    wanted = [name for name in STANDARD if name not in EXEMPT.get(config.label, set())]
    missing = [name for name in wanted if not (folder / name).is_file()]
    if not (folder / "templates" / config.label).is_dir():
        missing.append(f"templates/{config.label}/")
    assert not missing, f"{config.label} lacks {missing}"


def test_background_work_lives_in_jobs_modules():
    """A django.tasks task is defined in a jobs.py (or the daily run), where the worker's work is found."""
    misplaced = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "jobs.py" or path.name == "daily.py" or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(
                (isinstance(d, ast.Name) and d.id == "task")
                or (isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id == "task")
                for d in node.decorator_list
            ):
                misplaced.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}")
    assert not misplaced, misplaced


def test_every_model_has_a_read_rule():
    lacking = [
        model._meta.label
        for config in apps.get_app_configs()
        if config.name.startswith("taskbook.")
        for model in config.get_models()
        if not callable(getattr(model._default_manager, "visible_to", None))
    ]
    assert not lacking, f"models without visible_to(user): {lacking}"


def _is_file_content(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"ContentFile", "File"}
    )


def _writes(tree: ast.AST) -> list[tuple[int, str]]:
    """Calls that write to the database: ORM writes, a model's save() or delete(), a file field's
    save(name, content)."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, positional = node.func.attr, len(node.args)
        keywords = bool(node.keywords)
        if (
            name in {"bulk_create", "bulk_update", "get_or_create", "update_or_create"}
            or (name in {"save", "delete"} and positional == 0)
            or (name == "save" and positional >= 2 and _is_file_content(node.args[1]))
            or (name in {"create", "update"} and positional == 0 and keywords)
        ):
            found.append((node.lineno, name))
    return found


def test_only_actions_write():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).as_posix()
        if any(part in relative for part in WRITERS):
            continue
        for line, name in _writes(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{relative}:{line} .{name}()")
    assert not offenders, "writes outside actions:\n" + "\n".join(offenders)


def test_the_write_detector_finds_writes():
    """The check above would pass on any code if it recognised nothing: it does recognise writes."""
    code = (
        "Measure.objects.create(title='x')\n"
        "measure.save()\n"
        "measure.save(update_fields=['title'])\n"
        "qs.filter(a=1).update(b=2)\n"
        "qs.delete()\n"
        "Notification.objects.get_or_create(key=k, defaults=d)\n"
        "document.file.save(name, ContentFile(data))\n"
    )
    not_writes = (
        "workbook.save(buffer)\nimage.save(buffer, 'PNG')\nnames.update(other)\nstorage.delete(name)\n"
        "api.create_response(r, {})\n"
    )
    assert len(_writes(ast.parse(code))) == 7
    assert _writes(ast.parse(not_writes)) == []
