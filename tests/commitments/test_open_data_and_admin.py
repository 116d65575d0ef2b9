"""The follow-up in the open data (public fields only: never an address), listed in the DCAT catalogue; the admin
scoped to the staff's city at every door; the timeline's query count does not grow with its rows."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from commitments.constants import QuestionStatus, UpdateStatus
from commitments.models import ProgressUpdate, Question
from tests.commitments.factories import (
    AttestationContactFactory,
    ProgressUpdateFactory,
    QuestionFactory,
    answered_question,
    attested_update,
)
from tests.factories import CityFactory, CommitmentFactory, PartnershipFactory, city_agent
from tests.table_schema import schema_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    paris = CityFactory(slug="paris", name="Paris", name_en="Paris")
    lyon = CityFactory(slug="lyon", name="Lyon", name_en="Lyon")
    return paris, lyon


def _rows(client, name):
    return list(csv.DictReader(io.StringIO(client.get(f"/donnees/{name}.csv").content.decode())))


def test_the_files_hold_public_updates_and_answered_questions_only_without_any_address(client, cities):
    commitment = CommitmentFactory(partnership=PartnershipFactory(city=cities[0], slug="paris-editeur"))
    confirmed = attested_update(commitment, note="Conforme.")
    disputed = attested_update(commitment, status=UpdateStatus.DISPUTED, note="Nos registres disent 250.")
    pending = ProgressUpdateFactory(commitment=commitment, evidence_file="")
    ProgressUpdateFactory(commitment=commitment, status=UpdateStatus.WITHDRAWN)
    answered = answered_question(commitment, text="Combien ?", answer="Trente.")
    QuestionFactory(commitment=commitment, email="secret@example.org")  # pending: never published
    QuestionFactory(commitment=commitment, status=QuestionStatus.REJECTED, email="")

    updates = {int(row["id"]): row for row in _rows(client, "engagements-attestations")}
    assert set(updates) == {confirmed.pk, disputed.pk, pending.pk}
    assert updates[disputed.pk]["statut"] == "disputed"
    assert updates[disputed.pk]["mots_du_partenaire"] == "Nos registres disent 250."
    assert updates[confirmed.pk]["atteste_par"] == "Alex Martin"
    assert updates[confirmed.pk]["preuve_document"] == f"http://testserver/fr/engagements/preuve/{confirmed.pk}/"
    assert updates[pending.pk]["preuve_document"] == "" and updates[pending.pk]["reponse_le"] == ""
    questions = _rows(client, "engagements-questions")
    assert [(int(q["id"]), q["question"], q["reponse"]) for q in questions] == [(answered.pk, "Combien ?", "Trente.")]

    for name in ("engagements-attestations", "engagements-questions"):
        body = client.get(f"/donnees/{name}.csv").content
        schema = client.get(f"/donnees/{name}.schema.json").json()
        assert schema_errors(body, schema) == []
        for suffix in (".csv", ".json", ".schema.json", "-excel.csv"):
            text = client.get(f"/donnees/{name}{suffix}").content.decode("utf-8-sig")
            assert "@example.org" not in text and "@partenaire.example" not in text
            assert "email" not in text.lower() and "courriel" not in text.lower()
    catalogue = client.get("/donnees/catalogue.jsonld").content.decode()
    assert "/donnees/engagements-attestations.csv" in catalogue and "/donnees/engagements-questions.csv" in catalogue
    page = client.get("/fr/donnees-ouvertes/").content.decode()
    assert "engagements-attestations.schema.json" in page


def test_another_citys_staff_neither_see_nor_act_on_the_follow_up(cities):
    paris, lyon = cities
    commitment = CommitmentFactory(partnership=PartnershipFactory(city=paris))
    update = ProgressUpdateFactory(commitment=commitment)
    question = QuestionFactory(commitment=commitment, answer="Réponse pirate.")
    contact = update.contact
    lyon_staff = Client()
    lyon_staff.force_login(city_agent(lyon))
    for model, row in (("progressupdate", update), ("question", question), ("attestationcontact", contact)):
        changelist = lyon_staff.get(f"/fr/admin/commitments/{model}/").content.decode()
        assert f"/{row.pk}/change/" not in changelist, model
        for door in ("change", "history", "delete"):
            assert lyon_staff.get(f"/fr/admin/commitments/{model}/{row.pk}/{door}/").status_code == 404, (model, door)
    lyon_staff.post(
        "/fr/admin/commitments/question/", {"action": "publish_answer", ACTION_CHECKBOX_NAME: [question.pk]}
    )
    lyon_staff.post("/fr/admin/commitments/progressupdate/", {"action": "withdraw", ACTION_CHECKBOX_NAME: [update.pk]})
    question.refresh_from_db()
    update.refresh_from_db()
    assert (question.status, update.status) == (QuestionStatus.PENDING, UpdateStatus.PROPOSED)

    # The add form offers only their own city's commitments and contacts.
    add = lyon_staff.get("/fr/admin/commitments/progressupdate/add/").content.decode()
    assert f'value="{commitment.pk}"' not in add and f'value="{contact.pk}"' not in add
    lyon_commitment = CommitmentFactory(partnership=PartnershipFactory(city=lyon))
    lyon_contact = AttestationContactFactory(partnership=lyon_commitment.partnership)
    add = lyon_staff.get("/fr/admin/commitments/progressupdate/add/").content.decode()
    assert f'value="{lyon_commitment.pk}"' in add and f'value="{lyon_contact.pk}"' in add


def test_the_paris_staff_resend_a_link_from_the_admin_and_the_old_one_stops_working(
    cities, mailoutbox, django_capture_on_commit_callbacks
):
    commitment = CommitmentFactory(partnership=PartnershipFactory(city=cities[0]))
    update = ProgressUpdateFactory(commitment=commitment)
    before = update.requested_at
    staff = Client()
    staff.force_login(city_agent(cities[0]))
    with django_capture_on_commit_callbacks(execute=True):
        staff.post("/fr/admin/commitments/progressupdate/", {"action": "resend", ACTION_CHECKBOX_NAME: [update.pk]})
    update.refresh_from_db()
    assert update.requested_at > before
    assert [message.to for message in mailoutbox] == [[update.contact.email]]
    assert ProgressUpdate.objects.get().status == UpdateStatus.PROPOSED


@pytest.mark.parametrize("count", [10, 200])
def test_the_partnership_page_query_count_does_not_grow_with_the_timeline(
    client, cities, django_assert_max_num_queries, count
):
    partnership = PartnershipFactory(city=cities[0], slug="paris-editeur")
    commitments = [CommitmentFactory(partnership=partnership) for _ in range(max(1, count // 20))]
    contact = AttestationContactFactory(partnership=partnership)
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            commitment=commitments[i % len(commitments)],
            contact=contact,
            progress=50,
            summary=f"Étape {i}",
            evidence_url="https://a.example",
            status=UpdateStatus.PROPOSED,
        )
        for i in range(count)
    )
    Question.objects.bulk_create(
        Question(
            commitment=commitments[i % len(commitments)],
            text=f"Q{i}",
            answer="R",
            status=QuestionStatus.ANSWERED,
            answered_at=partnership.created_at,
        )
        for i in range(count)
    )
    with django_assert_max_num_queries(25):
        response = client.get(f"/fr/partenariats/{partnership.slug}/")
    assert response.status_code == 200 and "Étape 0" in response.content.decode()
    with django_assert_max_num_queries(10):
        assert client.get(f"/fr/engagements/{commitments[0].pk}/question/").status_code == 200
