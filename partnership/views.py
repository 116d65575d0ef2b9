from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import requires_csrf_token

from initiatives.selectors import initiative_list

from .selectors import partnership_detail_queryset, partnership_list


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "partnership/home.html",
        {"partnerships": partnership_list(), "latest_initiatives": initiative_list().order_by("-created_at")[:6]},
    )


def partnership_index(request: HttpRequest) -> HttpResponse:
    return render(request, "partnership/partnership_list.html", {"partnerships": partnership_list()})


def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(partnership_detail_queryset(), slug=slug)
    return render(request, "partnership/partnership_detail.html", {"partnership": partnership})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "partnership/privacy.html")


def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "partnership/legal.html")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
