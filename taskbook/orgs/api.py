from ninja import Router, Schema
from ninja.pagination import paginate

from taskbook.orgs.models import Unit

router = Router(tags=["units"])


class UnitOut(Schema):
    id: int
    name_en: str
    name_zh: str
    short_name: str
    kind: str
    active: bool
    aliases: list[str]

    @staticmethod
    def resolve_aliases(obj: Unit) -> list[str]:
        return [alias.name for alias in obj.aliases.all()]


@router.get("/", response=list[UnitOut])
@paginate
def list_units(request):
    return Unit.objects.visible_to(request.user).prefetch_related("aliases")
