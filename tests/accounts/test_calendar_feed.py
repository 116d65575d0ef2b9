"""The personal calendar feed: a secret address made on "Mon agenda" (shown once, kept as a digest), that a
phone's calendar subscribes to (https and webcal), serving the person's bookings and confirmed training
sessions in their language; a new address revokes the old one, and it can be turned off."""

import html
import logging
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.models import CalendarFeed
from accounts.services import calendar_feed_issue, calendar_token_digest
from sports.services import booking_cancel, booking_create
from tests.factories import UserFactory
from tests.sports.factories import SlotFactory, SportsResourceFactory, in_days
from tests.training.factories import SessionFactory, register

pytestmark = pytest.mark.django_db

FEED_LINK = re.compile(r'value="(http://testserver/agenda/[A-Za-z0-9_-]+\.ics)"')


def feed_url(token: str) -> str:
    return reverse("calendar_feed:ics", kwargs={"token": token})


def events(response):
    assert response.status_code == 200
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_a_person_makes_an_address_sees_it_once_and_only_its_digest_is_kept(client):
    person = UserFactory()
    client.force_login(person)
    page = html.unescape(client.get("/fr/compte/profil/").content.decode())
    assert "Mon agenda sur mon téléphone (lien d'abonnement)" in page
    assert "Vous n'avez pas de lien d'agenda actif." in html.unescape(client.get("/fr/compte/agenda/").content.decode())

    response = client.post("/fr/compte/agenda/", {"action": "issue"}, follow=True)
    shown = html.unescape(response.content.decode())
    (url,) = FEED_LINK.findall(shown)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert f'href="webcal://testserver/agenda/{token}.ics"' in shown
    assert "Votre nouveau lien d'agenda est prêt." in shown
    assert CalendarFeed.objects.get(person=person).token_digest == calendar_token_digest(token) != token
    assert token not in str(list(CalendarFeed.objects.values()))
    # Shown once: the next visit says a link is active, without the link.
    again = html.unescape(client.get("/fr/compte/agenda/").content.decode())
    assert token not in again
    assert "Lien d'agenda actif, créé le" in again
    assert "private" in response["Cache-Control"]


def test_the_feed_holds_bookings_and_confirmed_sessions_in_the_persons_language(client):
    person = UserFactory(preferred_language="en")
    resource = SportsResourceFactory(name="Salle de sport connectée", name_en="Connected gym")
    booking = booking_create(slot=SlotFactory(resource=resource, starts_at=in_days(3, 10)), person=person)
    cancelled = booking_create(slot=SlotFactory(resource=resource, starts_at=in_days(4, 10)), person=person)
    booking_cancel(booking=cancelled)
    session = SessionFactory(capacity=1)
    register(session, person)
    full = SessionFactory(capacity=1)
    register(full)
    register(full, person)  # waitlisted: not in the calendar
    booking_create(slot=SlotFactory(resource=resource, starts_at=in_days(3, 12)), person=UserFactory())

    token = calendar_feed_issue(person=person)
    response = client.get(feed_url(token))
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-cache"
    assert not response.cookies
    found = {str(event["uid"]): event for event in events(response)}
    assert sorted(found) == sorted(
        [
            f"sports-booking-{booking.pk}@127.0.0.1",
            f"training-session-{session.pk}-day-{session.days.get().pk}@127.0.0.1",
        ]
    )
    assert str(found[f"sports-booking-{booking.pk}@127.0.0.1"]["summary"]) == "Connected gym"
    assert str(found[next(uid for uid in found if uid.startswith("training"))]["summary"]) == str(
        session.programme.title_en
    )
    assert b"BEGIN:VTIMEZONE" in response.content and b"X-WR-CALNAME:Partenariats num" in response.content


def test_a_new_address_revokes_the_old_one_and_turning_it_off_revokes_both(client):
    person = UserFactory()
    old = calendar_feed_issue(person=person)
    client.force_login(person)
    client.post("/fr/compte/agenda/", {"action": "issue"})
    assert client.get(feed_url(old)).status_code == 404
    new = calendar_feed_issue(person=person)
    assert client.get(feed_url(new)).status_code == 200
    response = client.post("/fr/compte/agenda/", {"action": "revoke"}, follow=True)
    assert "Votre lien d&#x27;agenda est désactivé" in response.content.decode()
    assert client.get(feed_url(new)).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_an_unknown_or_revoked_address_answers_404_and_no_log_line_holds_the_secret(client, caplog):
    person = UserFactory(email="secret.person@example.org")
    token = calendar_feed_issue(person=person)
    unknown = "x" * 43
    with caplog.at_level(logging.DEBUG):
        assert client.get(feed_url(token)).status_code == 200
        assert client.get(feed_url(unknown)).status_code == 404
    logged = caplog.text
    assert token not in logged and unknown not in logged and "secret.person" not in logged


def test_a_deactivated_account_has_no_feed(client):
    person = UserFactory()
    token = calendar_feed_issue(person=person)
    person.is_active = False
    person.save()
    assert client.get(feed_url(token)).status_code == 404


def test_the_page_needs_a_login(client):
    assert "/compte/login/" in client.get("/fr/compte/agenda/")["Location"]
