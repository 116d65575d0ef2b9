"""The recommendation: asked by the applicant, answered through a signed, expiring link; required calls."""

import re
import time

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from startups import services
from startups.constants import ApplicationStatus, RecommendationStatus
from startups.models import Recommendation
from startups.privacy import erase
from startups.services.recommendations import _SALT, LINK_MAX_AGE, _version
from tests.factories import OrganisationFactory

from .conftest import complete_draft, move_to
from .factories import ApplicationFactory, CallFactory, CriterionFactory, InnovationActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lyon_call(db):
    call = CallFactory(requires_recommendation=True)
    CriterionFactory(call=call)
    return call


@pytest.fixture
def actor(lyon_call):
    actor = InnovationActorFactory(name="Pôle d'innovation Rhône")
    actor.cities.add(lyon_call.initiative.partnership.city)
    return actor


def _link(body: str) -> str:
    return (
        re.search(r"https?://\S+/candidatures/recommandation/\S+/", body).group(0).split("://", 1)[1].split("/", 1)[1]
    )


def ask(application, actor, email="reco@example.org"):
    return services.recommendation_request(
        application=application, actor=application.applicant, organisation=actor, contact_email=email
    )


def test_the_applicant_asks_from_the_form_and_the_contact_gets_a_link(
    client, lyon_call, actor, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(call=lyon_call)
    client.force_login(application.applicant)
    url = reverse("startups:application_step", kwargs={"pk": application.pk, "step": "recommandation"})
    page = client.get(url).content.decode()
    assert "Pôle d&#x27;innovation Rhône" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisation": actor.pk, "contact_email": "Reco@Example.org", "action": "next"})
    assert response.status_code == 302
    application.recommendation.refresh_from_db()
    assert application.recommendation.status == RecommendationStatus.PENDING
    (email,) = mailoutbox
    assert email.to == ["reco@example.org"]
    assert application.company_name in email.subject
    assert "/fr/candidatures/recommandation/" in email.body


def test_only_innovation_actors_of_the_calls_city_can_be_asked(lyon_call, actor):
    application = ApplicationFactory(call=lyon_call)
    elsewhere = InnovationActorFactory()  # another city
    not_an_actor = OrganisationFactory()
    not_an_actor.cities.add(lyon_call.initiative.partnership.city)
    for organisation in (elsewhere, not_an_actor):
        with pytest.raises(ValidationError) as error:
            ask(application, organisation)
        assert "organisation" in error.value.message_dict


def test_confirming_through_the_link(client, lyon_call, actor, mailoutbox, django_capture_on_commit_callbacks):
    application = ApplicationFactory(call=lyon_call)
    with django_capture_on_commit_callbacks(execute=True):
        ask(application, actor)
    link = "/" + _link(mailoutbox[0].body)
    page = client.get(link).content.decode()
    assert application.company_name in page and "Je recommande cette start-up" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"decision": "confirm", "comment": "Suivie depuis un an."})
    assert response.status_code == 302
    recommendation = application.recommendation
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.CONFIRMED
    assert recommendation.comment == "Suivie depuis un an."
    assert mailoutbox[-1].to == [application.applicant.email]
    assert "confirmé" in mailoutbox[-1].subject
    page = client.get(link).content.decode()
    assert "Réponse enregistrée" in page and "Confirmée" in page
    client.post(link, {"decision": "decline"})  # a second answer changes nothing
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.CONFIRMED


def test_declining_through_the_link(client, lyon_call, actor, mailoutbox, django_capture_on_commit_callbacks):
    application = ApplicationFactory(call=lyon_call)
    with django_capture_on_commit_callbacks(execute=True):
        ask(application, actor)
    link = "/" + _link(mailoutbox[0].body)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"decision": "decline"})
    application.recommendation.refresh_from_db()
    assert application.recommendation.status == RecommendationStatus.DECLINED
    assert "décliné" in mailoutbox[-1].subject


def test_an_expired_link_is_refused_with_a_clear_page(client, lyon_call, actor, monkeypatch):
    application = ApplicationFactory(call=lyon_call)
    recommendation = ask(application, actor)
    real_time = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - LINK_MAX_AGE.total_seconds() - 60)
    token = services.recommendation_token(recommendation)
    monkeypatch.setattr(signing.time, "time", real_time)
    url = reverse("startups:recommendation_respond", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 410
    assert "Ce lien de recommandation a expiré" in response.content.decode()
    client.post(url, {"decision": "confirm"})
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.PENDING


@pytest.mark.parametrize("tamper", ["flip-signature", "other-id", "garbage"])
def test_a_tampered_link_is_refused(client, lyon_call, actor, tamper):
    application = ApplicationFactory(call=lyon_call)
    recommendation = ask(application, actor)
    token = services.recommendation_token(recommendation)
    if tamper == "flip-signature":
        token = token[:-1] + ("A" if token[-1] != "A" else "B")
    elif tamper == "other-id":
        payload, _, rest = token.partition(":")
        forged = signing.TimestampSigner(salt="x").sign_object({"r": recommendation.pk + 1, "v": "x"})
        token = forged.split(":")[0] + ":" + rest
    else:
        token = "pas-un-jeton"
    url = reverse("startups:recommendation_respond", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 404
    assert "Ce lien de recommandation n" in response.content.decode()
    client.post(url, {"decision": "confirm"})
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.PENDING


def test_asking_again_invalidates_the_earlier_link(client, lyon_call, actor):
    application = ApplicationFactory(call=lyon_call)
    old_token = services.recommendation_token(ask(application, actor))
    other = InnovationActorFactory()
    other.cities.add(lyon_call.initiative.partnership.city)
    new = ask(application, other, "autre@example.org")
    old = client.get(reverse("startups:recommendation_respond", kwargs={"token": old_token}))
    assert old.status_code == 404
    fresh = client.get(reverse("startups:recommendation_respond", kwargs={"token": services.recommendation_token(new)}))
    assert fresh.status_code == 200


def test_a_confirmed_recommendation_is_kept_when_asked_again_with_the_same_actor(lyon_call, actor):
    application = ApplicationFactory(call=lyon_call)
    recommendation = ask(application, actor)
    services.recommendation_respond(recommendation=recommendation, confirm=True)
    again = ask(application, actor)
    assert again.status == RecommendationStatus.CONFIRMED


# ---------------------------------------------------------------- the call's rule


def test_submission_is_refused_until_a_recommendation_is_asked(lyon_call):
    application = complete_draft(CallFactory(requires_recommendation=False))  # no request made by the helper
    application.call = lyon_call
    application.save()
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, actor=application.applicant, consent=True)
    assert "exige la recommandation" in " ".join(error.value.messages)


def test_submission_is_refused_while_the_recommendation_is_declined(lyon_call):
    application = complete_draft(lyon_call)
    services.recommendation_respond(recommendation=application.recommendation, confirm=False)
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, actor=application.applicant, consent=True)
    assert "a été déclinée" in " ".join(error.value.messages)


def test_submission_is_allowed_while_pending_but_acceptance_waits_for_confirmation(lyon_call, city_staff):
    application = move_to(complete_draft(lyon_call), ApplicationStatus.SHORTLISTED, city_staff)
    assert application.recommendation.status == RecommendationStatus.PENDING
    with pytest.raises(ValidationError) as error:
        services.application_transition(application=application, to_status=ApplicationStatus.ACCEPTED, actor=city_staff)
    assert error.value.code == "recommendation_not_confirmed"
    services.recommendation_respond(recommendation=application.recommendation, confirm=True)
    services.application_transition(application=application, to_status=ApplicationStatus.ACCEPTED, actor=city_staff)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


@pytest.fixture
def city_staff(lyon_call, roles):
    from .conftest import make_city_staff

    return make_city_staff(lyon_call.initiative.partnership.city, roles)


def test_after_a_decline_the_submitted_applicant_asks_another_actor(
    client, lyon_call, actor, city_staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = move_to(complete_draft(lyon_call), ApplicationStatus.SUBMITTED, city_staff)
    services.recommendation_respond(recommendation=application.recommendation, confirm=False)
    client.force_login(application.applicant)
    assert "Demander ou renvoyer la recommandation" in client.get(application.get_absolute_url()).content.decode()
    url = reverse("startups:application_step", kwargs={"pk": application.pk, "step": "recommandation"})
    assert client.get(url).status_code == 200
    assert (
        client.get(
            reverse("startups:application_step", kwargs={"pk": application.pk, "step": "entreprise"})
        ).status_code
        == 302
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisation": actor.pk, "contact_email": "autre@example.org", "action": "next"})
    assert response.headers["Location"] == application.get_absolute_url()
    application.recommendation.refresh_from_db()
    assert application.recommendation.status == RecommendationStatus.PENDING
    assert mailoutbox[0].to == ["autre@example.org"]


# ---------------------------------------------------------------- who may be asked


def _post_step(client, application, organisation, email):
    client.force_login(application.applicant)
    url = reverse("startups:application_step", kwargs={"pk": application.pk, "step": "recommandation"})
    return client.post(url, {"organisation": organisation.pk, "contact_email": email, "action": "next"})


@pytest.mark.parametrize("whose", ["account", "application-contact"])
def test_the_applicant_cannot_name_their_own_address(client, lyon_call, actor, mailoutbox, whose):
    application = ApplicationFactory(call=lyon_call, contact_email="fondatrice@startup.example")
    own = application.applicant.email if whose == "account" else application.contact_email
    response = _post_step(client, application, actor, "  " + own.upper())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cette adresse est la vôtre" in page
    assert response.context["form"].errors["contact_email"]  # tied to the field, not the form
    assert not Recommendation.objects.filter(application=application).exists()
    assert not mailoutbox
    with pytest.raises(ValidationError) as error:
        ask(application, actor, own.upper())
    assert "contact_email" in error.value.message_dict


def test_the_own_address_error_is_translated(client, lyon_call, actor):
    application = ApplicationFactory(call=lyon_call)
    client.force_login(application.applicant)
    with translation.override("en"):
        url = reverse("startups:application_step", kwargs={"pk": application.pk, "step": "recommandation"})
    response = client.post(url, {"organisation": actor.pk, "contact_email": application.applicant.email})
    assert response.status_code == 200
    assert "This address is yours" in response.content.decode()


@pytest.fixture
def actor_with_website(lyon_call):
    actor = InnovationActorFactory(name="Pôle d'innovation", website="https://www.pole-innovation.fr/reseau")
    actor.cities.add(lyon_call.initiative.partnership.city)
    return actor


@pytest.mark.parametrize("email", ["x@pole-innovation.fr", "x@lyon.pole-innovation.fr", "X@Www.Pole-Innovation.FR"])
def test_an_address_on_the_actors_domain_is_accepted(client, lyon_call, actor_with_website, email):
    application = ApplicationFactory(call=lyon_call)
    response = _post_step(client, application, actor_with_website, email)
    assert response.status_code == 302
    application.recommendation.refresh_from_db()
    assert application.recommendation.contact_email == email.lower()


@pytest.mark.parametrize("email", ["x@gmail.com", "x@evilpole-innovation.fr", "x@pole-innovation.fr.example.com"])
def test_an_address_outside_the_actors_domain_is_refused(client, lyon_call, actor_with_website, email):
    application = ApplicationFactory(call=lyon_call)
    response = _post_step(client, application, actor_with_website, email)
    assert response.status_code == 200
    assert "pole-innovation.fr" in " ".join(response.context["form"].errors["contact_email"])
    assert not Recommendation.objects.filter(application=application).exists()
    with pytest.raises(ValidationError) as error:
        ask(application, actor_with_website, email)
    assert "contact_email" in error.value.message_dict


def test_an_actor_without_website_accepts_any_other_address(lyon_call, actor):
    assert not actor.website
    recommendation = ask(ApplicationFactory(call=lyon_call), actor, "x@gmail.com")
    assert recommendation.contact_email == "x@gmail.com"


# ---------------------------------------------------------------- forged links and erased accounts


@pytest.mark.parametrize("bad_id", ["abc", {"a": 1}, [1], "9" * 30, None])
def test_a_validly_signed_link_with_a_bad_id_is_refused(client, lyon_call, actor, bad_id):
    recommendation = ask(ApplicationFactory(call=lyon_call), actor)
    token = signing.TimestampSigner(salt=_SALT).sign_object({"r": bad_id, "v": _version(recommendation)})
    url = reverse("startups:recommendation_respond", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 404
    assert "Ce lien de recommandation n" in response.content.decode()
    assert client.post(url, {"decision": "confirm"}).status_code == 404
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.PENDING


@pytest.mark.parametrize("confirm", [True, False])
def test_the_actors_address_goes_once_they_answer_for_an_erased_account(lyon_call, city_staff, mailoutbox, confirm):
    application = move_to(complete_draft(lyon_call), ApplicationStatus.SUBMITTED, city_staff)
    applicant = application.applicant
    erase(applicant)  # the pending link must still work, then the address goes
    applicant.delete()
    recommendation = Recommendation.objects.get(application=application)
    mailoutbox.clear()
    assert recommendation.contact_email == "reco@example.org"
    answered = services.recommendation_respond(recommendation=recommendation, confirm=confirm, comment="Oui.")
    assert answered.contact_email == ""
    recommendation.refresh_from_db()
    assert recommendation.contact_email == ""
    assert recommendation.status == (RecommendationStatus.CONFIRMED if confirm else RecommendationStatus.DECLINED)
    assert not Recommendation.history.filter(id=recommendation.pk, contact_email="reco@example.org").exists()
    assert not mailoutbox  # nobody to tell


# ---------------------------------------------------------------- the applicant's own organisation


@pytest.mark.parametrize("email", ["associe@startup.example", "cto@lyon.startup.example", "X@Startup.Example"])
def test_an_address_on_the_applicants_own_domain_is_refused_next_to_the_field(
    client, lyon_call, actor, mailoutbox, email
):
    application = ApplicationFactory(call=lyon_call, contact_email="fondatrice@startup.example")
    response = _post_step(client, application, actor, email)
    assert response.status_code == 200
    assert "votre propre organisation (startup.example)" in " ".join(response.context["form"].errors["contact_email"])
    assert "votre propre organisation (startup.example)" in response.content.decode()
    assert not Recommendation.objects.filter(application=application).exists()
    assert not mailoutbox
    with pytest.raises(ValidationError) as error:
        ask(application, actor, email)
    assert [e.code for e in error.value.error_dict["contact_email"]] == ["applicant_domain"]


def test_the_applicants_website_domain_counts_as_theirs(client, lyon_call, actor):
    application = ApplicationFactory(call=lyon_call, website="https://www.compost-et-fils.fr/")
    with pytest.raises(ValidationError) as error:
        ask(application, actor, "ami@compost-et-fils.fr")
    assert [e.code for e in error.value.error_dict["contact_email"]] == ["applicant_domain"]


def test_a_webmail_applicant_may_be_recommended_by_someone_on_the_same_webmail(client, lyon_call, actor):
    """gmail.com is nobody's organisation: refusing it would stop any gmail user being recommended by another."""
    applicant = ApplicationFactory(call=lyon_call).applicant
    applicant.email = "fondatrice@gmail.com"
    applicant.save()
    application = ApplicationFactory(call=lyon_call, applicant=applicant, contact_email="fondatrice@gmail.com")
    recommendation = ask(application, actor, "mentor@gmail.com")
    assert recommendation.status == RecommendationStatus.PENDING
    assert Recommendation.objects.get(application=application).contact_email == "mentor@gmail.com"


def test_the_applicant_domain_error_is_translated(client, lyon_call, actor):
    application = ApplicationFactory(call=lyon_call, contact_email="fondatrice@startup.example")
    client.force_login(application.applicant)
    with translation.override("en"):
        url = reverse("startups:application_step", kwargs={"pk": application.pk, "step": "recommandation"})
    response = client.post(url, {"organisation": actor.pk, "contact_email": "associe@startup.example"})
    assert "your own organisation&#x27;s domain (startup.example)" in response.content.decode() or (
        "your own organisation's domain (startup.example)" in response.content.decode()
    )


def test_a_demo_actor_is_offered_as_an_example_in_the_applicants_language(client, lyon_call, actor):
    actor.is_example = True
    actor.save()
    application = ApplicationFactory(call=lyon_call)
    client.force_login(application.applicant)
    for language, word in (("fr", "exemple"), ("en", "example")):
        with translation.override(language):
            url = reverse("startups:application_step", kwargs={"pk": application.pk, "step": "recommandation"})
        page = client.get(url).content.decode()
        assert f'<option value="{actor.pk}">Pôle d&#x27;innovation Rhône ({word})</option>' in page
