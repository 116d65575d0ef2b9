from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from common.opendata import csv_response, json_response

from . import opendata


def _open(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def nominations_csv(request: HttpRequest) -> HttpResponse:
    fields = opendata.NOMINATION_FIELDS
    return _open(csv_response("lutece-d-or-propositions.csv", opendata.columns(fields), opendata.nomination_rows()))


def nominations_json(request: HttpRequest) -> HttpResponse:
    return _open(json_response("lutece-d-or-propositions", opendata.nomination_rows()))


def nominations_schema(request: HttpRequest) -> HttpResponse:
    schema = opendata.table_schema(opendata.NOMINATION_FIELDS, title=_("Lutèces d'Or : propositions retenues"))
    return _open(JsonResponse(schema, json_dumps_params={"ensure_ascii": False}))


def laureates_csv(request: HttpRequest) -> HttpResponse:
    fields = opendata.LAUREATE_FIELDS
    return _open(csv_response("lutece-d-or-laureats.csv", opendata.columns(fields), opendata.laureate_rows()))


def laureates_json(request: HttpRequest) -> HttpResponse:
    return _open(json_response("lutece-d-or-laureats", opendata.laureate_rows()))


def laureates_schema(request: HttpRequest) -> HttpResponse:
    schema = opendata.table_schema(opendata.LAUREATE_FIELDS, title=_("Lutèces d'Or : lauréats"))
    return _open(JsonResponse(schema, json_dumps_params={"ensure_ascii": False}))
