"""Every initiative leads to its action: book, register, apply, find a place, subscribe to alerts; with the
state in words, and the login step keeping where the person was going."""

import datetime as dt
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from initiatives.constants import CategorySlug
from initiatives.selectors import initiative_list, with_actions
from tests.factories import PASSWORD, CategoryFactory, InitiativeFactory, PlaceFactory, UserFactory
from tests.sports.factories import BookingFactory, SlotFactory, SportsResourceFactory
from tests.startups.factories import CallFactory
from tests.training.factories import ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _page(client, initiative, language="fr"):
    response = client.get(f"/{language}/initiatives/{initiative.slug}/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _action_links(content: str) -> dict[str, str]:
    """label -> href of the buttons of the "Participer" section."""
    section = content.split('id="participer-titre"', 1)[1].split("</section>", 1)[0]
    return {
        re.sub(r"<span.*?</span>", "", label).strip(): href
        for href, label in re.findall(r'<a class="btn[^"]*" href="([^"]+)">(.*?)</a>', section)
    }


def test_sports_initiative_leads_to_booking_with_the_next_free_slot(client):
    initiative = InitiativeFactory(category=CategoryFactory(slug=CategorySlug.SPORTS_SPACE))
    resource = SportsResourceFactory(initiative=initiative, name="Salle de sport connectée", capacity=3)
    full = SlotFactory(resource=resource, starts_at=timezone.now() + dt.timedelta(days=2))
    for number in (1, 2, 3):
        BookingFactory(slot=full, place_number=number)
    SlotFactory(resource=resource, starts_at=timezone.now() + dt.timedelta(days=3))
    content = _page(client, initiative)
    assert "Salle de sport connectée" in content
    assert "Prochain créneau libre" in content and "(3 places)" in content
    links = _action_links(content)
    assert links["Réserver"] == resource.get_absolute_url()
    resource_page = client.get(links["Réserver"]).content.decode()
    assert f'href="/fr/compte/login/?next={resource.get_absolute_url()}"' in resource_page


def test_sports_initiative_without_a_free_slot_says_so(client):
    initiative = InitiativeFactory(category=CategoryFactory(slug=CategorySlug.SPORTS_SPACE))
    SportsResourceFactory(initiative=initiative)
    content = _page(client, initiative)
    assert "Aucun créneau libre pour le moment" in content


def test_training_initiative_leads_to_registration_and_login_keeps_next(client):
    initiative = InitiativeFactory(category=CategoryFactory(slug=CategorySlug.JOB_TRAINING))
    programme = ProgrammeFactory(initiative=initiative, title="Développeuse web")
    session = SessionFactory(programme=programme, capacity=2)
    content = _page(client, initiative)
    assert "Développeuse web" in content
    assert "2 places restantes, inscriptions jusqu'au" in content
    register_url = _action_links(content)["S'inscrire"]
    assert register_url == f"/fr/formations/sessions/{session.pk}/inscription/"

    # A person without a session goes through the login page and comes back to the form.
    login = client.get(register_url)
    assert login.status_code == 302
    assert parse_qs(urlsplit(login["Location"]).query)["next"] == [register_url]
    person = UserFactory()
    back = client.post(login["Location"], {"login": person.email, "password": PASSWORD})
    assert back.status_code == 302 and back["Location"] == register_url
    form = client.get(register_url)
    assert form.status_code == 200
    assert "Développeuse web" in form.content.decode()


def test_training_initiative_without_open_session_says_registrations_are_closed(client):
    initiative = InitiativeFactory(category=CategoryFactory(slug=CategorySlug.JOB_TRAINING))
    programme = ProgrammeFactory(initiative=initiative)
    SessionFactory(programme=programme, in_days=1)  # deadline two days before the start: passed
    content = _page(client, initiative)
    assert "Aucune session ouverte aux inscriptions pour le moment" in content
    assert _action_links(content)["S'inscrire"] == programme.get_absolute_url()


def test_startup_initiative_leads_to_the_open_call_and_its_deadline(client):
    call = CallFactory(title="Appel 2027")
    content = _page(client, call.initiative)
    assert "Candidatures jusqu'au" in content
    apply_url = _action_links(content)["Candidater"]
    assert apply_url == f"/fr/appels/{call.slug}/candidater/"
    login = client.get(apply_url)
    assert parse_qs(urlsplit(login["Location"]).query)["next"] == [apply_url]


def test_closed_call_is_shown_closed(client):
    call = CallFactory(opens_at=timezone.now() - dt.timedelta(days=30), closes_at=timezone.now() - dt.timedelta(days=2))
    content = _page(client, call.initiative)
    assert "Candidatures closes depuis le" in content
    assert _action_links(content)["Candidater"] == call.get_absolute_url()


def test_an_unpublished_call_is_not_offered(client):
    call = CallFactory(published_at=None)
    content = _page(client, call.initiative)
    assert "Candidater" not in content


def test_digital_inclusion_initiative_leads_to_the_places_of_its_city(client):
    initiative = InitiativeFactory(category=CategoryFactory(slug=CategorySlug.DIGITAL_INCLUSION))
    city = initiative.partnership.city
    PlaceFactory(city=city, name="Médiathèque des Lilas")
    PlaceFactory(name="Ailleurs")
    content = _page(client, initiative)
    assert "1 lieu de médiation numérique" in content
    places = client.get(_action_links(content)["Trouver un lieu"]).content.decode()
    assert "Médiathèque des Lilas" in places and "Ailleurs" not in places


def test_every_initiative_offers_alerts_on_its_city_and_category(client):
    initiative = InitiativeFactory(category=CategoryFactory(slug=CategorySlug.E_ADMINISTRATION))
    content = _page(client, initiative)
    form = client.get(_action_links(content)["S'abonner aux alertes"])
    assert form.status_code == 200
    initial = form.context["form"].initial
    assert [city.pk for city in initial["cities"]] == [initiative.partnership.city_id]
    assert [category.pk for category in initial["categories"]] == [initiative.category_id]


def test_the_english_page_says_it_in_english(client):
    call = CallFactory()
    content = _page(client, call.initiative, "en")
    assert _action_links(content)["Apply"] == f"/en/appels/{call.slug}/candidater/"
    assert "Applications until" in content
    assert "Subscribe to the alerts" in _action_links(content)


def test_catalogue_cards_show_the_first_action(client):
    call = CallFactory()
    content = html.unescape(client.get("/fr/initiatives/").content.decode())
    assert f'href="/fr/appels/{call.slug}/candidater/">Candidater' in content


@pytest.mark.parametrize("rows", [10, 200])
def test_actions_of_many_initiatives_take_a_fixed_number_of_queries(django_assert_max_num_queries, rows):
    sports = CategoryFactory(slug=CategorySlug.SPORTS_SPACE)
    for index in range(rows):
        kind = index % 4
        if kind == 0:
            SlotFactory(resource=SportsResourceFactory(initiative=InitiativeFactory(category=sports)))
        elif kind == 1:
            SessionFactory()
        elif kind == 2:
            CallFactory()
        else:
            PlaceFactory(city=InitiativeFactory().partnership.city)
    initiatives = list(initiative_list())
    with django_assert_max_num_queries(4):  # sports, training, calls, places; alerts need none
        with_actions(initiatives)
    assert sum(1 for initiative in initiatives if initiative.primary_actions) == rows
