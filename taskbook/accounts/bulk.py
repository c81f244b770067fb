"""Adding many people from one sheet (XLSX or CSV): name, e-mail, phone, unit, role.

All or nothing: every row goes through `actions.create_user`; if any row is refused, nothing is
saved, no invitation leaves, and every row's faults are listed (row as the spreadsheet numbers it,
column, reason). The file itself is checked and read as the task books' sheets are
(`taskbooks.bulk.reading`: kind by content, size, GB18030 CSV, unpacked size of an XLSX).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taskbook.accounts import actions
from taskbook.errors import ActionError
from taskbook.ingest.units import normalise
from taskbook.orgs.actors import Actor
from taskbook.orgs.models import Role, Unit, UnitAlias
from taskbook.orgs.permissions import may_manage_people, require
from taskbook.taskbooks.bulk.faults import ImportFailed, RowError
from taskbook.taskbooks.bulk.reading import MAX_ROWS, check_file, is_filled, read_table

__all__ = ["COLUMNS", "MAX_ROWS", "ImportFailed", "RowError", "import_people"]

# key: (what the column holds, the header names it is recognised by, in lower case)
COLUMNS: dict[str, tuple[Any, set[str]]] = {
    "name": (gettext_lazy("the person's full name"), {"name", "full name", "姓名", "名字"}),
    "email": (
        gettext_lazy("e-mail address, also the user name"),
        {"e-mail", "email", "e-mail address", "邮箱", "电子邮件", "电子邮箱"},
    ),
    "phone": (gettext_lazy("phone (may be empty)"), {"phone", "telephone", "电话", "手机", "联系电话"}),
    "unit": (gettext_lazy("the unit's English or Chinese name, or another of its names"), {"unit", "单位"}),
    "role": (
        gettext_lazy("unit staff, unit admin, leader or coordinator (in English or Chinese)"),
        {"role", "角色"},
    ),
}
REQUIRED = ("name", "email", "unit", "role")


@dataclass
class Imported:
    users: list[User]


def _role_names() -> dict[str, str]:
    """Every way a sheet may write a role: its code, and its label in each language."""
    names = {}
    for role in Role:
        names[role.value] = role.value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names[str(role.label).lower()] = role.value
    return names


def _units() -> tuple[dict[str, Unit], dict[str, Unit]]:
    """Units by each exact printed name, and by the match key of each name (`orgs` aliases)."""
    exact: dict[str, Unit] = {}
    by_key: dict[str, Unit] = {}
    for unit in Unit.objects.filter(active=True):
        for name in (unit.name_en, unit.name_zh):
            if name:
                exact.setdefault(name, unit)
                by_key.setdefault(normalise(name), unit)
    for alias in UnitAlias.objects.filter(unit__active=True).select_related("unit"):
        exact.setdefault(alias.name, alias.unit)
        by_key.setdefault(alias.key, alias.unit)
    return exact, by_key


def _cell(cells: list[Any], index: int | None) -> str:
    if index is None or index >= len(cells) or not is_filled(cells[index]):
        return ""
    value = cells[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed into Excel arrives as a number
    return str(value).strip()


def import_people(actor: Actor, data: bytes, filename: str) -> Imported:
    """Create every person of the sheet and invite them; ImportFailed (nothing saved) if any row
    has a fault, ActionError if the file cannot be read at all."""
    require(may_manage_people(actor), _("Only the coordinator and unit admins add people."))
    kind, data = check_file(data, filename)
    table = read_table(data, kind, no_rows=_("The file has a header but no rows of people."))
    positions: dict[str, int] = {}
    for index, header in enumerate(table.header):
        for key, (_what, names) in COLUMNS.items():
            if header.strip().lower() in names and key not in positions:
                positions[key] = index
    missing = [key for key in REQUIRED if key not in positions]
    if missing:
        raise ImportFailed(
            [
                RowError(1, key, _("The header has no “%(column)s” column.") % {"column": key})
                for key in missing
            ]
        )
    roles = _role_names()
    exact, by_key = _units()
    errors: list[RowError] = []
    users: list[User] = []
    seen: dict[str, int] = {}
    with transaction.atomic():
        for number, cells in table.rows:
            row = {key: _cell(cells, positions.get(key)) for key in COLUMNS}
            faults = []
            unit = (exact.get(row["unit"]) or by_key.get(normalise(row["unit"]))) if row["unit"] else None
            if unit is None:
                faults.append(
                    RowError(number, "unit", _("No unit is called “%(unit)s”.") % {"unit": row["unit"]})
                    if row["unit"]
                    else RowError(number, "unit", _("The unit is missing."))
                )
            role = roles.get(row["role"].lower())
            if role is None:
                faults.append(
                    RowError(number, "role", _("“%(role)s” is not a role.") % {"role": row["role"]})
                )
            email = row["email"].lower()
            if email and email in seen:
                faults.append(
                    RowError(number, "email", _("Row %(row)d has the same address.") % {"row": seen[email]})
                )
            seen.setdefault(email, number)
            if faults:
                errors += faults
                continue
            assert unit is not None and role is not None  # a fault above otherwise
            try:
                with transaction.atomic():
                    users.append(
                        actions.create_user(
                            actor, name=row["name"], email=email, phone=row["phone"], unit=unit, role=role
                        )
                    )
            except ActionError as exc:
                errors.append(RowError(number, exc.field if exc.field in COLUMNS else "", exc.message))
            except PermissionDenied as exc:
                errors.append(RowError(number, "role", str(exc)))
        if errors:
            # Leaving the block by the exception undoes every row, and their invitations with them.
            raise ImportFailed(errors)
    return Imported(users=users)
