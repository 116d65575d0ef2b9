"""The jury declares its interests before seeing any nomination, is kept away from the nominations of its own
organisations, and scores the others by weighted criteria; the public votes once per address and category, and
the count is shown only after the vote closes; the laureates page follows the publication of the results."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from awards import services
from awards.constants import ConflictSource, Prize
from awards.models import Conflict, Laureate, Score, Vote
from tests.awards.factories import CategoryFactory, CriterionFactory, EditionFactory, JurorFactory, NominationFactory
from tests.factories import UserFactory, city_agent

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury_edition():
    edition = EditionFactory(phase="jury")
    category = CategoryFactory(edition=edition)
    CriterionFactory(edition=edition, name="Utilité", weight=3)
    CriterionFactory(edition=edition, name="Qualité", weight=1)
    own = NominationFactory(
        category=category, name="Projet Maison", organisation="Coopérative Libre", organisation_domain="coop-libre.fr"
    )
    other = NominationFactory(category=category, name="Projet Voisin", organisation="Association Voisine")
    return edition, own, other


def test_a_juror_sees_no_nomination_before_declaring_their_interests(client, jury_edition):
    edition, own, other = jury_edition
    juror = JurorFactory(edition=edition, user=UserFactory(email="jure@coop-libre.fr"))
    client.force_login(juror.user)
    response = client.get(reverse("awards:jury", args=[edition.slug]))
    assert response.status_code == 302 and response["Location"].endswith("/jury/declaration/")
    detail = client.get(reverse("awards:jury_nomination", args=[edition.slug, other.pk]))
    assert detail.status_code == 302 and "Projet Voisin" not in client.get(detail["Location"]).content.decode()

    page = client.get(response["Location"]).content.decode()
    assert "<h1>Déclaration d'intérêts</h1>" in page and "Projet Voisin" not in page and "Projet Maison" not in page
    refused = client.post(response["Location"], {"organisations": "Coopérative Libre"})  # not sworn
    assert refused.status_code == 200 and juror.__class__.objects.get(pk=juror.pk).declared_at is None

    client.post(response["Location"], {"organisations": "", "declaration": "", "sworn": "on"})
    juror.refresh_from_db()
    assert juror.declared_at is not None
    listing = client.get(reverse("awards:jury", args=[edition.slug])).content.decode()
    assert "Projet Voisin" in listing
    # Flagged by the address's domain, which is the nominated organisation's.
    assert "Conflit d'intérêts : vous ne la notez pas" in listing
    conflict = Conflict.objects.get(juror=juror)
    assert conflict.nomination == own and conflict.source == ConflictSource.EMAIL_DOMAIN


def test_a_juror_is_flagged_by_a_declared_organisation_and_cannot_score_that_nomination(client, jury_edition):
    edition, own, other = jury_edition
    juror = JurorFactory(edition=edition, user=UserFactory(email="jure@gmail.com"))
    client.force_login(juror.user)
    client.post(
        reverse("awards:jury_declaration", args=[edition.slug]),
        {"organisations": "Mairie\ncooperative libre", "declaration": "", "sworn": "on"},
    )
    assert Conflict.objects.get(juror=juror).source == ConflictSource.ORGANISATION
    criteria = list(edition.criteria.order_by("order", "pk"))
    body = {f"criterion_{criterion.pk}": "5" for criterion in criteria}
    response = client.post(reverse("awards:jury_nomination", args=[edition.slug, own.pk]), body)
    assert "vous ne la notez pas" in response.content.decode()
    assert Score.objects.filter(nomination=own).count() == 0

    client.post(reverse("awards:jury_nomination", args=[edition.slug, other.pk]), body)
    assert Score.objects.filter(juror=juror, nomination=other).count() == 2


def test_a_juror_declares_a_conflict_on_one_nomination_and_then_cannot_score_it(client, jury_edition):
    edition, _own, other = jury_edition
    juror = JurorFactory(edition=edition)
    services.juror_declare(juror=juror, user=juror.user, organisations="", declaration="")
    client.force_login(juror.user)
    url = reverse("awards:jury_nomination", args=[edition.slug, other.pk])
    client.post(url, {"detail": "Ancien client"})
    assert Conflict.objects.get(juror=juror, nomination=other).source == ConflictSource.DECLARED
    body = {f"criterion_{criterion.pk}": "4" for criterion in edition.criteria.all()}
    client.post(url, body)
    assert not Score.objects.filter(nomination=other).exists()


def test_someone_outside_the_jury_gets_404(client, jury_edition):
    edition, *_ = jury_edition
    client.force_login(UserFactory())
    assert client.get(reverse("awards:jury", args=[edition.slug])).status_code == 404


def vote_link(message) -> str:
    return re.search(r"(/fr/lutece-d-or/vote/[^/\s]+/)", message.body).group(1)


def test_a_vote_counts_once_per_address_and_the_count_is_hidden_until_the_vote_closes(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    edition = EditionFactory(phase="jury")
    category = CategoryFactory(edition=edition, public_vote=True)
    first, second = NominationFactory(category=category, name="Premier"), NominationFactory(category=category)
    url = reverse("awards:vote", args=[edition.slug, category.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"nomination": first.pk, "email": "Votant@example.org"})
        client.post(url, {"nomination": second.pk, "email": "votant@example.org"})
    assert Vote.objects.count() == 0  # nothing counted before the link is confirmed
    assert len(mailoutbox) == 2
    assert "votant@example.org" not in str(list(Vote.objects.values()))
    first_link, second_link = vote_link(mailoutbox[0]), vote_link(mailoutbox[1])
    assert "Vote enregistré" in client.post(first_link).content.decode()
    assert "Vote déjà enregistré" in client.post(second_link).content.decode()
    client.post(first_link)
    assert Vote.objects.count() == 1 and Vote.objects.get().nomination == first
    assert "votant" not in Vote.objects.get().voter_digest

    page = client.get(edition.get_absolute_url()).content.decode()
    assert "Voix du public" not in page  # the count is hidden while the vote is open
    edition.vote_closes_at = edition.vote_opens_at + (edition.results_announced_for - edition.vote_opens_at) / 100
    edition.save()
    page = client.get(edition.get_absolute_url()).content.decode()
    assert "Voix du public" in page


def test_results_are_hidden_before_publication_then_the_laureates_page_shows_them_in_both_languages(client):
    edition = EditionFactory(phase="closed")
    category = CategoryFactory(edition=edition, public_vote=True, name="Projet libre", name_en="Free project")
    CriterionFactory(edition=edition, weight=3)
    CriterionFactory(edition=edition, weight=1)
    best, runner = NominationFactory(category=category, name="Le Meilleur"), NominationFactory(category=category)
    for nomination, values in ((best, (5, 3)), (runner, (3, 5))):
        juror = JurorFactory(edition=edition)
        for criterion, value in zip(edition.criteria.order_by("order", "pk"), values, strict=True):
            Score.objects.create(juror=juror, nomination=nomination, criterion=criterion, value=value)
    Vote.objects.create(category=category, nomination=runner, voter_digest="a" * 64)

    url = reverse("awards:laureates", args=[edition.slug])
    assert "ne sont pas encore publiés" in client.get(url).content.decode()
    assert client.get("/donnees/lutece-d-or-laureats.json").json()["nombre"] == 0

    services.results_publish(edition=edition, by=city_agent(edition.partnership.city))
    laureates = {laureate.prize: laureate for laureate in Laureate.objects.all()}
    assert laureates[Prize.JURY].nomination == best and str(laureates[Prize.JURY].jury_score) == "4.50"
    assert laureates[Prize.PUBLIC].nomination == runner and laureates[Prize.PUBLIC].votes == 1
    page = client.get(url).content.decode()
    assert "Le Meilleur" in page and "Prix du jury" in page and "4,50" in page
    with translation.override("en"):
        english = reverse("awards:laureates", args=[edition.slug])
    page_en = client.get(english).content.decode()
    assert "Free project" in page_en and 'lang="en"' in page_en
    rows = client.get("/donnees/lutece-d-or-laureats.json").json()["donnees"]
    assert {row["prix"] for row in rows} == {"jury", "public"}


def test_results_cannot_be_published_while_the_jury_deliberates(jury_edition):
    edition, *_ = jury_edition
    with pytest.raises(Exception, match="après leur clôture"):
        services.results_publish(edition=edition, by=city_agent(edition.partnership.city))
    assert not Laureate.objects.exists()


def test_the_jury_and_laureates_pages_hold_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    edition = EditionFactory(phase="jury")
    category = CategoryFactory(edition=edition)
    NominationFactory.create_batch(3, category=category)
    juror = JurorFactory(edition=edition)
    services.juror_declare(juror=juror, user=juror.user, organisations="Quelque part", declaration="")
    client.force_login(juror.user)
    url = reverse("awards:jury", args=[edition.slug])
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for other in CategoryFactory.create_batch(4, edition=edition):
        NominationFactory.create_batch(25, category=other)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200

    closed = EditionFactory(phase="closed")
    laureates = reverse("awards:laureates", args=[closed.slug])

    def give_prizes(count):
        for _ in range(count):
            other = CategoryFactory(edition=closed)
            Laureate.objects.create(category=other, nomination=NominationFactory(category=other), prize=Prize.JURY)

    give_prizes(2)
    type(closed).objects.filter(pk=closed.pk).update(results_published_at=closed.results_announced_for)
    with django_assert_max_num_queries(20) as few:
        assert client.get(laureates).status_code == 200
    give_prizes(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(laureates).status_code == 200


def test_with_the_page_cache_on_an_accepted_nomination_shows_on_the_next_anonymous_visit(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    category = CategoryFactory(edition=EditionFactory(phase="jury"))
    agent = city_agent(category.edition.partnership.city)
    url = category.edition.get_absolute_url()
    assert "Projet tout neuf" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        nomination = NominationFactory(category=category, name="Projet tout neuf", status="confirmed")
    assert "Projet tout neuf" not in client.get(url).content.decode()  # confirmed, not yet accepted
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_accept(nomination=nomination, by=agent)
    assert "Projet tout neuf" in client.get(url).content.decode()
