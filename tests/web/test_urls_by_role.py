"""Every URL of the site, visited as every role. A URL without an expectation fails the test, so
no new page can escape the access rules.

The expectations of the plans, units and API pages are below; each other area keeps its own in
`tests/<area>/url_roles.py`, a module with EXPECTED (the same shape) and `paths(ctx)`, which gives
the path of each of its URL names for the objects of `ctx` (a Context below).
"""

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan
from taskbook.plans.models import PlanImport
from tests.conftest import make_draft

# The last two are people of another unit: a leak from one unit to another shows in their columns.
ROLES = [
    "anonymous",
    "no_role",
    "unit_staff",
    "unit_admin",
    "leader",
    "coordinator",
    "other_staff",
    "other_admin",
]
LOGIN = 302  # anonymous visitors are sent to the sign-in page

# url name: (method, status per role in ROLES order). POST-only URLs are posted to with no data: a
# role that may not act gets 403 (or 404 where it may not even see the object), the coordinator 400
# (the empty form is refused with its reason) or 302 (done).
EXPECTED: dict[str, tuple[str, tuple[int, ...]]] = {
    "home": ("GET", (302, 302, 302, 302, 302, 302, 302, 302)),
    "login": ("GET", (200, 302, 302, 302, 302, 302, 302, 302)),
    "set_language": ("POST", (302, 302, 302, 302, 302, 302, 302, 302)),
    "plans:list": ("GET", (LOGIN, 200, 200, 200, 200, 200, 200, 200)),
    "plans:import": ("GET", (LOGIN, 403, 403, 403, 403, 200, 403, 403)),
    "plans:review": ("GET", (LOGIN, 403, 403, 403, 403, 200, 403, 403)),
    "plans:discard": ("POST", (LOGIN, 403, 403, 403, 403, 302, 403, 403)),
    "plans:detail": ("GET", (LOGIN, 404, 200, 200, 200, 200, 200, 200)),
    "plans:draft_detail": ("GET", (LOGIN, 404, 404, 404, 404, 200, 404, 404)),
    "plans:source": ("GET", (LOGIN, 404, 200, 200, 200, 200, 200, 200)),
    "plans:status": ("POST", (LOGIN, 404, 403, 403, 403, 400, 403, 403)),
    "plans:task": ("GET", (LOGIN, 404, 200, 200, 200, 200, 200, 200)),
    "orgs:list": ("GET", (LOGIN, 200, 200, 200, 200, 200, 200, 200)),
    "orgs:detail": ("GET", (LOGIN, 200, 200, 200, 200, 200, 200, 200)),
    "orgs:merge": ("POST", (LOGIN, 403, 403, 403, 403, 400, 403, 403)),
    "orgs:split": ("POST", (LOGIN, 403, 403, 403, 403, 400, 403, 403)),
    "orgs:alias_add": ("POST", (LOGIN, 403, 403, 403, 403, 400, 403, 403)),
    "admin:index": ("GET", (302, 302, 302, 302, 302, 302, 302, 302)),
    "api:api-root": ("GET", (404, 404, 404, 404, 404, 404, 404, 404)),
    # The schema and its docs page are for signed-in users (no data, but the API's shape is no
    # business of the public).
    "api:openapi-json": ("GET", (LOGIN, 200, 200, 200, 200, 200, 200, 200)),
    "api:openapi-view": ("GET", (LOGIN, 200, 200, 200, 200, 200, 200, 200)),
    "api:list_plans": ("GET", (401, 200, 200, 200, 200, 200, 200, 200)),
    "api:get_plan": ("GET", (401, 404, 200, 200, 200, 200, 200, 200)),
    "api:list_units": ("GET", (401, 200, 200, 200, 200, 200, 200, 200)),
    "logout": ("POST", (302, 302, 302, 302, 302, 302, 302, 302)),  # last: it ends the session
}


def _names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns == "admin":
                names.add("admin:index")  # Django's own admin: its front door stands for the rest
                continue
            names |= _names(entry, f"{prefix}{ns}:" if ns else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def _area_modules() -> list[Any]:
    import tests

    found = []
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                found.append(importlib.import_module(f"tests.{info.name}.url_roles"))
            except ModuleNotFoundError as exc:
                if exc.name != f"tests.{info.name}.url_roles":
                    raise
    return found


AREAS = _area_modules()
ALL_EXPECTED = {**EXPECTED, **{k: v for m in AREAS for k, v in m.EXPECTED.items()}}
ALL_EXPECTED["logout"] = ALL_EXPECTED.pop("logout")  # last: it ends the session


@dataclass
class Context:
    people: Any
    plan: Any
    workplan: Any
    draft_plan: Any
    staged: Any
    task: Any


def test_every_expectation_names_every_role():
    wrong = {
        name: statuses for name, (_method, statuses) in ALL_EXPECTED.items() if len(statuses) != len(ROLES)
    }
    assert not wrong, wrong


def test_every_url_has_an_expectation(db):
    missing = _names(get_resolver()) - set(ALL_EXPECTED) - {"plans:draft_detail"}
    assert not missing, f"URLs with no expected status per role: {sorted(missing)}"


def _core_paths(ctx: Context) -> dict[str, str]:
    plan, people = ctx.plan, ctx.people
    args = {
        "plans:review": [ctx.staged.pk],
        "plans:discard": [ctx.staged.pk],
        "plans:detail": [plan.pk],
        "plans:source": [plan.pk],
        "plans:status": [plan.pk],
        "plans:task": [plan.pk, ctx.task.pk],
        "orgs:detail": [people.commerce.pk],
        "orgs:merge": [people.commerce.pk],
        "orgs:split": [people.commerce.pk],
        "orgs:alias_add": [people.commerce.pk],
    }
    paths = {
        name: reverse(name, args=args.get(name, []))
        for name in EXPECTED
        if name not in {"plans:draft_detail", "api:get_plan"}
    }
    paths["plans:draft_detail"] = reverse("plans:detail", args=[ctx.draft_plan.pk])
    paths["api:get_plan"] = reverse("api:get_plan", kwargs={"plan_id": plan.pk})
    return paths


@pytest.fixture
def urls(people, plan, workplan):
    draft_plan = import_plan(SYSTEM, make_draft(title="A draft plan (2024-2026)")).plan
    staged = PlanImport.objects.create(
        source_name="x.txt",
        source_sha256="0" * 64,
        language="en",
        draft=make_draft(),
        source_text="",
        uploaded_by=people.alice,
    )
    staged.source_file.save("x.txt", ContentFile(b"x"))
    plan.source_file.save("plan.txt", ContentFile(b"plan"))
    ctx = Context(
        people=people,
        plan=plan,
        workplan=workplan,
        draft_plan=draft_plan,
        staged=staged,
        task=plan.tasks.get(number="1"),
    )
    paths = _core_paths(ctx)
    for module in AREAS:
        paths.update(module.paths(ctx))
    assert set(paths) == set(ALL_EXPECTED), set(paths) ^ set(ALL_EXPECTED)
    return {name: paths[name] for name in ALL_EXPECTED}


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_status_of_every_url_for_role(client, people, urls, role_index, role):
    if role != "anonymous":
        client.force_login(people.by_role()[role])
    failures = []
    for name, path in urls.items():
        method, statuses = ALL_EXPECTED[name]
        response = client.post(path) if method == "POST" else client.get(path)
        expected = statuses[role_index]
        if response.status_code != expected:
            failures.append(f"{name} {path}: {response.status_code}, expected {expected}")
    assert not failures, "\n".join(failures)
