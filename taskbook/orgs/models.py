from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taskbook.orgs.querysets import MembershipQuerySet, UnitAliasQuerySet, UnitQuerySet


class UnitKind(models.TextChoices):
    BUREAU = "bureau", _("bureau")
    DISTRICT = "district", _("district")
    COURT = "court", _("court")
    COMPANY = "company", _("company")
    OTHER = "other", _("other")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    LEADER = "leader", _("leader")
    UNIT_ADMIN = "unit_admin", _("unit admin")
    UNIT_STAFF = "unit_staff", _("unit staff")


class Unit(models.Model):
    """A bureau, district, court, company... that can be responsible for tasks."""

    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices, default=UnitKind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    active = models.BooleanField(_("active"), default=True)
    # Counts changes to the unit's names and aliases, so that a merge, split or new alias from a
    # stale unit page is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name_en", "name_zh"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name_en="", name_zh=""), name="unit_has_a_name")
        ]

    def __str__(self) -> str:
        return self.display_name

    def other_names(self) -> list[str]:
        """Printed names besides the English and Chinese ones (uses prefetched aliases)."""
        return [a.name for a in self.aliases.all() if a.name not in (self.name_en, self.name_zh)]

    @property
    def display_name(self) -> str:
        """The name in the reader's language, falling back to the other one."""
        if (get_language() or "en").startswith("zh"):
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh


class UnitAlias(models.Model):
    """Another printed name of the same body, with the key that import matches on."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=[("en", "English"), ("zh", "中文")])
    # Names with one key denote one body, so a key may recur only within one unit.
    key = models.CharField(_("match key"), max_length=200, db_index=True)

    objects = UnitAliasQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit alias")
        verbose_name_plural = _("unit aliases")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in a unit; a user may belong to several units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="one_role_once_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"
