"""The partnerships' figures as open-data files; the partnership pages themselves are in the portal."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from common import opendata

from .opendata import figure_columns, figure_rows


@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    return opendata.csv_response("partenariats-chiffres.csv", figure_columns(), figure_rows())


@require_GET
def figures_json(request: HttpRequest) -> JsonResponse:
    return opendata.json_response("partenariats-chiffres", figure_rows())
