"""Response headers: the A+ set on every kind of answer, Permissions-Policy, no-store on personal pages
while public pages read anonymously stay cacheable, and `__Host-` cookies in production."""

import json
import subprocess
import sys

import pytest
from django.test import Client

from tests.accounts.conftest import give_totp, totp_code
from tests.factories import PASSWORD, UserFactory
from tests.production import ROOT, production_environment

pytestmark = pytest.mark.django_db

HSTS = "max-age=31536000; includeSubDomains; preload"


@pytest.fixture
def https(settings):
    """Production's HTTPS headers (production.py), on requests made with secure=True."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


def assert_a_plus_headers(response):
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["Strict-Transport-Security"] == HSTS
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "interest-cohort=()"):
        assert feature in policy
    assert "publickey-credentials-get=(self)" in policy  # passkeys keep working on the site itself


def is_no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_a_public_page_read_anonymously_has_the_headers_and_stays_cacheable(client, https, demo_data):
    response = client.get("/fr/partenariats/", secure=True)
    assert response.status_code == 200
    assert_a_plus_headers(response)
    assert not is_no_store(response)
    assert not response.cookies  # no CSRF token, no session: nothing ties the page to one browser


def test_the_language_switcher_links_to_the_same_page_without_a_form(client, demo_data):
    html = client.get("/fr/partenariats/lyon-microsoft/?page=1").content.decode()
    assert 'href="/en/partenariats/lyon-microsoft/?page=1" hreflang="en"' in html
    assert "csrfmiddlewaretoken" not in html
    html = client.get("/en/nulle-part/").content.decode()  # a page with no address in French: its home
    assert 'href="/fr/" hreflang="fr"' in html


def test_every_page_for_a_logged_in_person_is_private_and_not_stored(client, https, demo_data):
    client.force_login(UserFactory())
    for path in ("/fr/compte/profil/", "/fr/partenariats/", "/fr/nulle-part/"):
        response = client.get(path, secure=True)
        assert_a_plus_headers(response)
        assert is_no_store(response), path


def test_the_admin_is_private_and_not_stored(client, https, superuser):
    client.force_login(superuser)
    response = client.get("/fr/admin/", secure=True)
    assert response.status_code == 200
    assert is_no_store(response)
    assert_a_plus_headers(response)


# (The admin's login page redirects to the site's: one login door.)
@pytest.mark.parametrize("path", ["/fr/compte/login/", "/fr/alertes/", "/fr/compte/password/reset/"])
def test_an_anonymous_page_with_a_form_token_is_not_stored(client, https, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert is_no_store(response)
    assert_a_plus_headers(response)


def test_400_404_and_500_pages_have_the_headers(https, settings):
    settings.ROOT_URLCONF = "tests.urls_errors"
    client = Client(raise_request_exception=False)
    bad = client.get("/fr/initiatives/?q=%FF", secure=True)
    missing = client.get("/fr/nulle-part/", secure=True)
    broken = client.get("/fr/test-erreur-500/", secure=True)
    for response, status in ((bad, 400), (missing, 404), (broken, 500)):
        assert response.status_code == status
        assert_a_plus_headers(response)
    assert "Une erreur est survenue" in broken.content.decode()


def test_a_static_file_has_the_headers_and_stays_cacheable(client, https, settings):
    settings.WHITENOISE_USE_FINDERS = True
    client = Client()
    response = client.get("/static/css/site.css", secure=True)
    assert response.status_code == 200
    assert_a_plus_headers(response)
    assert not is_no_store(response)
    client.force_login(UserFactory())
    assert not is_no_store(client.get("/static/css/site.css", secure=True))  # not personal, even logged in


def test_headers_added_when_the_request_fails_before_the_security_middleware(settings):
    """Plain HTTP with a host that is not allowed: Django's SecurityMiddleware raises while redirecting,
    before it could add its headers; the outer middleware adds them to the 400."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["partenariats.example.org"]
    response = Client().get("/fr/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


COOKIE_SETTINGS = [
    f"{kind}_COOKIE_{attribute}"
    for kind in ("SESSION", "CSRF", "LANGUAGE")
    for attribute in ("NAME", "SECURE", "DOMAIN", "PATH", "SAMESITE")
]


def production_cookie_settings() -> dict:
    env = production_environment()
    code = f"import django, json; django.setup(); from django.conf import settings; print(json.dumps({{n: getattr(settings, n) for n in {COOKIE_SETTINGS!r}}}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_production_cookies_are_host_prefixed_secure_and_without_domain(settings, https, superuser):
    production = production_cookie_settings()
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    for name, value in production.items():
        setattr(settings, name, value)
    give_totp(superuser)
    client = Client()
    page = client.get("/fr/compte/login/", secure=True)
    login = client.post(
        "/fr/compte/login/", {"login": superuser.email, "password": PASSWORD, "next": "/fr/admin/"}, secure=True
    )
    assert login.status_code == 302  # to the second factor
    code = client.post("/fr/compte/2fa/authenticate/", {"code": totp_code()}, secure=True)
    assert code.status_code == 302
    cookies = {**page.cookies, **login.cookies, **code.cookies}
    assert {"__Host-csrftoken", "__Host-sessionid"} <= set(cookies)
    for name in ("__Host-csrftoken", "__Host-sessionid"):
        header = cookies[name].output()
        assert "Secure" in header
        assert "Path=/;" in header or header.endswith("Path=/")
        assert "Domain" not in header
        assert "SameSite=Lax" in header
    assert "HttpOnly" in cookies["__Host-sessionid"].output()
    assert client.get("/fr/admin/", secure=True).status_code == 200  # the prefixed session is read back


def test_local_settings_keep_the_plain_cookie_names(settings):
    assert settings.SESSION_COOKIE_NAME == "sessionid"
    assert settings.CSRF_COOKIE_NAME == "csrftoken"
