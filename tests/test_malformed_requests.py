"""Malformed requests answer the site's 400 page with the security headers, never the server's bare 500.

The test client re-raises any exception that reaches Django's 500 handler, so a request that would
crash fails the test before its status is even read.
"""

from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

import pytest
from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory
from django.test.client import FakePayload

from common.http import GuardedWSGIHandler
from portal import errors

pytestmark = pytest.mark.django_db

FORM = "/fr/alertes/"  # a public form that reads request.POST
TOKEN = "a" * 32  # a well-formed CSRF secret: the cookie and the form field carry the same one
BOUNDARY = "----partenariats"


def strict_client(**kwargs) -> Client:
    client = Client(enforce_csrf_checks=True, **kwargs)
    client.cookies["csrftoken"] = TOKEN
    return client


@dataclass
class WSGIAnswer:
    status_code: int
    headers: dict
    content: bytes

    def __getitem__(self, name):
        return self.headers[name.lower()]


def wsgi(method: str, path: str, query: str = "", body: bytes = b"", **environ) -> WSGIAnswer:
    """The request as a WSGI server hands it over (path percent-decoded to latin-1 text, query raw),
    answered by the portal's own WSGI application (config/wsgi.py), not the test client's."""
    base = RequestFactory()._base_environ(
        REQUEST_METHOD=method,
        PATH_INFO=unquote_to_bytes(path).decode("iso-8859-1"),
        QUERY_STRING=query,
        CONTENT_LENGTH=str(len(body)),
        HTTP_COOKIE=f"csrftoken={TOKEN}",
        **{"wsgi.input": FakePayload(body)},
    )
    base.update(environ)
    answer = {}

    def start_response(status, headers):
        answer["status"] = int(status.split()[0])
        answer["headers"] = {name.lower(): value for name, value in headers}

    request_started.disconnect(close_old_connections)  # keep the test's transaction, as the test client does
    request_finished.disconnect(close_old_connections)
    try:
        response = GuardedWSGIHandler()(base, start_response)
        content = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return WSGIAnswer(answer["status"], answer["headers"], content)


def assert_styled_error(response, status=400, heading="Requête incorrecte"):
    assert response.status_code == status
    assert heading in response.content.decode()
    assert '<a class="skip-link"' in response.content.decode()  # the site's layout, not a bare page
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def multipart(*parts: bytes, boundary: str = BOUNDARY) -> bytes:
    body = b"".join(b"--" + boundary.encode() + b"\r\n" + part + b"\r\n" for part in parts)
    return body + b"--" + boundary.encode() + b"--\r\n"


def field(name: str, value: str) -> bytes:
    return f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}'.encode()


@pytest.mark.parametrize("charset", ["latin-1", "iso-8859-15", "utf-16"])
def test_a_form_declared_in_another_charset_than_utf8_answers_400_with_the_csrf_check_on(charset):
    response = strict_client().post(
        FORM,
        data=f"email=a%40example.org&csrfmiddlewaretoken={TOKEN}".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_styled_error(response)


@pytest.mark.parametrize("charset", ["x-unknown-42", "rot13", "base64", "zlib", "' OR 1=1 --"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_unknown_or_non_text_charset_answers_400_from_the_wsgi_application(method, charset):
    """Django's own request class raised in its constructor on `rot13` with a query string: a bare 500."""
    body = b"email=a%40example.org&csrfmiddlewaretoken=" + TOKEN.encode() if method == "POST" else b""
    response = wsgi(
        method,
        FORM,
        query="q=numerique",
        body=body,
        CONTENT_TYPE=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_styled_error(response)


def test_too_many_query_fields_with_a_charset_answer_400_from_the_wsgi_application():
    """Setting the charset parsed the query string in Django's constructor: TooManyFieldsSent escaped."""
    query = "&".join(f"f{i}=x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 10))
    assert_styled_error(wsgi("GET", "/fr/initiatives/", query=query, CONTENT_TYPE="text/plain; charset=utf-8"))


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/fr/initiatives/%FF%FE/", ""),  # not UTF-8
        ("/fr/candidatures/recommandation/%C0%AF/", ""),  # overlong UTF-8
        ("/fr/lieux/%00/", ""),  # NUL
        ("/fr/initiatives/", "q=%E9t%E9"),  # latin-1 in the query
        ("/fr/initiatives/", "q=\xe9t\xe9"),  # raw latin-1 bytes in the query
    ],
)
def test_a_path_or_query_that_is_not_utf8_answers_400_from_the_wsgi_application(path, query):
    assert_styled_error(wsgi("GET", path, query=query))


def test_a_multipart_form_without_boundary_answers_400():
    response = strict_client().post(FORM, data=field("email", "a@example.org"), content_type="multipart/form-data")
    assert_styled_error(response)


def test_a_truncated_multipart_form_answers_400_or_the_page():
    body = multipart(field("csrfmiddlewaretoken", TOKEN), field("email", "a@example.org"))[:-30]
    response = strict_client().post(FORM, data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
    # Django reads what arrived: either the parts it could read (the form, with its errors) or a 400.
    assert response.status_code in (200, 400, 403)
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_huge_multipart_part_headers_answer_400():
    huge = b'Content-Disposition: form-data; name="email"\r\nX-Filler: ' + b"x" * 70_000 + b"\r\n\r\na@b.fr"
    body = multipart(field("csrfmiddlewaretoken", TOKEN), huge)
    response = strict_client().post(FORM, data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
    assert response.status_code in (400, 403)
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_too_many_fields_answer_400():
    too_many = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 10
    body = "&".join(f"f{i}=x" for i in range(too_many)) + f"&csrfmiddlewaretoken={TOKEN}"
    response = strict_client().post(FORM, data=body, content_type="application/x-www-form-urlencoded")
    assert_styled_error(response)
    response = Client().get("/fr/initiatives/?" + "&".join(f"f{i}=x" for i in range(too_many)))
    assert_styled_error(response)


@pytest.mark.parametrize(
    "path",
    [
        "/fr/initiatives/?q=%E9t%E9",  # latin-1 in the query
        "/fr/initiatives/?q=a%00b",  # NUL in a parameter
        "/fr/initiatives/?%00=1",  # NUL in a parameter's name
        "/fr/lieux/%00/",  # NUL in the path
        "/fr/initiatives/?audience=%00",  # the GET filters: catalogue, places, training
        "/fr/lieux/?public=%00",
        "/fr/formations/?upcoming=%00",
    ],
)
def test_bytes_that_are_not_utf8_and_nul_characters_answer_400(client, path):
    assert_styled_error(client.get(path))


def test_a_host_that_is_not_allowed_answers_400_also_on_a_post(settings):
    settings.ALLOWED_HOSTS = ["partenariats.example.org"]
    assert_styled_error(Client().get("/fr/", HTTP_HOST="evil.example"))
    response = strict_client().post(
        FORM, {"email": "a@example.org", "csrfmiddlewaretoken": TOKEN}, HTTP_HOST="evil.example"
    )
    assert_styled_error(response)


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", " 12"])
def test_an_invalid_content_length_answers_400(length):
    response = strict_client().post(
        FORM, data=b"email=a%40example.org", content_type="application/x-www-form-urlencoded", CONTENT_LENGTH=length
    )
    assert_styled_error(response)


def test_huge_and_garbled_cookies_do_not_break_a_page(client):
    client.cookies["sessionid"] = "x" * 4000
    client.cookies["csrftoken"] = "\u00e9" * 100
    client.cookies["django_language"] = "zz" * 300
    response = client.get("/fr/initiatives/", HTTP_COOKIE="a=" + "b" * 7000 + '; broken="; =;;')
    assert response.status_code == 200


def test_a_stale_csrf_token_answers_the_sites_403():
    response = strict_client().post(FORM, {"email": "a@example.org", "csrfmiddlewaretoken": "b" * 32})
    assert_styled_error(response, status=403, heading="Formulaire expiré")


def test_the_400_page_is_in_the_language_of_the_address(client):
    response = client.get("/en/initiatives/?q=%FF")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status"),
    [
        (lambda request: errors.bad_request(request, BadRequest("charset")), 400),
        (lambda request: errors.permission_denied(request, BadRequest("charset")), 403),
        (lambda request: errors.page_not_found(request, BadRequest("charset")), 404),
        (errors.server_error, 500),
        (lambda request: errors.csrf_failure(request, "reason"), 403),
    ],
)
def test_every_error_handler_answers_the_exact_request_that_broke_the_csrf_check(handler, status):
    """The request of the report: a form body declared latin-1, with a CSRF cookie. Its body raises
    BadRequest on every access; the handlers must not touch it."""
    request = RequestFactory().post(
        FORM,
        data=f"email=a%40example.org&csrfmiddlewaretoken={TOKEN}".encode(),
        content_type="application/x-www-form-urlencoded; charset=latin-1",
        HTTP_COOKIE=f"csrftoken={TOKEN}",
    )
    with pytest.raises(BadRequest):
        request.POST  # noqa: B018 - the request is as broken as in the report
    response = handler(request)
    assert response.status_code == status
    assert b"<h1>" in response.content


def test_an_error_page_that_cannot_be_rendered_falls_back_to_the_standalone_page(monkeypatch):
    render = errors.loader.render_to_string

    def broken(template_name, *args, **kwargs):
        if template_name == "404.html":
            raise RuntimeError("the session store is down")
        return render(template_name, *args, **kwargs)

    monkeypatch.setattr(errors.loader, "render_to_string", broken)
    response = errors.page_not_found(RequestFactory().get("/fr/nulle-part/"))
    assert response.status_code == 404
    assert "Une erreur est survenue" in response.content.decode()


@pytest.mark.parametrize("body", [b'{"email": "a@example.org"}', b'{"email": ', b"\xff\xfe{}", b"[" * 5000])
def test_json_or_broken_json_posted_to_a_form_is_an_empty_form_not_an_error(body):
    """No view reads JSON bodies: a JSON post reaches the view with no form fields, and nothing is stored."""
    from alerts.models import Subscription

    response = strict_client().post(FORM, data=body, content_type="application/json", HTTP_X_CSRFTOKEN=TOKEN)
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()  # the form, to fill in
    assert not Subscription.objects.exists()
