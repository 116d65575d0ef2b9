"""The NinjaAPI instance: the lists (api/endpoints.py), the OpenAPI document, the documentation page, the JSON
answer of an ApiError."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer

from .endpoints import router
from .http import ApiError, rate_limit

VERSION = "1.0.0"


class PortalDocs(DocsBase):
    """The documentation page in the site's layout: what the API is for, its rules, the list of endpoints
    (readable without JavaScript), then Swagger UI (vendored in static/vendor/swagger-ui, no CDN)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        endpoints = [
            {"path": path, "url": path, "summary": operation["get"].get("summary", "")}
            for path, operation in schema["paths"].items()
            if "get" in operation
        ]
        limit = rate_limit()
        return render(
            request,
            "api/docs.html",
            {
                "openapi_url": self.get_openapi_url(api, kwargs),
                "endpoints": endpoints,
                "version": VERSION,
                "rate_limit": gettext("%(count)s requêtes en %(seconds)s secondes")
                % {"count": limit[0], "seconds": limit[1]}
                if limit
                else gettext("sans limite"),
            },
        )


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # "é", not "\\u00e9": smaller and readable


api = NinjaAPI(
    renderer=Renderer(),
    title="Partenariats numériques — API de consultation",
    version=VERSION,
    description=_(
        "Données publiques du portail, en lecture seule, sous Licence Ouverte 2.0. Noms des champs en français, "
        "comme les fichiers open data et les schémas nationaux ; paramètres de filtre identiques à ceux des pages "
        "publiques. Pagination par page (page, page_size), ETag et Last-Modified (réponses 304), CORS ouvert, "
        "limite de requêtes par adresse (429 et Retry-After)."
    ),
    urls_namespace="api",
    docs=PortalDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    openapi_extra={"info": {"license": {"name": "Licence Ouverte 2.0", "identifier": "etalab-2.0"}}},
)
api.add_router("/", router)


@api.exception_handler(ApiError)
def api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return error.response()
