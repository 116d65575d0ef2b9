"""Every open-data dataset of the portal, in one list (the open-data page and the catalogue read it), and
their DCAT-AP catalogue in JSON-LD at /donnees/catalogue.jsonld, the form data.gouv.fr harvests.

DCAT-AP (the European application profile of W3C's DCAT): a `dcat:Catalog` of `dcat:Dataset`s, each
with its French and English title and description, licence (Licence Ouverte 2.0), modification date,
keywords, landing page and `dcat:Distribution`s (download URL, IANA media type, format, the Table Schema
it conforms to). Titles and descriptions come from the datasets' translatable texts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from awards.opendata import LAUREATES, NOMINATIONS
from commitments.opendata import QUESTIONS, UPDATES
from common.opendata import LICENCE, LICENCE_URL, PRODUCER, Dataset, latest
from initiatives.opendata import INITIATIVES, PLACES
from partnership.opendata import COMMITMENTS, FIGURES, PROCUREMENT, SCORECARD

DATASETS: list[Dataset] = [
    INITIATIVES,
    PLACES,
    FIGURES,
    COMMITMENTS,
    SCORECARD,
    PROCUREMENT,
    NOMINATIONS,
    LAUREATES,
    UPDATES,
    QUESTIONS,
]
LANGUAGES = ("fr", "en")
CATALOGUE_TITLE = _("Données ouvertes des partenariats numériques")
CATALOGUE_DESCRIPTION = _(
    "Les jeux de données publiés par le portail Partenariats numériques : initiatives, lieux de médiation "
    "numérique, chiffres et engagements des partenariats. Licence Ouverte 2.0."
)
IANA = "https://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
DISTRIBUTIONS = [  # kind, title, media type, EU file type
    ("csv", "CSV (UTF-8, virgule)", "text/csv", "CSV"),
    ("excel", "CSV pour tableur (UTF-8 avec BOM, point-virgule)", "text/csv", "CSV"),
    ("json", "JSON", "application/json", "JSON"),
]


def _texts(text) -> list[dict[str, str]]:
    values = []
    for language in LANGUAGES:
        with translation.override(language):
            values.append({"@language": language, "@value": str(text)})
    return values


def _date(value: dt.datetime | dt.date | None) -> dict[str, str] | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return {"@value": value.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _dataset(request: HttpRequest, dataset: Dataset, publisher: dict, landing: str) -> dict[str, Any]:
    url = request.build_absolute_uri
    modified = _date(dataset.modified() or timezone.now())
    schema = {"@id": url(dataset.url("schema"))}
    conforms = [schema, *({"@id": other} for other in dataset.conforms_to)]
    distributions = []
    for kind, title, media_type, file_type in DISTRIBUTIONS:
        download = url(dataset.url(kind))
        distributions.append(
            {
                "@id": download,
                "@type": "dcat:Distribution",
                "dct:title": title,
                "dcat:downloadURL": {"@id": download},
                "dcat:accessURL": {"@id": download},
                "dcat:mediaType": {"@id": IANA + media_type},
                "dct:format": {"@id": EU_FILE_TYPE + file_type},
                "dct:conformsTo": conforms,
                "dct:license": {"@id": LICENCE_URL},
                "dct:modified": modified,
            }
        )
    return {
        "@id": f"{landing}#{dataset.name}",
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.name,
        "dct:title": _texts(dataset.title),
        "dct:description": _texts(dataset.description),
        "dcat:keyword": [{"@language": "fr", "@value": keyword} for keyword in dataset.keywords],
        "dct:license": {"@id": LICENCE_URL},
        "dct:rights": LICENCE,
        "dct:publisher": publisher,
        "dct:modified": modified,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/FRA"},
        "dcat:landingPage": {"@id": landing},
        "dct:conformsTo": conforms,
        "dcat:distribution": distributions,
    }


def catalogue(request: HttpRequest) -> dict[str, Any]:
    landing = request.build_absolute_uri(reverse("portal:open_data"))
    publisher = {
        "@type": "foaf:Agent",
        "foaf:name": PRODUCER,
        "foaf:homepage": {"@id": request.build_absolute_uri("/")},
    }
    datasets = [_dataset(request, dataset, publisher, landing) for dataset in DATASETS]
    modified = latest(*(dataset.modified() for dataset in DATASETS))
    return {
        "@context": CONTEXT,
        "@id": request.build_absolute_uri(reverse("portal_data:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": _texts(CATALOGUE_TITLE),
        "dct:description": _texts(CATALOGUE_DESCRIPTION),
        "dct:publisher": publisher,
        "dct:license": {"@id": LICENCE_URL},
        "dct:modified": _date(modified or timezone.now()),
        "foaf:homepage": {"@id": landing},
        "dcat:dataset": datasets,
    }


@require_safe
def catalogue_view(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        catalogue(request),
        content_type="application/ld+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response
