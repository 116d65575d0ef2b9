"""What every answer of the API shares: ETag and Last-Modified with 304s, CORS, the per-address limit (429 with
Retry-After, not applied while the cache is down), read-only methods, JSON for unknown addresses."""

import pytest
from django.core.cache import cache
from django.utils.http import http_date, parse_http_date

from api import http
from tests.factories import InitiativeFactory, PartnershipFactory, PlaceFactory
from tests.startups.factories import CallFactory
from tests.training.factories import RegistrationFactory, SessionFactory

from .conftest import get

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/partnerships",
    "/api/v1/commitments",
    "/api/v1/initiatives",
    "/api/v1/places",
    "/api/v1/places.geojson",
    "/api/v1/training-sessions",
    "/api/v1/calls",
]


@pytest.fixture
def rows(db):
    partnership = PartnershipFactory()
    partnership.commitments.create(title="Engagement")
    InitiativeFactory(partnership=partnership)
    PlaceFactory(latitude=48.8, longitude=2.3)
    SessionFactory()
    CallFactory()


@pytest.mark.parametrize("url", LISTS)
def test_each_list_answers_304_to_its_etag_and_to_its_date(client, rows, url):
    first = get(client, url)
    assert first.status_code == 200
    assert first["Cache-Control"] == f"public, max-age={60}"

    by_etag = get(client, url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = get(client, url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    for response in (by_etag, by_date):
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == first["ETag"]
        assert response["Access-Control-Allow-Origin"] == "*"
    assert get(client, url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_change_gives_a_new_etag_and_a_later_date_even_within_the_same_second(client):
    session = SessionFactory(capacity=2)
    first = get(client, "/api/v1/training-sessions")
    RegistrationFactory(session=session)  # one seat fewer, nothing else changes

    second = get(
        client,
        "/api/v1/training-sessions",
        HTTP_IF_NONE_MATCH=first["ETag"],
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert second.status_code == 200
    assert second.json()["resultats"][0]["places_restantes"] == 1
    assert second["ETag"] != first["ETag"]
    assert parse_http_date(second["Last-Modified"]) > parse_http_date(first["Last-Modified"])
    only_date = get(client, "/api/v1/training-sessions", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert only_date.status_code == 200


def test_the_date_stays_the_first_time_the_same_answer_was_given(client, rows):
    first = get(client, "/api/v1/initiatives")
    again = get(client, "/api/v1/initiatives")
    assert again["Last-Modified"] == first["Last-Modified"]
    later = http_date(parse_http_date(first["Last-Modified"]) + 3600)
    assert get(client, "/api/v1/initiatives", HTTP_IF_MODIFIED_SINCE=later).status_code == 304


def test_every_answer_can_be_read_from_another_site(client, rows):
    for url in [*LISTS, "/api/v1/", "/api/v1/openapi.json", "/api/v1/initiatives?city=atlantis", "/api/v1/nowhere"]:
        response = client.get(url)  # with or without an Origin header: shared caches keep one copy
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_reading_with_validators(client):
    response = client.options(
        "/api/v1/places.geojson",
        HTTP_ORIGIN="https://carte.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_only_reads(client, method):
    response = getattr(client, method)("/api/v1/initiatives", data={}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert "message" in response.json()


def test_head_gives_the_headers_without_the_body(client, rows):
    response = client.head("/api/v1/initiatives")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == get(client, "/api/v1/initiatives")["ETag"]


def test_an_unknown_address_answers_json(client):
    response = client.get("/api/v1/initiative")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "/api/v1/docs" in response.json()["message"]


def test_the_index_links_to_every_list_and_the_documentation(client):
    links = client.get("/api/v1/").json()["liens"]
    assert links["initiatives"] == "http://testserver/api/v1/initiatives"
    assert links["openapi-json"] == "http://testserver/api/v1/openapi.json"
    assert links["openapi-view"] == "http://testserver/api/v1/docs"


# --- rate limit ----------------------------------------------------------------------------------------------------


def test_past_the_limit_an_address_gets_429_with_retry_after_and_another_address_does_not(client, settings):
    settings.API_RATE_LIMIT = "3/60"
    for remaining in (2, 1, 0):
        response = client.get("/api/v1/calls", REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
        assert response["X-RateLimit-Remaining"] == str(remaining)

    refused = client.get("/api/v1/calls", REMOTE_ADDR="203.0.113.7")

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Retry-After"] in refused.json()["message"]
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/calls", REMOTE_ADDR="203.0.113.8").status_code == 200


def test_copies_served_from_the_page_cache_count_against_the_limit_too(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.API_RATE_LIMIT = "3/60"
    answers = [client.get("/api/v1/calls", REMOTE_ADDR="203.0.113.9") for _ in range(3)]
    assert [answer["X-Page-Cache"] for answer in answers] == ["miss", "hit", "hit"]
    assert [answer["X-RateLimit-Remaining"] for answer in answers] == ["2", "1", "0"]

    assert client.get("/api/v1/calls", REMOTE_ADDR="203.0.113.9").status_code == 429


def test_the_window_ends_when_retry_after_says(rf, settings):
    settings.API_RATE_LIMIT = "1/60"
    request = rf.get("/api/v1/calls", REMOTE_ADDR="203.0.113.9")
    assert http.take_request(request, now=120.0) == (True, 0, 60)
    allowed, _remaining, retry_after = http.take_request(request, now=150.2)
    assert (allowed, retry_after) == (False, 30)
    assert http.take_request(request, now=180.0)[0] is True  # a new window


def test_the_cache_never_holds_the_address(client, settings):
    settings.API_RATE_LIMIT = "5/60"
    client.get("/api/v1/calls", REMOTE_ADDR="198.51.100.23")
    store = cache._cache  # noqa: SLF001 - the backend's own store: locmem's dict, or Redis's client (CI)
    if hasattr(store, "get_client"):
        keys = [key.decode() for key in store.get_client(None).keys("*")]
    else:
        keys = [str(key) for key in store]
    assert keys  # the request was counted somewhere
    assert not any("198.51.100.23" in key for key in keys)


def test_without_a_cache_the_limit_is_not_applied(client, settings):
    """A Redis that cannot be reached (nothing listens on port 9): every request is served."""
    settings.API_RATE_LIMIT = "1/60"
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:9/1",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    statuses = [client.get("/api/v1/calls").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]


def test_the_limit_can_be_turned_off(client, settings):
    settings.API_RATE_LIMIT = "0"
    response = client.get("/api/v1/calls")
    assert response.status_code == 200
    assert "X-RateLimit-Limit" not in response


def test_dates_in_the_past_do_not_hide_later_changes():
    assert http.last_modified_for("x", '"a"', now=1000) == 1000
    assert http.last_modified_for("x", '"b"', now=1000) == 1001
    assert http.last_modified_for("x", '"b"', now=1005) == 1001
    assert http.last_modified_for("x", '"a"', now=1002) == 1002  # back to an earlier answer: a new date


@pytest.mark.parametrize(
    ("value", "refused"), [("600/60", False), ("0", False), ("abc", True), ("10/0", True), ("-1/60", True)]
)
def test_a_rate_limit_the_api_cannot_read_stops_the_portal_at_start(settings, value, refused):
    from api.apps import check_rate_limit

    settings.API_RATE_LIMIT = value
    assert [error.id for error in check_rate_limit()] == (["api.E001"] if refused else [])
