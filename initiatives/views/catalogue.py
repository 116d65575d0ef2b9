from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from ..filters import InitiativeFilter
from ..models import Initiative
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
    # The title and summary (the page's <title> and description); the rest is read by `shown()` below.
    initiative = get_object_or_404(Initiative.objects.published().only("pk", "title", "summary"), slug=slug)

    def shown() -> Initiative:
        """The page below its title, the same for everyone: read only when the template renders it (a copy
        kept under the content versions, {% remember %} in the template, costs no query)."""
        return with_actions([initiative_detail_queryset().get(pk=initiative.pk)])[0]

    return render(
        request, "initiatives/initiative_detail.html", {"initiative": initiative, "shown": SimpleLazyObject(shown)}
    )
