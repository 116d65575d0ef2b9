"""A person nominates a free-software project without an account; it counts once they confirm the link sent to
their address, and staff moderate it before it is shown."""

import re

import pytest
from django.urls import reverse

from awards.constants import NominationStatus
from awards.models import Nomination
from tests.awards.factories import CategoryFactory, EditionFactory, NominationFactory
from tests.factories import city_agent

pytestmark = pytest.mark.django_db


def form_data(category, **overrides):
    data = {
        "category": category.pk,
        "name": "Carto'Quartier",
        "description": "Une carte libre des services du quartier.",
        "website": "",
        "repository_url": "https://framagit.org/cartoquartier/cartoquartier",
        "licence": "AGPL-3.0-or-later",
        "organisation": "Association Carto'Quartier",
        "organisation_domain": "cartoquartier.org",
        "email": "Camille@Example.org",
    }
    data.update(overrides)
    return data


def link_in(message) -> str:
    return re.search(r"https?://\S+(/fr/lutece-d-or/confirmer/[^/\s]+/)", message.body).group(1)


def test_a_nomination_counts_only_once_its_nominator_confirms_the_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    category = CategoryFactory()
    edition = category.edition
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:nominate", args=[edition.slug]), form_data(category))
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.status == NominationStatus.PENDING
    assert nomination.nominator_email == "camille@example.org"
    page = client.get(edition.get_absolute_url()).content.decode()
    assert re.search(r"\b0 propositions? confirmées?", page)

    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["camille@example.org"]
    link = link_in(mailoutbox[0])
    assert "Confirmer ma proposition" in client.get(link).content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING  # opening the link (a mail scanner) confirms nothing

    confirmed = client.post(link)
    assert "Proposition confirmée" in confirmed.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED and nomination.confirmed_at is not None
    assert nomination.nominator_email == ""  # the address is not kept once confirmed
    assert "1 proposition confirmée" in client.get(edition.get_absolute_url()).content.decode()
    assert "Carto&#x27;Quartier" not in client.get(edition.get_absolute_url()).content.decode()  # not moderated yet

    client.post(link)  # a second click changes nothing
    assert Nomination.objects.counted().count() == 1


def test_a_forged_or_altered_link_confirms_nothing(client):
    nomination = NominationFactory(status=NominationStatus.PENDING, confirmed_at=None, nominator_email="a@example.org")
    response = client.post(reverse("awards:nomination_confirm", args=["abime:xyz"]))
    assert response.status_code == 400
    assert "Lien non valable" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("licence", "Proprietary", "Sélectionnez un choix valide"),
        ("repository_url", "http://framagit.org/a/b", "adresse publique du dépôt"),
        ("repository_url", "https://192.168.1.1/a/b", "adresse publique du dépôt"),
        ("repository_url", "https://user:pass@github.com/a/b", "adresse publique du dépôt"),
        ("repository_url", "https://github.com/seulement-un-nom", "adresse publique du dépôt"),
        ("repository_url", "", "avec l&#x27;adresse de son code source"),
        ("organisation_domain", "https://exemple.org", "Saisissez un nom de domaine"),
        ("email", "pas-une-adresse", "Saisissez une adresse de courriel valide"),
        ("name", "", "Ce champ est obligatoire"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_recorded(client, mailoutbox, field, value, message):
    category = CategoryFactory()
    response = client.post(
        reverse("awards:nominate", args=[category.edition.slug]), form_data(category, **{field: value})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page or f"error_1_id_{field}" in page
    assert message in page
    assert Nomination.objects.count() == 0 and mailoutbox == []


def test_nominations_are_refused_once_the_edition_closed_them(client):
    category = CategoryFactory(edition=EditionFactory(phase="jury"))
    response = client.post(reverse("awards:nominate", args=[category.edition.slug]), form_data(category))
    assert "Propositions closes" in response.content.decode()
    assert Nomination.objects.count() == 0


def test_an_address_sending_too_many_nominations_gets_429(client, settings):
    category = CategoryFactory()
    url = reverse("awards:nominate", args=[category.edition.slug])
    for index in range(10):
        assert client.post(url, form_data(category, name=f"Projet {index}")).status_code == 302
    response = client.post(url, form_data(category, name="Projet de trop"))
    assert response.status_code == 429
    assert Nomination.objects.count() == 10


def test_staff_accept_a_confirmed_nomination_and_it_is_shown_with_its_licence(client):
    nomination = NominationFactory(status=NominationStatus.CONFIRMED, name="Agenda Solidaire")
    agent = city_agent(nomination.category.edition.partnership.city)
    client.force_login(agent)
    response = client.post(
        "/fr/admin/awards/nomination/", {"action": "accept", "_selected_action": [nomination.pk]}, follow=True
    )
    assert "1 proposition retenue." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED
    client.logout()
    page = client.get(nomination.category.edition.get_absolute_url()).content.decode()
    assert "Agenda Solidaire" in page and "AGPL-3.0-or-later" in page


def test_staff_cannot_accept_a_nomination_nobody_confirmed(client):
    nomination = NominationFactory(status=NominationStatus.PENDING, confirmed_at=None)
    client.force_login(city_agent(nomination.category.edition.partnership.city))
    response = client.post(
        "/fr/admin/awards/nomination/", {"action": "accept", "_selected_action": [nomination.pk]}, follow=True
    )
    assert "elle ne compte pas encore" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING


def test_another_citys_agent_cannot_moderate(client):
    nomination = NominationFactory(status=NominationStatus.CONFIRMED)
    other = EditionFactory().partnership.city
    client.force_login(city_agent(other))
    client.post("/fr/admin/awards/nomination/", {"action": "accept", "_selected_action": [nomination.pk]})
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED


def test_the_edition_page_holds_a_fixed_number_of_queries_whatever_the_rows(client, django_assert_max_num_queries):
    edition = EditionFactory()
    for _ in range(3):
        category = CategoryFactory(edition=edition)
        NominationFactory.create_batch(3, category=category)
    with django_assert_max_num_queries(12) as few:
        client.get(edition.get_absolute_url())
    for category in edition.categories.all():
        NominationFactory.create_batch(40, category=category)
    CategoryFactory.create_batch(5, edition=edition)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(edition.get_absolute_url()).status_code == 200


def test_web_addresses_typed_without_https_are_kept_with_it(client):
    category = CategoryFactory()
    data = form_data(category, website="cartoquartier.org", repository_url="framagit.org/cartoquartier/cartoquartier")
    response = client.post(reverse("awards:nominate", args=[category.edition.slug]), data)
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.website == "https://cartoquartier.org"
    assert nomination.repository_url == "https://framagit.org/cartoquartier/cartoquartier"


def test_demo_entries_say_they_are_examples_with_the_badge_not_in_their_names(client, demo_data):
    from partnership.models import Organisation

    assert Nomination.objects.filter(is_example=True).exists()
    assert not Nomination.objects.filter(name__contains="exemple").exists()
    assert not Nomination.objects.filter(organisation__contains="exemple").exists()
    assert not Organisation.objects.filter(name__contains="exemple").exists()
    page = client.get("/en/lutece-d-or/lutece-d-or-2025/laureats/").content.decode()
    assert 'Coopérative Logiciels Communs <span class="badge text-bg-warning">example</span>' in page
