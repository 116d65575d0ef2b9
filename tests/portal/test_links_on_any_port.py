"""Links in emails and calendar files point where the person is: the host and port of the request that asked
for them, else SITE_URL (which `make run PORT=…` sets, with allauth's site domain); the periodic jobs can be
run by hand."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sites.models import Site
from django.core.management import CommandError, call_command
from django.utils import timezone

from alerts import services as alert_services
from initiatives.models import Initiative
from tests import factories
from tests.alerts.factories import SubscriptionFactory
from tests.training.factories import SessionFactory

pytestmark = pytest.mark.django_db

ON_8765 = {"HTTP_HOST": "127.0.0.1:8765"}


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_an_alert_subscription_made_on_port_8765_gives_an_email_whose_link_has_port_8765(
    client, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    city = factories.CityFactory(name="Lyon")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/alertes/", {"email": "habitante@example.org", "cities": [city.pk], "language": "fr"}, **ON_8765
        )
    assert response.status_code == 302
    (message,) = mailoutbox
    links = _links(message.body)
    confirm = next(link for link in links if "/alertes/confirmer/" in link)
    assert confirm.startswith("http://127.0.0.1:8765/fr/alertes/confirmer/")
    assert all(
        link.startswith("http://127.0.0.1:8765/") for link in _links(message.alternatives[0][0]) if "127.0.0.1" in link
    )
    # The link opens the confirmation page (followed on the same port).
    page = client.get(confirm.split("8765", 1)[1], **ON_8765)
    assert page.status_code == 200
    assert "Confirmer mon abonnement" in page.content.decode()


def test_a_calendar_file_links_back_to_the_host_it_was_downloaded_from(client, settings):
    settings.SITE_URL = "https://partenariats.example.org"
    session = SessionFactory()
    ics = client.get(f"/fr/formations/sessions/{session.pk}/calendrier.ics", **ON_8765).content.decode()
    assert f"URL:http://127.0.0.1:8765/fr/formations/sessions/{session.pk}/" in ics.replace("\r\n ", "")


def test_without_a_request_links_come_from_site_url(settings, django_capture_on_commit_callbacks, mailoutbox):
    settings.SITE_URL = "http://127.0.0.1:8765"
    city = factories.CityFactory()
    initiative = factories.InitiativeFactory(partnership=factories.PartnershipFactory(city=city), title="Nouveauté")
    Initiative.objects.filter(pk=initiative.pk).update(published_at=timezone.now() - timezone.timedelta(hours=2))
    SubscriptionFactory(email="abonne@example.org", cities=[city])
    with django_capture_on_commit_callbacks(execute=True):
        alert_services.digest_send()
    (message,) = mailoutbox
    assert "http://127.0.0.1:8765/fr/initiatives/" in message.body
    assert "http://127.0.0.1:8765/fr/alertes/desabonnement/" in message.body


def test_allauth_site_domain_follows_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8765"
    call_command("sync_site", verbosity=0)
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("127.0.0.1:8765", "Partenariats numériques")


def test_signup_confirmation_email_names_the_port_the_person_used(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8765"
    call_command("sync_site", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/compte/signup/",
            {
                "email": "nouvelle@example.org",
                "password1": "un-mot-de-passe-solide-42",
                "password2": "un-mot-de-passe-solide-42",
            },
            **ON_8765,
        )
    assert response.status_code == 302
    body = mailoutbox[-1].body
    assert "http://127.0.0.1:8765/fr/compte/confirm-email/" in body
    assert "127.0.0.1:8000" not in body


def test_make_run_sets_site_url_from_the_port(tmp_path):
    """The run target's own recipe, with the install and demo steps skipped and a python that prints what
    it is asked to run and the SITE_URL it is given."""
    root = Path(django_settings.BASE_DIR)
    python = tmp_path / "python"
    python.write_text('#!/bin/sh\necho "python $* (SITE_URL=$SITE_URL)"\n')
    python.chmod(0o755)
    command = ["make", "-s", "-o", ".venv/.installed", "-o", "compilemessages", "-o", "demo", "run", "PORT=8765"]
    output = subprocess.run(  # noqa: S603
        [*command, f"BIN={tmp_path}"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout
    assert "SITE_URL=http://127.0.0.1:8765" in output
    assert "python manage.py sync_site -v0 (SITE_URL=http://127.0.0.1:8765)" in output
    assert "manage.py run_periodic_jobs" in output
    assert "python manage.py runserver 127.0.0.1:8765 (SITE_URL=http://127.0.0.1:8765)" in output


def test_run_periodic_jobs_lists_the_beat_schedule(capsys):
    call_command("run_periodic_jobs", "--list")
    out = capsys.readouterr().out
    for name, entry in django_settings.CELERY_BEAT_SCHEDULE.items():
        assert f"{name}: {entry['task']}" in out


def test_run_periodic_jobs_only_digest_sends_the_digest_once(
    settings, capsys, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SITE_URL = "http://127.0.0.1:8765"
    city = factories.CityFactory()
    initiative = factories.InitiativeFactory(partnership=factories.PartnershipFactory(city=city))
    Initiative.objects.filter(pk=initiative.pk).update(published_at=timezone.now() - timezone.timedelta(hours=2))
    SubscriptionFactory(email="abonne@example.org", cities=[city])
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("run_periodic_jobs", "--only", "digest")
    out = capsys.readouterr().out
    assert "alerts-digests: alerts.tasks.send_digests -> 1" in out
    assert "sweep" not in out and "reminders" not in out
    assert [message.to for message in mailoutbox] == [["abonne@example.org"]]
    assert "http://127.0.0.1:8765/" in mailoutbox[0].body


def test_run_periodic_jobs_refuses_an_unknown_job():
    with pytest.raises(CommandError, match="alerts-digests"):
        call_command("run_periodic_jobs", "--only", "nothing-like-this")
