"""/api/v1/: every view of the API goes through `api.http.envelope` (CORS, rate limit, ETag and 304s), and an
address the API does not know answers a JSON 404, not the site's HTML page."""

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path, re_path, reverse
from django.utils.translation import gettext as _

from .api import api
from .http import envelope, error_response

patterns, app_name, namespace = api.urls


def index(request: HttpRequest) -> JsonResponse:
    """What /api/v1/ holds: the lists, the OpenAPI document and the documentation page."""
    links = {p.name: request.build_absolute_uri(reverse(f"api:{p.name}")) for p in patterns if p.name != "api-root"}
    return JsonResponse(
        {"api": api.title, "version": api.version, "licence": "Licence Ouverte 2.0", "liens": links},
        json_dumps_params={"ensure_ascii": False},
    )


def not_found(request: HttpRequest) -> JsonResponse:
    return error_response(404, _("Cette adresse n'existe pas dans l'API : voir /api/v1/docs."))


urlpatterns = [
    *[URLPattern(p.pattern, envelope(p.callback), p.default_args, p.name) for p in patterns if p.name != "api-root"],
    path("", envelope(index), name="api-root"),  # ninja finds the API's prefix by this name
    re_path(r"^.*$", envelope(not_found), name="not_found"),
]
