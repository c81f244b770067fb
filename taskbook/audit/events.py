"""The catalogue of audit events: every name an action may record, with the words the audit log
shows for it. `record()` takes only these, so a new action adds its event here first."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    # the Django admin
    ADMIN_ADD = "admin.add", _("added in the admin")
    ADMIN_CHANGE = "admin.change", _("changed in the admin")
    ADMIN_DELETE = "admin.delete", _("deleted in the admin")
    # signing in (accounts/signin)
    SIGNIN = "signin.in", _("signed in")
    SIGNOUT = "signin.out", _("signed out")
    SIGNIN_FAILED = "signin.failed", _("sign-in refused")
    SIGNOUT_IDLE = "signin.idle", _("signed out after inactivity")
    SIGNOUT_AGE = "signin.age", _("signed out: session too old")
    SIGNIN_LOCKED = "signin.locked", _("sign-in locked after failed attempts")
    SIGNIN_UNLOCKED = "signin.unlocked", _("sign-in unlocked")
    SESSIONS_ENDED = "signin.sessions_ended", _("sessions ended")
    PASSWORD_SET = "password.set", _("password set")
    # units and people
    UNIT_CREATE = "unit.create", _("unit created")
    UNIT_ALIAS_ADD = "unit.alias_add", _("unit name added")
    UNIT_MERGE = "unit.merge", _("units merged")
    UNIT_SPLIT = "unit.split", _("unit split")
    MEMBERSHIP_ADD = "membership.add", _("role given")
    MEMBERSHIP_REMOVE = "membership.remove", _("role taken away")
    # accounts
    USER_CREATE = "user.create", _("user account created")
    USER_UPDATE = "user.update", _("user details changed")
    USER_INVITE = "user.invite", _("invitation sent")
    USER_DEACTIVATE = "user.deactivate", _("user deactivated")
    USER_REACTIVATE = "user.reactivate", _("user reactivated")
    USER_PASSWORD_SET = "user.password_set", _("password set")
    USER_LANGUAGE = "user.language", _("language chosen")
    USER_EMAIL_PREFERENCES = "user.email_preferences", _("e-mail notifications chosen")
    # plans
    PLAN_IMPORT_STAGE = "plan_import.stage", _("plan document uploaded for review")
    PLAN_IMPORT_REVISE = "plan_import.revise", _("plan review corrected")
    PLAN_IMPORT_DISCARD = "plan_import.discard", _("plan review discarded")
    PLAN_IMPORT = "plan.import", _("plan imported")
    PLAN_REIMPORT = "plan.reimport", _("plan imported again")
    PLAN_UPDATE = "plan.update", _("plan changed")
    PLAN_PUBLISHED = "plan.published", _("plan published")
    PLAN_CLOSED = "plan.closed", _("plan closed")
    PLAN_DRAFT = "plan.draft", _("plan withdrawn to draft")
    TASK_SUMMARY = "task.summary", _("task summary changed")
    TASK_REORDER_MEASURES = "task.reorder_measures", _("measures reordered")
    # task books
    CONTACT_CREATE = "contact.create", _("person added")
    CONTACT_UPDATE = "contact.update", _("person changed")
    MEASURE_CREATE = "measure.create", _("measure added")
    MEASURE_UPDATE = "measure.update", _("measure changed")
    MEASURE_STATUS = "measure.status", _("measure status changed")
    MEASURE_PROGRESS = "measure.progress", _("measure progress reported")
    MEASURE_DELETE = "measure.delete", _("measure deleted")
    MEASURE_CARRY_OVER = "measure.carry_over", _("measure carried into the next year")
    MILESTONE_CREATE = "milestone.create", _("milestone added")
    MILESTONE_UPDATE = "milestone.update", _("milestone changed")
    MILESTONE_DONE = "milestone.done", _("milestone reached")
    MILESTONE_REOPEN = "milestone.reopen", _("milestone reopened")
    MILESTONE_DELETE = "milestone.delete", _("milestone deleted")
    TASKBOOK_SUBMITTED = "taskbook.submitted", _("task book submitted")
    TASKBOOK_RETURNED = "taskbook.returned", _("task book returned")
    TASKBOOK_APPROVED = "taskbook.approved", _("task book approved")
    CHANGE_REQUEST_CREATE = "change_request.create", _("change requested")
    CHANGE_REQUEST_APPROVED = "change_request.approved", _("change approved")
    CHANGE_REQUEST_REJECTED = "change_request.rejected", _("change rejected")
    # timetables
    FEED_CREATE = "feed.create", _("calendar feed made")
    FEED_REVOKE = "feed.revoke", _("calendar feed revoked")
    # reporting
    CALENDAR_UPDATE = "calendar.update", _("reporting calendar set")
    CYCLES_SCHEDULE = "cycles.schedule", _("reporting cycles scheduled")
    CYCLE_OPEN = "cycle.open", _("reporting cycle opened")
    CYCLE_CLOSE = "cycle.close", _("reporting cycle closed")
    REPORT_SAVE = "report.save", _("report saved")
    REPORT_SUBMITTED = "report.submitted", _("report submitted")
    REPORT_RETURNED = "report.returned", _("report returned")
    REPORT_ACCEPTED = "report.accepted", _("report accepted")
    REPORT_AMEND = "report.amend", _("report amended")
    REPORT_EVIDENCE = "report.evidence", _("evidence added to a report")
    CONTRIBUTION_SAVE = "contribution.save", _("contribution saved")
    CONTRIBUTION_SUBMIT = "contribution.submit", _("contribution sent")
    ASSESSMENT_CREATE = "assessment.create", _("likelihood of delivery rated")
    ASSESSMENT_UPDATE = "assessment.update", _("likelihood of delivery rated again")
    # targets
    TARGET_UPDATE = "target.update", _("target changed")
    TARGET_BASELINE = "target.baseline", _("target baseline set")
    TRAJECTORY_SET = "trajectory.set", _("trajectory set")
    INDICATOR_RECORD = "indicator.record", _("actual value recorded")
    # notifications
    WEBHOOK_CREATE = "webhook.create", _("chat group added")
    WEBHOOK_ACTIVATE = "webhook.activate", _("chat group switched on")
    WEBHOOK_DEACTIVATE = "webhook.deactivate", _("chat group switched off")
    WEBHOOK_TEST = "webhook.test", _("test message sent")
    WEBHOOK_UPDATE = "webhook.update", _("chat group changed")
    REMIND_NOW = "notification.remind_now", _("urgent reminder sent")
    DRAFT_READY = "notification.draft_ready", _("admins told a draft is ready")
    # documents
    DOCUMENT_REQUEST = "document.request", _("document requested")
    DOCUMENT_DONE = "document.done", _("document generated")
    DOCUMENT_FAILED = "document.failed", _("document failed")
    DOCUMENT_RETRY = "document.retry", _("document built again after its worker stopped")
    # downloads (audit/actions.py `record_download`): who took which file away
    DOCUMENT_DOWNLOAD = "document.download", _("document downloaded")
    EVIDENCE_DOWNLOAD = "evidence.download", _("evidence downloaded")
    PLAN_SOURCE_DOWNLOAD = "plan.source_download", _("plan document downloaded")
    EXPORT_DOWNLOAD = "export.download", _("measures exported")
    AUDIT_EXPORT = "audit.export", _("audit log exported")


def label_of(name: str) -> str:
    """The words for an event name; a name no longer in the catalogue (older rows) as it was."""
    try:
        return str(Event(name).label)
    except ValueError:
        return name
