"""Public pages, registration, "Mes inscriptions" and cancellation, as a person sees them."""

import datetime as dt
import html

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from training import services
from training.constants import RegistrationStatus, Trade
from training.models import Registration

from .factories import JobTrainingInitiativeFactory, ProgrammeFactory, RegistrationFactory, SessionFactory, register

pytestmark = pytest.mark.django_db

LIST = "/fr/formations/"


def page(response) -> str:
    return html.unescape(response.content.decode())


def titles(response):
    return sorted(p.title for p in response.context["page_obj"])


def register_url(session):
    return f"/fr/formations/sessions/{session.pk}/inscription/"


FORM = {"situation": "job_seeker_registered", "motivation": "Je veux devenir développeuse web.", "consent": "on"}


# --- programme list and filters ----------------------------------------------------------------------


@pytest.fixture
def catalogue(paris, lyon):
    paris_initiative = JobTrainingInitiativeFactory(partnership__city=paris)
    lyon_initiative = JobTrainingInitiativeFactory(partnership__city=lyon)
    web = ProgrammeFactory(initiative=paris_initiative, title="Web", trade=Trade.WEB_DEVELOPER)
    support = ProgrammeFactory(initiative=paris_initiative, title="Support", trade=Trade.IT_SUPPORT)
    cloud = ProgrammeFactory(initiative=lyon_initiative, title="Cloud", trade=Trade.CLOUD_ADMIN)
    ProgrammeFactory(initiative=lyon_initiative, title="Brouillon", is_published=False)
    SessionFactory(programme=web, capacity=1)
    full = SessionFactory(programme=support, capacity=1)
    register(full)
    past = SessionFactory(programme=cloud, in_days=-20)
    past.ends_at = past.starts_at + dt.timedelta(hours=3)
    past.save()
    return {"web": web, "support": support, "cloud": cloud}


def test_the_list_shows_published_programmes_with_their_next_sessions(client, catalogue):
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == ["Cloud", "Support", "Web"]
    text = page(response)
    assert "3 formations trouvées" in text
    assert "1 place restante" in text
    assert "Complet, liste d'attente ouverte" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("trade=web_developer", ["Web"]),
        ("city=paris", ["Support", "Web"]),
        ("city=lyon", ["Cloud"]),
        ("upcoming=on", ["Support", "Web"]),
        ("seats=on", ["Web"]),
        ("city=paris&trade=it_support", ["Support"]),
    ],
)
def test_each_filter_narrows_the_list(client, catalogue, query, expected):
    assert titles(client.get(f"{LIST}?{query}")) == expected


@pytest.mark.parametrize("query", ["trade=zzz", "city=atlantide", "page=abc", "seats=<b>"])
def test_nonsense_filter_values_give_a_normal_page(client, catalogue, query):
    assert client.get(f"{LIST}?{query}").status_code == 200


@pytest.mark.parametrize("rows", [10, 200])
def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, paris, rows):
    initiative = JobTrainingInitiativeFactory(partnership__city=paris)
    for programme in ProgrammeFactory.create_batch(rows, initiative=initiative):
        RegistrationFactory(session=SessionFactory(programme=programme), seat_number=1)
    with django_assert_max_num_queries(8):
        response = client.get(f"{LIST}?upcoming=on&seats=on")
    assert response.status_code == 200


def test_the_programme_page_lists_upcoming_sessions_with_seats(client, paris_session):
    response = client.get(paris_session.programme.get_absolute_url())
    assert response.status_code == 200
    assert "3 places restantes" in page(response)


# --- session page --------------------------------------------------------------------------------------


def test_the_session_page_shows_seats_left_and_the_waitlist(client, paris_session):
    for _ in range(4):
        register(paris_session)
    text = page(client.get(paris_session.get_absolute_url()))
    assert "Complet, liste d'attente ouverte" in text
    assert "1 personne en liste d'attente" in text
    assert "S'inscrire en liste d'attente" in text
    assert f"/fr/formations/sessions/{paris_session.pk}/calendrier.ics" in text


@pytest.mark.parametrize("rows", [10, 200])
def test_session_page_query_count_does_not_grow_with_registrations(
    client, django_assert_max_num_queries, paris_session, rows
):
    paris_session.capacity = rows
    paris_session.save()
    for seat in range(1, rows + 1):
        RegistrationFactory(session=paris_session, seat_number=seat)
    person = Registration.objects.filter(session=paris_session).first().person
    client.force_login(person)
    with django_assert_max_num_queries(10):
        response = client.get(paris_session.get_absolute_url())
    assert "votre place est confirmée" in page(response)


def test_a_cancelled_session_page_says_so_and_offers_no_registration(client, paris_session):
    services.session_cancel(session=paris_session)
    text = page(client.get(paris_session.get_absolute_url()))
    assert "Cette session a été annulée." in text
    assert register_url(paris_session) not in text


def test_an_unpublished_programme_session_is_not_found(client, paris_session):
    paris_session.programme.is_published = False
    paris_session.programme.save()
    assert client.get(paris_session.get_absolute_url()).status_code == 404


# --- registering ---------------------------------------------------------------------------------------


def test_registering_needs_an_account(client, paris_session):
    response = client.get(register_url(paris_session))
    assert response.status_code == 302
    assert "/compte/login/" in response["Location"]


def test_a_person_registers_and_is_confirmed(client, paris_session, mailoutbox, django_capture_on_commit_callbacks):
    person = UserFactory()
    client.force_login(person)
    form = page(client.get(register_url(paris_session)))
    assert 'name="france_travail_id"' in form and "<label" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(paris_session), {**FORM, "france_travail_id": "1234 567a"}, follow=True)
    assert response.redirect_chain[-1][0] == "/fr/formations/mes-inscriptions/"
    assert "Votre inscription est confirmée" in page(response)
    registration = Registration.objects.get(person=person)
    assert (registration.status, registration.france_travail_id) == (RegistrationStatus.CONFIRMED, "1234567A")
    assert len(mailoutbox) == 1


def test_a_person_on_a_full_session_is_told_their_waitlist_position(client, paris_session):
    for _ in range(4):
        register(paris_session)
    client.force_login(UserFactory())
    response = client.post(register_url(paris_session), FORM, follow=True)
    text = page(response)
    assert "vous êtes en liste d'attente, en position 2" in text
    assert "Liste d'attente : position 2" in text


def test_registering_after_the_deadline_shows_a_clear_message(client, paris_session):
    paris_session.registration_deadline = timezone.now() - dt.timedelta(hours=1)
    paris_session.save()
    client.force_login(UserFactory())
    response = client.post(register_url(paris_session), FORM)
    assert response.status_code == 200
    assert "La date limite d'inscription" in page(response)
    assert not Registration.objects.exists()


def test_registering_on_a_cancelled_session_shows_a_clear_message(client, paris_session):
    services.session_cancel(session=paris_session)
    client.force_login(UserFactory())
    assert "il n'est plus possible de s'y inscrire" in page(client.get(register_url(paris_session)))
    response = client.post(register_url(paris_session), FORM)
    assert response.status_code == 200
    assert "Cette session a été annulée" in page(response)
    assert not Registration.objects.exists()


def test_registering_twice_shows_a_clear_message(client, paris_session):
    person = UserFactory()
    register(paris_session, person=person)
    client.force_login(person)
    response = client.post(register_url(paris_session), FORM)
    assert response.status_code == 200
    assert "Vous êtes déjà inscrit·e à cette session." in page(response)
    assert Registration.objects.filter(person=person).count() == 1


def test_form_errors_are_shown_beside_their_fields(client, paris_session):
    client.force_login(UserFactory())
    response = client.post(register_url(paris_session), {"situation": "", "france_travail_id": "ABC"})
    text = page(response)
    assert response.status_code == 200
    assert "Votre accord est nécessaire" in text
    assert "7 chiffres puis un chiffre ou une lettre" in text
    assert text.count("is-invalid") >= 3
    assert not Registration.objects.exists()


def test_the_france_travail_field_is_hidden_when_the_programme_does_not_ask(client, paris_session):
    paris_session.programme.asks_france_travail_id = False
    paris_session.programme.save()
    client.force_login(UserFactory())
    assert 'name="france_travail_id"' not in page(client.get(register_url(paris_session)))


# --- my registrations and cancelling --------------------------------------------------------------------


@pytest.mark.parametrize("rows", [10, 200])
def test_my_registrations_query_count_does_not_grow(client, django_assert_max_num_queries, paris_session, rows):
    person = UserFactory()
    for _ in range(rows):
        RegistrationFactory(person=person)
    client.force_login(person)
    with django_assert_max_num_queries(6):
        response = client.get("/fr/formations/mes-inscriptions/")
    assert response.status_code == 200
    assert page(response).count("Annuler<span") == rows


def test_a_person_cancels_from_my_registrations_and_the_next_one_is_promoted(
    client, paris_session, mailoutbox, django_capture_on_commit_callbacks
):
    paris_session.capacity = 1
    paris_session.save()
    mine, waiting = register(paris_session), register(paris_session)
    client.force_login(mine.person)
    url = f"/fr/formations/inscriptions/{mine.pk}/annulation/"
    assert "Voulez-vous vraiment annuler" in page(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Votre inscription est annulée." in page(response)
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mailoutbox] == [[waiting.person.email]]


def test_nobody_can_cancel_someone_elses_registration(client, paris_session):
    theirs = register(paris_session)
    client.force_login(UserFactory())
    url = f"/fr/formations/inscriptions/{theirs.pk}/annulation/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED


def test_cancelling_an_already_cancelled_registration_explains_why(client, paris_session):
    mine = register(paris_session)
    services.registration_cancel(registration=mine, by=mine.person)
    client.force_login(mine.person)
    response = client.post(f"/fr/formations/inscriptions/{mine.pk}/annulation/", follow=True)
    assert "Cette inscription est déjà annulée." in page(response)


def test_pages_work_in_english(client, paris_session):
    response = client.get(f"/en/formations/sessions/{paris_session.pk}/")
    assert response.status_code == 200
    assert paris_session.programme.title_en in page(response)
