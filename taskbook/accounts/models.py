"""What taskbook keeps about a person beyond Django's user: phone, language, invitation."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taskbook.accounts.querysets import ProfileQuerySet
from taskbook.orgs.models import Role


class Language(models.TextChoices):
    """The languages a person may read taskbook's pages, e-mail and chat messages in."""

    ENGLISH = "en", _("English")
    SIMPLIFIED_CHINESE = "zh-hans", _("Simplified Chinese")


class Profile(models.Model):
    """One per user: how to reach them and the language of what taskbook sends them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="profile"
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Empty: the site's language (LANGUAGE_CODE) until the person chooses one.
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, blank=True)
    # The kinds of workflow notification (notifications.models.EVENT_KINDS) the person does not want by
    # e-mail: empty, so everything is on until they turn something off. They still see all in the inbox.
    email_off = models.JSONField(_("not by e-mail"), default=list, blank=True)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


def language_of(user: object) -> str:
    """The language to write to `user` in: their choice, else the site's. Reads `user.profile`
    (select_related it for many users); someone without a profile gets the site's language."""
    # A missing profile raises RelatedObjectDoesNotExist, an AttributeError: getattr's default.
    profile = getattr(user, "profile", None) if getattr(user, "pk", None) else None
    return (profile.language if profile is not None else "") or settings.LANGUAGE_CODE


def wants_email(user: object, kind: str) -> bool:
    """Whether `user` receives notifications of `kind` by e-mail (reads `user.profile`, as
    `language_of` does)."""
    profile = getattr(user, "profile", None) if getattr(user, "pk", None) else None
    return profile is None or kind not in (profile.email_off or [])


# What each role may do, in the words the people pages show beside it.
ROLE_DUTIES: dict[str, Any] = {
    Role.COORDINATOR: _(
        "imports and publishes plans, opens reporting cycles, reviews and rates reports, manages "
        "every unit's people"
    ),
    Role.LEADER: _("reads every unit's work and the dashboards; changes nothing"),
    Role.UNIT_ADMIN: _(
        "signs off the unit's task book, submits its reports, manages its staff and chat groups"
    ),
    Role.UNIT_STAFF: _("edits the unit's measures and milestones, drafts its reports and contributions"),
}
