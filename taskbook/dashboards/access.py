"""Who may open the dashboards (403 otherwise): the pages and the API refuse with the same reason."""

from django.utils.translation import gettext as _

from taskbook.orgs.actors import Viewer
from taskbook.orgs.permissions import may_read_dashboards, may_read_league_table, require


def require_dashboard_reader(user: Viewer) -> None:
    """The coordinator's dashboard, the summary and the task and target lists."""
    require(may_read_dashboards(user), _("The dashboards are for the coordinating office and leaders."))


def require_league_reader(user: Viewer) -> None:
    """The league table and the records behind it."""
    require(may_read_league_table(user), _("The league table is for members of the government's units."))
