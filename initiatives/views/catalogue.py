from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from ..filters import InitiativeFilter
from ..selectors import initiative_detail_queryset, initiative_list, with_actions

PAGE_SIZE = 12


def initiative_catalogue(request: HttpRequest) -> HttpResponse:
    # The filters and the results are built only when the template renders them: a listing kept under the
    # content versions ({% remember %} in the template) costs no query and no form.
    filterset = SimpleLazyObject(lambda: InitiativeFilter(request.GET or None, queryset=initiative_list()))

    def results():
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = with_actions(page.object_list)
        return page

    page = SimpleLazyObject(results)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/initiative_list.html",
        {"filter": filterset, "page_obj": page, "query_without_page": query.urlencode()},
    )


def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = get_object_or_404(initiative_detail_queryset(), slug=slug)
    with_actions([initiative])
    return render(request, "initiatives/initiative_detail.html", {"initiative": initiative})
