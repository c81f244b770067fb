from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50


def paginate(
    request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE, param: str = "page"
) -> Page:
    """The requested page; a page number out of range or not a number gives the nearest page.
    `param` names the page number in the query, for a second list on the same page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))
