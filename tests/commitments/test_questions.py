"""A resident asks a question about a commitment (no account, a short form with a consent box, a honeypot and a
limit per address); staff moderate it in the admin and answer it publicly; the asker is emailed the answer in
the language they asked in, and their address is then erased."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.utils import timezone

from accounts.privacy import apply_retention
from commitments.constants import QUESTIONS_PER_ADDRESS_PER_HOUR, QuestionStatus
from commitments.models import Question
from tests.commitments.factories import QuestionFactory
from tests.factories import CityFactory, CommitmentFactory, PartnershipFactory, UserFactory, city_agent
from tests.test_admin_doors import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    paris = CityFactory(slug="paris", name="Paris", name_en="Paris")
    partnership = PartnershipFactory(city=paris, slug="paris-libre", title="Paris et le logiciel libre")
    return CommitmentFactory(partnership=partnership, title="Ouvrir 20 lieux", title_en="Open 20 places")


def ask(client, commitment, language="fr", **overrides):
    data = {
        "text": "Où sont les lieux <b>ouverts</b> ?",
        "email": "Camille@Example.org",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return client.post(f"/{language}/engagements/{commitment.pk}/question/", data)


def test_a_question_is_moderated_answered_publicly_and_the_answer_emailed_in_the_askers_language(
    client, commitment, mailoutbox, django_capture_on_commit_callbacks
):
    page = client.get(f"/en/engagements/{commitment.pk}/question/")
    assert page.status_code == 200 and "Ask a question" in page.content.decode()
    response = ask(client, commitment, language="en")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/engagements/{commitment.pk}/question/envoyee/"
    )
    question = Question.objects.get()
    assert (question.status, question.email, question.language) == (QuestionStatus.PENDING, "camille@example.org", "en")
    partnership_page = f"/fr/partenariats/{commitment.partnership.slug}/"
    assert "Où sont les lieux" not in client.get(partnership_page).content.decode()  # not before moderation

    agent = city_agent(commitment.partnership.city)
    staff = Client()
    staff.force_login(agent)
    change = f"/fr/admin/commitments/question/{question.pk}/change/"
    body = form_fields(staff.get(change).content.decode())
    body.update({"answer": "Les 20 lieux sont listés sur la carte des lieux.", "_save": "Enregistrer"})
    assert staff.post(change, body).status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.PENDING and question.answer.startswith("Les 20 lieux")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            "/fr/admin/commitments/question/",
            {"action": "publish_answer", ACTION_CHECKBOX_NAME: [question.pk]},
        )
    question.refresh_from_db()
    assert (question.status, question.answered_by, question.email) == (QuestionStatus.ANSWERED, agent, "")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["camille@example.org"]
    assert mailoutbox[0].subject == "Answer to your question about “Open 20 places”"
    assert "Les 20 lieux sont listés sur la carte des lieux." in mailoutbox[0].body

    page = client.get(partnership_page).content.decode()
    assert "Où sont les lieux &lt;b&gt;ouverts&lt;/b&gt; ?" in page  # escaped
    assert "Les 20 lieux sont listés sur la carte des lieux." in page
    assert "camille@example.org" not in page
    assert "Les 20 lieux sont listés" in client.get(f"/fr/engagements/{commitment.pk}/question/").content.decode()
    # In the history: asked, the answer drafted, then published.
    assert [h.status for h in question.history.order_by("history_id")] == ["pending", "pending", "answered"]


def test_a_rejected_question_is_never_shown_and_loses_its_address(client, commitment):
    ask(client, commitment)
    question = Question.objects.get()
    staff = Client()
    staff.force_login(city_agent(commitment.partnership.city))
    staff.post("/fr/admin/commitments/question/", {"action": "reject", ACTION_CHECKBOX_NAME: [question.pk]})
    question.refresh_from_db()
    assert (question.status, question.email) == (QuestionStatus.REJECTED, "")
    assert "Où sont les lieux" not in client.get(f"/fr/partenariats/{commitment.partnership.slug}/").content.decode()


def test_bad_input_is_shown_next_to_the_fields_and_nothing_is_recorded(client, commitment):
    response = ask(client, commitment, email="pas-une-adresse", consent="", text="")
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("text", "email", "consent"):
        assert f'id="error_1_id_{field}"' in html, field
    assert "Votre accord est nécessaire" in html
    assert not Question.objects.exists()


def test_a_form_filled_by_a_robot_is_silently_dropped(client, commitment):
    response = ask(client, commitment, website="https://spam.example")
    assert response.status_code == 302
    assert not Question.objects.exists()


def test_one_address_cannot_send_more_than_the_limit_in_an_hour(client, commitment):
    for _ in range(QUESTIONS_PER_ADDRESS_PER_HOUR):
        assert ask(client, commitment).status_code == 302
    assert ask(client, commitment).status_code == 429
    assert Question.objects.count() == QUESTIONS_PER_ADDRESS_PER_HOUR


def test_the_question_page_of_an_unknown_commitment_is_a_404(client):
    assert client.get("/fr/engagements/999999/question/").status_code == 404


def test_erasing_a_person_and_the_retention_job_clear_the_addresses_of_questions(commitment):
    person = UserFactory(email="camille@example.org")
    mine = QuestionFactory(commitment=commitment, email="camille@example.org")
    old = QuestionFactory(commitment=commitment, email="autre@example.org")
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=120))
    fresh = QuestionFactory(commitment=commitment, email="recent@example.org")

    from accounts.privacy import personal_data_export, user_erase

    exported = personal_data_export(user=person)
    assert "Combien de personnes" in str(exported) and "autre@example.org" not in str(exported)
    user_erase(user=person)
    mine.refresh_from_db()
    assert mine.email == "" and mine.text  # the question stays, without the address
    apply_retention()
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.email, fresh.email) == ("", "recent@example.org")
