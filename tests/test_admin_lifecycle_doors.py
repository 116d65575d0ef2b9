"""Every admin door into a lifecycle model leaves its lifecycle to the services.

A lifecycle model names the fields only its services write in `service_fields` (statuses, seats, place
numbers, sending state, a subscription's confirmed address). For each such model, a Paris agent and a
superuser knock on each door the admin has (the change form, the add form, an inline, the changelist's
list_editable POST, a history revert, the delete page, the bulk delete action) with a POST forging a new
status; the database must hold the same lifecycle afterwards, and the person must read why when a door
refuses. The rules that used to live in admin hooks are then tried through the admin: a slot's capacity,
withdrawing a reviewer, the date of a place's data.

What happens at each door, model by model, is the table `DELETE_OUTCOME` below plus: change, add, inline,
list_editable and revert never change a service field.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client, RequestFactory
from django.utils import timezone

from common.admin import ServiceWritesAdminMixin
from tests.factories import CityFactory, UserFactory, city_agent
from tests.test_admin_doors import form_fields

pytestmark = pytest.mark.django_db

ADMIN = "/fr/admin"
LIFECYCLE = [
    "alerts.subscription",
    "awards.edition",
    "awards.nomination",
    "commitments.progressupdate",
    "commitments.question",
    "initiatives.placereport",
    "notifications.notification",
    "sports.booking",
    "sports.slot",
    "sports.waitlistentry",
    "startups.application",
    "training.registration",
    "training.session",
]
# What a POST would like a service field to become.
FORGED = {
    "awards.edition": {"results_published_at_0": "01/01/2026", "results_published_at_1": "10:00:00"},
    "awards.nomination": {
        "status": "accepted",
        "confirmed_at_0": "01/01/2026",
        "nominator_email": "pirate@example.org",
    },
    "commitments.progressupdate": {
        "status": "confirmed",
        "attested_by_name": "Pirate",
        "response_note": "Forgé",
        "responded_at_0": "01/01/2026",
    },
    "commitments.question": {"status": "answered", "email": "pirate@example.org", "answered_at_0": "01/01/2026"},
    "initiatives.placereport": {"status": "traite", "handled_at_0": "01/01/2026", "message": "Forgé"},
    "alerts.subscription": {"is_confirmed": "on", "confirmed_at_0": "01/01/2026", "email": "pirate@example.org"},
    "notifications.notification": {"status": "sent", "attempts": "3", "sent_at_0": "01/01/2026"},
    "sports.booking": {"status": "cancelled_by_staff", "place_number": ""},
    "sports.slot": {"status": "blocked", "blocked_reason": "Forgé"},
    "sports.waitlistentry": {"status": "promoted", "ended_at_0": "01/01/2026"},
    "startups.application": {"status": "accepted", "decided_at_0": "01/01/2026"},
    "training.registration": {"status": "cancelled", "seat_number": ""},
    "training.session": {"status": "cancelled", "ics_sequence": "9"},
}
ROLES = ["paris_agent", "superuser"]
# City staff read these and change nothing there (roles.py): a POST to their change or revert page is a 403.
READ_ONLY_FOR_STAFF = {"alerts.subscription", "sports.waitlistentry"}


@pytest.fixture
def paris():
    return CityFactory(slug="paris", name="Paris", name_en="Paris")


@pytest.fixture
def clients(paris):
    people = {"paris_agent": city_agent(paris), "superuser": UserFactory(is_staff=True, is_superuser=True)}
    result = {}
    for role, person in people.items():
        result[role] = Client()
        result[role].force_login(person)
    return result


def build(label: str, paris) -> dict:
    """The smallest Paris rows for `label`: the row itself and what the checks need around it."""
    if label == "alerts.subscription":
        from tests.alerts.factories import SubscriptionFactory

        return {"row": SubscriptionFactory(cities=[paris], is_confirmed=False, confirmed_at=None)}
    if label in ("awards.edition", "awards.nomination"):
        from awards.constants import NominationStatus
        from tests.awards.factories import EditionFactory, NominationFactory

        if label == "awards.edition":
            return {"row": EditionFactory(partnership__city=paris)}
        edition = EditionFactory(partnership__city=paris)
        return {"row": NominationFactory(category__edition=edition, status=NominationStatus.CONFIRMED)}
    if label in ("commitments.progressupdate", "commitments.question"):
        from tests.commitments.factories import ProgressUpdateFactory, QuestionFactory
        from tests.factories import CommitmentFactory

        commitment = CommitmentFactory(partnership__city=paris)
        if label == "commitments.question":
            return {"row": QuestionFactory(commitment=commitment)}
        return {"row": ProgressUpdateFactory(commitment=commitment)}
    if label == "initiatives.placereport":
        from tests.initiatives.factories import PlaceReportFactory

        return {"row": PlaceReportFactory(place__city=paris)}
    if label == "notifications.notification":
        from tests.notifications.factories import NotificationFactory

        return {"row": NotificationFactory(city=paris)}
    if label in ("sports.booking", "sports.slot"):
        from tests.sports.factories import BookingFactory, SlotFactory

        slot = SlotFactory(resource__place__city=paris)
        booking = BookingFactory(slot=slot, place_number=1)
        return {"row": booking if label == "sports.booking" else slot, "booking": booking, "slot": slot}
    if label == "sports.waitlistentry":
        from sports.models import WaitlistEntry
        from tests.sports.factories import SlotFactory

        return {
            "row": WaitlistEntry.objects.create(slot=SlotFactory(resource__place__city=paris), person=UserFactory())
        }
    if label == "startups.application":
        from startups.constants import ApplicationStatus
        from tests.startups.factories import ApplicationFactory, CallFactory

        call = CallFactory(initiative__partnership__city=paris)
        return {"row": ApplicationFactory(call=call, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now())}
    from tests.training.factories import RegistrationFactory, SessionFactory
    from training.constants import RegistrationStatus, SessionStatus

    session = SessionFactory(programme__initiative__partnership__city=paris, capacity=1, status=SessionStatus.FULL)
    confirmed = RegistrationFactory(session=session, seat_number=1)
    waiting = RegistrationFactory(session=session, status=RegistrationStatus.WAITLISTED, seat_number=None)
    row = confirmed if label == "training.registration" else session
    return {"row": row, "session": session, "confirmed": confirmed, "waiting": waiting}


def lifecycle(row) -> tuple:
    fresh = type(row)._default_manager.filter(pk=row.pk).first()
    if fresh is None:
        return ("deleted",)
    return tuple(getattr(fresh, name) for name in type(row).service_fields)


def url(row, door: str = "change") -> str:
    opts = row._meta
    base = f"{ADMIN}/{opts.app_label}/{opts.model_name}/"
    if door == "changelist":
        return base
    return f"{base}{row.pk}/{'' if door == 'object' else door + '/'}"


def shown_messages(client, response) -> list[str]:
    """The messages the person reads after the response (following its redirect)."""
    if response.status_code == 302:
        response = client.get(response["Location"])
    return [str(message) for message in response.context["messages"]] if response.context else []


# ---------------------------------------------------------------- the declarations


def test_every_admin_of_a_lifecycle_model_is_a_client_of_its_services():
    found = sorted(model._meta.label_lower for model in admin.site._registry if hasattr(model, "service_fields"))
    assert found == LIFECYCLE
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    for model, model_admin in admin.site._registry.items():
        for inline in model_admin.get_inline_instances(request):
            if hasattr(inline.model, "service_fields"):
                fields = inline.get_formset(request).form.base_fields
                assert not set(fields) & set(inline.model.service_fields), type(inline).__name__
        if not hasattr(model, "service_fields"):
            continue
        assert isinstance(model_admin, ServiceWritesAdminMixin), type(model_admin).__name__
        assert not set(model_admin.list_editable) & set(model.service_fields)
        form = model_admin.get_form(request, None, change=False)
        assert not set(form.base_fields) & set(model.service_fields), type(model_admin).__name__


def test_a_list_editable_service_field_fails_the_system_checks():
    from sports.admin import BookingAdmin
    from sports.models import Booking

    class Careless(BookingAdmin):
        list_display = ["slot", "status"]
        list_editable = ["status"]

    errors = Careless(Booking, admin.AdminSite()).check()
    assert [error.id for error in errors] == ["common.E010"]


# ---------------------------------------------------------------- change, inline, list_editable, revert


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", LIFECYCLE)
def test_the_change_form_shows_the_lifecycle_read_only_and_a_forged_post_changes_nothing(clients, paris, label, role):
    row = build(label, paris)["row"]
    client = clients[role]
    before = lifecycle(row)
    html = client.get(url(row)).content.decode()
    for name in type(row).service_fields:
        assert f'name="{name}"' not in html
    response = client.post(url(row), {**form_fields(html), **FORGED[label], "_save": "Enregistrer"})
    if label in READ_ONLY_FOR_STAFF and role == "paris_agent":
        assert response.status_code == 403  # city staff read (and delete subscriptions), nothing else
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
    assert lifecycle(row) == before


@pytest.mark.parametrize("role", ROLES)
def test_a_session_added_with_a_forged_status_opens(clients, paris, role):
    from tests.factories import PlaceFactory
    from tests.training.factories import ProgrammeFactory
    from training.constants import SessionStatus
    from training.models import Session

    programme, place = ProgrammeFactory(initiative__partnership__city=paris), PlaceFactory(city=paris)
    client = clients[role]
    body = form_fields(client.get(f"{ADMIN}/training/session/add/").content.decode())
    starts = timezone.localtime() + dt.timedelta(days=20)
    body.update(
        {
            "programme": str(programme.pk),
            "reference": "S-FORGE",
            "starts_at_0": starts.strftime("%d/%m/%Y"),
            "starts_at_1": "09:00:00",
            "ends_at_0": (starts + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
            "ends_at_1": "17:00:00",
            "registration_deadline_0": (starts - dt.timedelta(days=2)).strftime("%d/%m/%Y"),
            "registration_deadline_1": "12:00:00",
            "place": str(place.pk),
            "capacity": "5",
            "status": "cancelled",
            "ics_sequence": "9",
            "_save": "Enregistrer",
        }
    )
    response = client.post(f"{ADMIN}/training/session/add/", body)
    assert response.status_code == 302, response.content.decode()[:3000]
    session = Session.objects.get(reference="S-FORGE")
    assert (session.status, session.ics_sequence) == (SessionStatus.OPEN, 0)


@pytest.mark.parametrize("role", ROLES)
def test_the_bookings_inline_of_a_slot_neither_changes_nor_deletes_a_booking(clients, paris, role):
    from sports.constants import BookingStatus

    rows = build("sports.slot", paris)
    slot, booking = rows["slot"], rows["booking"]
    client = clients[role]
    html = client.get(url(slot)).content.decode()
    assert 'name="bookings-0-status"' not in html and 'name="bookings-0-DELETE"' not in html
    body = {
        **form_fields(html),
        "bookings-0-id": str(booking.pk),
        "bookings-0-slot": str(slot.pk),
        "bookings-0-status": BookingStatus.CANCELLED_BY_STAFF,
        "bookings-0-place_number": "",
        "bookings-0-DELETE": "on",
        "_save": "Enregistrer",
    }
    response = client.post(url(slot), body)
    assert response.status_code == 302, response.content.decode()[:2000]
    booking.refresh_from_db()
    assert (booking.status, booking.place_number) == (BookingStatus.CONFIRMED, 1)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", LIFECYCLE)
def test_a_list_editable_post_on_the_changelist_changes_nothing(clients, paris, label, role):
    row = build(label, paris)["row"]
    before = lifecycle(row)
    body = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(row.pk), "_save": "Enregistrer"}
    body.update({f"form-0-{name}": value for name, value in FORGED[label].items()})
    response = clients[role].post(url(row, "changelist"), body)
    assert response.status_code in (200, 302, 403)
    assert lifecycle(row) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", [label for label in LIFECYCLE if label != "notifications.notification"])
def test_reverting_a_lifecycle_row_is_refused_with_a_message(clients, paris, label, role):
    row = build(label, paris)["row"]
    type(row)._default_manager.get(pk=row.pk).save()  # a second version to go back from
    record = type(row).history.filter(id=row.pk).order_by("history_date", "history_id").first()
    before = lifecycle(row)
    version = f"{url(row, 'history')}{record.history_id}/"
    client = clients[role]
    page = client.get(version)
    body = {**form_fields(page.content.decode()), **FORGED[label], "_save": "Rétablir"}
    response = client.post(version, body)
    if label in READ_ONLY_FOR_STAFF and role == "paris_agent":
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        assert any("Cette version n'a pas été rétablie" in line for line in shown_messages(client, response))
    assert lifecycle(row) == before


# ---------------------------------------------------------------- deletion: the page and the bulk action

REFUSED = "refused"  # 302 to the change page, the refusal message, the row as it was
PROTECTED = "protected"  # Django's page listing the rows that protect it, nothing deleted
FORBIDDEN = "forbidden"  # 403: the person may not delete these
DELETED = "deleted"  # allowed on purpose (see the model's admin and roles.py)
DELETE_OUTCOME = {
    ("awards.edition", "paris_agent"): DELETED,  # an edition being prepared, without nominations
    ("awards.edition", "superuser"): DELETED,
    ("awards.nomination", "paris_agent"): DELETED,  # spam
    ("awards.nomination", "superuser"): DELETED,
    ("commitments.progressupdate", "paris_agent"): REFUSED,  # part of the public history: withdrawn instead
    ("commitments.progressupdate", "superuser"): REFUSED,
    ("commitments.question", "paris_agent"): DELETED,  # spam, or a person's request to be forgotten
    ("commitments.question", "superuser"): DELETED,
    ("alerts.subscription", "paris_agent"): DELETED,  # a person's request to be forgotten
    ("alerts.subscription", "superuser"): DELETED,
    ("initiatives.placereport", "paris_agent"): DELETED,  # spam
    ("initiatives.placereport", "superuser"): DELETED,
    ("notifications.notification", "paris_agent"): FORBIDDEN,
    ("notifications.notification", "superuser"): DELETED,  # outbox housekeeping
    ("sports.booking", "paris_agent"): REFUSED,
    ("sports.booking", "superuser"): REFUSED,
    ("sports.slot", "paris_agent"): FORBIDDEN,
    ("sports.slot", "superuser"): PROTECTED,  # its bookings protect it: block it instead
    ("sports.waitlistentry", "paris_agent"): REFUSED,
    ("sports.waitlistentry", "superuser"): REFUSED,  # the person leaves from the site; a promotion ends it
    ("startups.application", "paris_agent"): FORBIDDEN,
    ("startups.application", "superuser"): DELETED,  # superusers only (spam, erasure)
    ("training.registration", "paris_agent"): REFUSED,
    ("training.registration", "superuser"): REFUSED,
    ("training.session", "paris_agent"): FORBIDDEN,
    ("training.session", "superuser"): PROTECTED,  # its registrations protect it: cancel it instead
}
REFUSAL = {
    "commitments.progressupdate": "Une mise à jour ne se supprime pas",
    "sports.booking": "Une réservation ne se supprime pas",
    "sports.waitlistentry": "Une inscription en liste d'attente ne se supprime pas",
    "training.registration": "Une inscription ne se supprime pas",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", LIFECYCLE)
def test_the_delete_page(clients, paris, label, role):
    rows = build(label, paris)
    row, client, outcome = rows["row"], clients[role], DELETE_OUTCOME[(label, role)]
    before = lifecycle(row)
    response = client.post(url(row, "delete"), {"post": "yes"})
    if outcome == DELETED:
        assert response.status_code == 302
        assert lifecycle(row) == ("deleted",)
        return
    assert lifecycle(row) == before
    if outcome == FORBIDDEN:
        assert response.status_code == 403
    elif outcome == PROTECTED:
        assert response.status_code == 200
        assert "<title>Impossible de supprimer" in response.content.decode()
    else:
        assert response.status_code == 302 and response["Location"] == url(row)
        lines = shown_messages(client, response)
        assert any(REFUSAL[label] in line for line in lines), lines
        assert 'href="' + url(row, "delete") not in client.get(url(row)).content.decode()  # no delete button


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", LIFECYCLE)
def test_the_bulk_delete_action(clients, paris, label, role):
    row, client, outcome = build(label, paris)["row"], clients[role], DELETE_OUTCOME[(label, role)]
    before = lifecycle(row)
    response = client.post(
        url(row, "changelist"), {"action": "delete_selected", ACTION_CHECKBOX_NAME: [str(row.pk)], "post": "yes"}
    )
    if outcome == DELETED:
        assert lifecycle(row) == ("deleted",)
        return
    assert lifecycle(row) == before
    if outcome == PROTECTED:
        assert "<title>Impossible de supprimer" in response.content.decode()
    elif response.status_code != 403:
        html = client.get(url(row, "changelist")).content.decode()
        assert 'value="delete_selected"' not in html  # the action is not offered


def test_what_the_refusal_offers_instead_cancels_through_the_service_and_moves_the_waitlist_up(clients, paris):
    from notifications.models import Notification
    from training.constants import RegistrationStatus

    rows = build("training.registration", paris)
    response = clients["paris_agent"].post(
        url(rows["row"], "changelist"),
        {"action": "cancel_registrations", ACTION_CHECKBOX_NAME: [str(rows["confirmed"].pk)]},
    )
    assert response.status_code == 302
    assert "1 inscription annulée." in shown_messages(clients["paris_agent"], response)
    rows["confirmed"].refresh_from_db()
    rows["waiting"].refresh_from_db()
    assert rows["confirmed"].status == RegistrationStatus.CANCELLED
    assert (rows["waiting"].status, rows["waiting"].seat_number) == (RegistrationStatus.CONFIRMED, 1)
    assert Notification.objects.filter(kind="training.registration_promoted", recipient=rows["waiting"].person).exists()


# ---------------------------------------------------------------- rules that left the admin hooks


def test_a_slot_capacity_below_its_bookings_is_refused_beside_the_field_and_nothing_is_saved(clients, paris):
    from tests.sports.factories import BookingFactory

    rows = build("sports.slot", paris)
    slot = rows["slot"]
    BookingFactory(slot=slot, place_number=3)
    client = clients["paris_agent"]
    body = {**form_fields(client.get(url(slot)).content.decode()), "_save": "Enregistrer"}
    response = client.post(url(slot), {**body, "capacity": "1"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["capacity"] == [
        "2 places sont déjà réservées : la capacité ne peut pas descendre en dessous."
    ]
    slot.refresh_from_db()
    assert slot.capacity == 3

    response = client.post(url(slot), {**body, "capacity": "2"})
    assert response.status_code == 302
    slot.refresh_from_db()
    assert slot.capacity == 2
    assert sorted(slot.bookings.values_list("place_number", flat=True)) == [1, 2]  # place 3 moved down to 2


def test_a_booking_made_while_the_capacity_form_was_checked_is_seen_by_the_service(clients, paris, monkeypatch):
    """The form's check passed (a booking came in after it), the service's check under the lock refuses:
    the person reads why, and nothing is saved."""
    import sports.admin

    slot = build("sports.slot", paris)["slot"]
    client = clients["paris_agent"]
    body = {**form_fields(client.get(url(slot)).content.decode()), "_save": "Enregistrer", "capacity": "0"}
    monkeypatch.setattr(sports.admin, "slot_capacity_error", lambda **kwargs: None)
    body["capacity"] = "1"
    from tests.sports.factories import BookingFactory

    BookingFactory(slot=slot, place_number=2)  # two confirmed bookings now; the form does not look
    response = client.post(url(slot), body)
    assert response.status_code == 302 and response["Location"] == url(slot)
    lines = shown_messages(client, response)
    assert "2 places sont déjà réservées : la capacité ne peut pas descendre en dessous." in lines
    assert "Rien n'a été enregistré." in lines
    slot.refresh_from_db()
    assert slot.capacity == 3


@pytest.fixture
def review(paris):
    from startups.constants import ApplicationStatus
    from startups.models import ReviewAssignment, Score
    from tests.startups.factories import ApplicationFactory, CallFactory, CriterionFactory, ReviewerFactory

    call = CallFactory(initiative__partnership__city=paris)
    criterion = CriterionFactory(call=call)
    application = ApplicationFactory(call=call, status=ApplicationStatus.UNDER_REVIEW, submitted_at=timezone.now())
    scored = ReviewAssignment.objects.create(
        application=application,
        reviewer=ReviewerFactory(email="a.note@example.org"),
        no_conflict_declared_at=timezone.now(),
    )
    Score.objects.create(assignment=scored, criterion=criterion, score=4)
    conflicted = ReviewAssignment.objects.create(
        application=application,
        reviewer=ReviewerFactory(email="en.conflit@example.org"),
        conflict_declared_at=timezone.now(),
    )
    return {"application": application, "scored": scored, "conflicted": conflicted, "newcomer": ReviewerFactory()}


def _inline_body(client, application, delete: set[int], add=None) -> dict:
    body = {**form_fields(client.get(url(application)).content.decode()), "_save": "Enregistrer"}
    index = 0
    while f"assignments-{index}-id" in body:
        if int(body[f"assignments-{index}-id"][0]) in delete:
            body[f"assignments-{index}-DELETE"] = "on"
        index += 1
    if add is not None:
        body[f"assignments-{index}-reviewer"] = str(add.pk)
        body["assignments-TOTAL_FORMS"] = str(index + 1)
    return body


def test_a_reviewer_who_scored_stays_and_one_refusal_undoes_the_whole_save(clients, review):
    from startups.models import ReviewAssignment, Score

    client = clients["paris_agent"]
    application = review["application"]
    body = _inline_body(client, application, {review["scored"].pk, review["conflicted"].pk}, add=review["newcomer"])
    response = client.post(url(application), body)
    assert response.status_code == 302 and response["Location"] == url(application)
    lines = shown_messages(client, response)
    assert f"{review['scored'].reviewer} a déjà noté cette candidature" in lines[0]
    assert "Rien n'a été enregistré." in lines
    assert set(ReviewAssignment.objects.filter(application=application)) == {review["scored"], review["conflicted"]}
    assert Score.objects.filter(assignment=review["scored"]).count() == 1


def test_a_reviewer_who_declared_a_conflict_is_withdrawn_and_replaced(clients, review):
    from startups.models import ReviewAssignment

    client = clients["paris_agent"]
    application = review["application"]
    body = _inline_body(client, application, {review["conflicted"].pk}, add=review["newcomer"])
    response = client.post(url(application), body)
    assert response.status_code == 302 and response["Location"].endswith("/startups/application/")
    reviewers = set(ReviewAssignment.objects.filter(application=application).values_list("reviewer", flat=True))
    assert reviewers == {review["scored"].reviewer_id, review["newcomer"].pk}


def test_a_decided_applications_reviewers_do_not_change():
    from django.core.exceptions import ValidationError

    from startups.services import review_unassign

    paris = CityFactory(slug="paris")
    agent = city_agent(paris)
    from startups.constants import ApplicationStatus
    from startups.models import ReviewAssignment
    from tests.startups.factories import ApplicationFactory, CallFactory, ReviewerFactory

    application = ApplicationFactory(
        call=CallFactory(initiative__partnership__city=paris), status=ApplicationStatus.ACCEPTED
    )
    assignment = ReviewAssignment.objects.create(application=application, reviewer=ReviewerFactory())
    with pytest.raises(ValidationError) as refused:
        review_unassign(assignment=assignment, by=agent)
    assert refused.value.error_list[0].code == "application_decided"
    assert ReviewAssignment.objects.filter(pk=assignment.pk).exists()
    with pytest.raises(ValidationError) as refused:
        review_unassign(assignment=assignment, by=city_agent(CityFactory(slug="lyon")))
    assert refused.value.error_list[0].code == "not_city_staff"
