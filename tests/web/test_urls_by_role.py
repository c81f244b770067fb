"""Every URL of the site, visited as every role. A URL without an expectation here fails the test,
so no new page can escape the access rules."""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from taskbook.plans.actions import import_plan
from taskbook.plans.models import PlanImport
from tests.conftest import make_draft

ROLES = ["anonymous", "no_role", "unit_staff", "unit_admin", "leader", "coordinator"]
LOGIN = 302  # anonymous visitors are sent to the sign-in page

# url name: status per role, in ROLES order; GET unless the name ends in a POST-only marker.
EXPECTED: dict[str, tuple[int, ...]] = {
    "home": (302, 302, 302, 302, 302, 302),
    "login": (200, 302, 302, 302, 302, 302),
    "logout": (405, 405, 405, 405, 405, 405),  # sign-out is a POST
    "set_language": (302, 302, 302, 302, 302, 302),
    "plans:list": (LOGIN, 200, 200, 200, 200, 200),
    "plans:import": (LOGIN, 403, 403, 403, 403, 200),
    "plans:review": (LOGIN, 403, 403, 403, 403, 200),
    "plans:discard": (LOGIN, 403, 403, 403, 403, 405),
    "plans:detail": (LOGIN, 404, 200, 200, 200, 200),
    "plans:draft_detail": (LOGIN, 404, 404, 404, 404, 200),
    "plans:source": (LOGIN, 404, 200, 200, 200, 200),
    "plans:status": (LOGIN, 404, 405, 405, 405, 405),
    "plans:task": (LOGIN, 404, 200, 200, 200, 200),
    "orgs:list": (LOGIN, 200, 200, 200, 200, 200),
    "orgs:detail": (LOGIN, 200, 200, 200, 200, 200),
    "orgs:merge": (LOGIN, 403, 403, 403, 403, 405),
    "orgs:split": (LOGIN, 403, 403, 403, 403, 405),
    "orgs:alias_add": (LOGIN, 403, 403, 403, 403, 405),
    "admin:index": (302, 302, 302, 302, 302, 302),
    "api:openapi-json": (200, 200, 200, 200, 200, 200),  # the schema holds no data
    "api:openapi-view": (200, 200, 200, 200, 200, 200),
    "api:list_plans": (401, 200, 200, 200, 200, 200),
    "api:get_plan": (401, 404, 200, 200, 200, 200),
    "api:list_units": (401, 200, 200, 200, 200, 200),
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


def test_every_url_has_an_expectation(db):
    missing = _names(get_resolver()) - set(EXPECTED) - {"plans:draft_detail"}
    assert not missing, f"URLs with no expected status per role: {sorted(missing)}"


@pytest.fixture
def urls(people, plan):
    draft_plan = import_plan(None, make_draft(title="A draft plan (2024-2026)")).plan
    staged = PlanImport.objects.create(
        source_name="x.txt",
        source_sha256="0" * 64,
        language="en",
        draft=make_draft(),
        source_text="",
        uploaded_by=people.alice,
    )
    staged.source_file.save("x.txt", ContentFile(b"x"))
    task = plan.tasks.first()
    plan.source_file.save("plan.txt", ContentFile(b"plan"))
    args = {
        "plans:review": [staged.pk],
        "plans:discard": [staged.pk],
        "plans:detail": [plan.pk],
        "plans:source": [plan.pk],
        "plans:status": [plan.pk],
        "plans:task": [plan.pk, task.pk],
        "plans:draft_detail": [draft_plan.pk],
        "orgs:detail": [people.commerce.pk],
        "orgs:merge": [people.commerce.pk],
        "orgs:split": [people.commerce.pk],
        "orgs:alias_add": [people.commerce.pk],
        "api:get_plan": [plan.pk],
    }
    paths = {}
    for name in EXPECTED:
        if name == "plans:draft_detail":
            paths[name] = reverse("plans:detail", args=args[name])
        elif name == "api:get_plan":
            paths[name] = reverse(name, kwargs={"plan_id": plan.pk})
        elif name == "set_language":
            paths[name] = reverse(name)
        else:
            paths[name] = reverse(name, args=args.get(name, []))
    return paths


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_status_of_every_url_for_role(client, people, urls, role_index, role):
    if role != "anonymous":
        client.force_login(people.by_role()[role])
    failures = []
    for name, path in urls.items():
        response = client.get(path)
        expected = EXPECTED[name][role_index]
        if response.status_code != expected:
            failures.append(f"{name} {path}: {response.status_code}, expected {expected}")
    assert not failures, "\n".join(failures)
