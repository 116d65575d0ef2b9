from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from initiatives.selectors import initiative_list

from . import opendata
from .selectors import partnership_detail_queryset, partnership_list
from .transparency import figure_labels, free_software_share, partnership_figures

INITIATIVES_SHOWN = 12  # on a partnership's page; the catalogue, filtered on it, lists them all


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
    figures = partnership_figures([partnership])[partnership.pk]
    initiatives = initiative_list().filter(partnership=partnership).order_by("-created_at", "pk")
    return render(
        request,
        "partnership/partnership_detail.html",
        {
            "partnership": partnership,
            "figures": figures,
            "initiatives": initiatives[:INITIATIVES_SHOWN],
            "initiative_total": next(f.value for f in figures if f.key == "initiatives"),
        },
    )


def partnership_compare(request: HttpRequest) -> HttpResponse:
    partnerships = list(partnership_list())
    figures = partnership_figures(partnerships)
    rows = []
    for partnership in partnerships:
        free, vendor = free_software_share(figures[partnership.pk])
        rows.append({"partnership": partnership, "figures": figures[partnership.pk], "free": free, "vendor": vendor})
    # One line per figure, one column per partnership: easier to read than a column per figure.
    by_figure = [
        {"label": str(label), "values": [row["figures"][index].value for row in rows]}
        for index, (_key, label) in enumerate(figure_labels())
    ]
    return render(request, "partnership/partnership_compare.html", {"rows": rows, "by_figure": by_figure})


def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "partnership/open_data.html", {"licence_url": opendata.LICENCE_URL})


def _csv_response(filename: str, body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Link"] = f'<{opendata.LICENCE_URL}>; rel="license"'
    return response


@require_GET
def initiatives_csv(request: HttpRequest) -> HttpResponse:
    return _csv_response("initiatives.csv", opendata.as_csv(opendata.INITIATIVE_COLUMNS, opendata.initiative_rows()))


@require_GET
def initiatives_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        opendata.as_json("initiatives", opendata.initiative_rows()), json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    return _csv_response(
        "partenariats-chiffres.csv", opendata.as_csv(opendata.figure_columns(), opendata.figure_rows())
    )


@require_GET
def figures_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        opendata.as_json("partenariats-chiffres", opendata.figure_rows()), json_dumps_params={"ensure_ascii": False}
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "partnership/privacy.html")


def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "partnership/legal.html")
