import os
import shutil

import pytest
from django.db import connection

from tests import factories

MARKUP_CHECKS = {"axe_violations", "nu_errors"}


@pytest.hookimpl(tryfirst=True)  # before `-m` selects: CI's PostgreSQL leg runs `-m "not markup"`
def pytest_collection_modifyitems(config, items):
    """Skip what this machine cannot run, and mark `markup` the tests that run axe-core or the Nu validator
    on rendered pages (the markup does not depend on the database: CI checks it once, on the SQLite leg)."""
    for item in items:
        function = getattr(item, "function", None)
        if function is not None and MARKUP_CHECKS & set(function.__code__.co_names):
            item.add_marker(pytest.mark.markup)
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql"))
    has_broker = bool(os.environ.get("CELERY_BROKER_URL"))
    has_browser = bool(shutil.which("chromium") or os.path.exists("/usr/bin/chromium"))
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")
    skip_worker = pytest.mark.skip(reason="needs Redis and a Celery worker: set CELERY_BROKER_URL (CI does)")
    skip_browser = pytest.mark.skip(reason="needs Debian's chromium (apt-get install chromium; CI installs it)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
        if "worker" in item.keywords and not has_broker:
            item.add_marker(skip_worker)
        if "browser" in item.keywords and not has_browser:
            item.add_marker(skip_browser)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def user(db):
    return factories.UserFactory()


@pytest.fixture
def staff_user(db):
    return factories.StaffFactory()


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def demo_data(db):
    from django.core.management import call_command

    call_command("load_demo", "--no-accounts", verbosity=0)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def _one_clock_period(monkeypatch):
    """Pages and fragments that read the clock are kept for a minute at most (their copy's stamp holds the
    minute): a test that reads a page twice must not see a new minute begin in between and miss."""
    from common import page_cache

    monkeypatch.setattr(page_cache, "clock_period", lambda clock: 1 if clock else 0)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """`client.force_login(person)` stands for a complete login: password and, for staff and reviewers, the
    second factor, recorded in the session exactly as allauth records it after a code (`record_authentication`).
    Production is unchanged: the middleware still sends any session without that record to the second-factor
    pages. Tests of the login itself post to the real forms (tests/accounts/test_login_security.py), or use
    `force_login_password_only` for a session that has passed the password alone."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        mark_second_factor_used(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(Client, "force_login_password_only", original, raising=False)


def mark_second_factor_used(client, user) -> None:
    from allauth.account.internal.flows.login import record_authentication
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()


@pytest.fixture(autouse=True)
def _french_by_default():
    """Each test starts in French (the source language), whatever the previous test's request left active."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.deactivate()


pytest_plugins = ["tests.browser"]


# --- a real SMTP server (aiosmtpd) that Django sends to ----------------------------------------------


@pytest.fixture
def smtp_sink():
    from tests.notifications.smtp_sink import SmtpSink

    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    """Django sends through real SMTP to the sink."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return smtp_sink


def pytest_sessionfinish(session, exitstatus):
    """After a run that checked every page of the accessibility tests, write their summary for the
    accessibility statement (tests/a11y/validators.py). Under pytest-xdist each test process hands what it
    found to the controller (below), which writes the summary once."""
    from tests.a11y import validators
    from tests.a11y.test_pages import PAGES, PERSONAL_PAGES

    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["accessibility"] = validators.found()
        return
    validators.write_summary({*PAGES, *PERSONAL_PAGES})


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controller: a test process has finished; keep its accessibility results."""
    from tests.a11y import validators

    validators.merge(getattr(node, "workeroutput", {}).get("accessibility"))
