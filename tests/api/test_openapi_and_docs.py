"""The OpenAPI document validates against the OpenAPI 3.1 specification and documents each list's filters; the
documentation page is in the site's layout, readable without JavaScript, and loads nothing from another site."""

import re

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

LISTS = ["partnerships", "commitments", "initiatives", "places", "places.geojson", "training-sessions", "calls"]


def test_the_openapi_document_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document)  # raises on the first error
    assert sorted(document["paths"]) == sorted(f"/api/v1/{name}" for name in LISTS)


def test_each_list_documents_the_parameters_it_reads(client):
    from api import filters

    document = client.get("/api/v1/openapi.json").json()
    cases = {
        "partnerships": filters.PartnershipApiFilter,
        "commitments": filters.CommitmentApiFilter,
        "initiatives": filters.InitiativeApiFilter,
        "places": filters.PlaceApiFilter,
        "places.geojson": filters.PlaceApiFilter,
        "training-sessions": filters.SessionApiFilter,
        "calls": filters.CallApiFilter,
    }
    for name, filterset in cases.items():
        operation = document["paths"][f"/api/v1/{name}"]["get"]
        documented = {parameter["name"] for parameter in operation["parameters"]}
        assert documented >= {*filters.parameters_of(filterset), "page", "page_size"}, name
        assert {"200", "400", "404", "429"} <= set(operation["responses"]), name
    initiatives = {p["name"]: p for p in document["paths"]["/api/v1/initiatives"]["get"]["parameters"]}
    assert "running" in initiatives["status"]["schema"]["enum"]


def test_the_documentation_page_lists_the_addresses_and_loads_swagger_ui_from_the_site(client):
    response = client.get("/api/v1/docs", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for name in LISTS:
        assert f'href="/api/v1/{name}"' in html
    assert 'href="/api/v1/openapi.json"' in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in sources
    assert "/static/vendor/swagger-ui/swagger-ui.css" in sources
    assert not [source for source in sources if source.startswith(("http:", "https:", "//"))]
    assert "<script>" not in html  # no inline script: the CSP's script-src 'self' holds
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_documentation_page_speaks_english_too(client):
    response = client.get("/api/v1/docs", HTTP_ACCEPT_LANGUAGE="en")
    assert "API de consultation" not in response.content.decode().split("<h1", 1)[1].split("</h1>")[0]
    assert response["Content-Language"] == "en"
