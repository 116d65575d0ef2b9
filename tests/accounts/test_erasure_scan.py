"""After "delete my account", no table holds the person any more: every text column of every table
(history tables, login throttling, allauth, sessions, the outbox and the admin's log included) is scanned
by introspecting the database, not the models, so a table nobody thought of is scanned too.

Kept, as the privacy notice says: an application the person submitted stays for the city, anonymised (no
account, contact name, email or phone); its text (the project) stays, so the marker written there may."""

import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client

from partnership.models import City
from sports.services import booking_create
from startups.constants import ApplicationStatus
from tests.factories import PASSWORD, CityFactory, StaffFactory, UserFactory
from tests.sports.factories import SlotFactory
from tests.startups.conftest import complete_draft, move_to
from tests.startups.factories import CallFactory, CriterionFactory, InnovationActorFactory
from tests.training.factories import SessionFactory, register

pytestmark = pytest.mark.django_db

EMAIL = "Zoe.Quillardet-7F3A@example.org"
FIRST, LAST = "Zoelle", "Quillardet"
PHONE = "+33647291853"  # typed in the form it is stored in (common.fields.PhoneField)
MARKER = "marqueur-unique-7f3a"
# Where the marker may stay: the text of the submitted application the city keeps, anonymised.
KEPT_MARKER = {"startups_application", "startups_historicalapplication"}


def text_columns() -> list[tuple[str, str]]:
    """(table, column) for every text-like column of every table in the database."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                try:
                    kind = connection.introspection.get_field_type(column.type_code, column)
                except KeyError:
                    kind = ""
                if kind in {"CharField", "TextField", "JSONField", "EmailField", "SlugField"} or (
                    isinstance(column.type_code, str) and column.type_code.lower().startswith(("varchar", "text"))
                ):
                    found.append((table, column.name))
    return found


def tables_mentioning(value: str) -> set[str]:
    quote = connection.ops.quote_name
    needles = {value.lower(), json.dumps(value.lower())[1:-1]}
    found = set()
    with connection.cursor() as cursor:
        for table, column in text_columns():
            for needle in needles:
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} WHERE LOWER(CAST({quote(column)} AS TEXT)) LIKE %s",  # noqa: S608
                    [f"%{needle}%"],
                )
                if cursor.fetchone()[0]:
                    found.add(f"{table}.{column}")
    return found


def sessions_of(user_pk) -> list[str]:
    return [s.session_key for s in Session.objects.all() if str(s.get_decoded().get("_auth_user_id")) == str(user_pk)]


@pytest.fixture
def person_everywhere(django_capture_on_commit_callbacks):
    """One person, with their details in every feature of the portal."""
    person = UserFactory(email=EMAIL, first_name="Avant", last_name="Renommage")
    browser = Client()
    browser.force_login(person)
    browser.post("/fr/compte/profil/", {"first_name": FIRST, "last_name": LAST, "preferred_language": "fr"})
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == (FIRST, LAST)
    elsewhere = Client()
    elsewhere.force_login(person)  # a second browser, still logged in

    # Alerts, by address only (no account) and through the account; the confirmation emails go to the outbox.
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/fr/alertes/", {"email": EMAIL.upper(), "language": "fr"})

    # Training: a registration with a motivation; sports: a booking.
    with django_capture_on_commit_callbacks(execute=True):
        register(SessionFactory(), person=person, motivation=f"Reconversion {MARKER}")
        booking_create(slot=SlotFactory(), person=person)

    # Start-ups: a submitted application with a recommendation (its email to the actor names the person)
    # and a draft; both with the person's contact details.
    call = CallFactory(requires_recommendation=True)
    CriterionFactory(call=call, name="Innovation", name_en="Innovation", weight=1, order=0)
    staff = StaffFactory()
    city = call.initiative.partnership.city
    city.staff.add(staff)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = complete_draft(call, applicant=person, contact_name=f"{FIRST} {LAST}", contact_phone=PHONE)
        submitted.product_description = f"Notre produit {MARKER}"
        submitted.save()
        move_to(submitted, ApplicationStatus.SUBMITTED, staff)
        complete_draft(call, applicant=person, contact_name=f"{FIRST} {LAST}", contact_phone=PHONE)

    # A failed login (the login limits keep a keyed digest of the address, never the address: see
    # tests/accounts/test_login_limits.py for its erasure).
    Client().post("/fr/compte/login/", {"login": EMAIL, "password": "pas-le-bon-mot-de-passe"})

    # Staff changed the account in the admin (the log names it); the person, as staff, renamed a city.
    LogEntry.objects.log_actions(
        user_id=staff.pk, queryset=[person], action_flag=CHANGE, change_message="Prénom modifié.", single_object=True
    )
    renamed = CityFactory()
    renamed.name = "Ville renommée"
    renamed._history_user = person
    renamed.save()
    InnovationActorFactory()
    return {"person": person, "browser": browser, "elsewhere": elsewhere, "submitted": submitted, "city": renamed}


def test_the_scan_finds_the_person_before_erasure(person_everywhere):
    """The scan can fail: before erasure it finds the person in the tables the test filled."""
    found = tables_mentioning(EMAIL)
    for table in (
        "accounts_user.email",
        "account_emailaddress.email",
        "alerts_subscription.email",
        "alerts_historicalsubscription.email",
        "notifications_notification.email",
        "notifications_notification.context",
        "startups_application.contact_email",
        "startups_historicalapplication.contact_email",
    ):
        assert table in found, table
    assert "django_admin_log.object_repr" in tables_mentioning(f"{FIRST} {LAST}")
    assert "training_registration.motivation" in tables_mentioning(MARKER)
    assert "startups_historicalapplication.contact_phone" in tables_mentioning(PHONE)
    assert sessions_of(person_everywhere["person"].pk)


def test_after_erasure_no_table_holds_the_persons_email_name_phone_or_data(person_everywhere):
    person = person_everywhere["person"]
    response = person_everywhere["browser"].post("/fr/compte/mes-donnees/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302

    for value in (EMAIL, FIRST, LAST, f"{FIRST} {LAST}", PHONE):
        assert tables_mentioning(value) == set(), value
    assert tables_mentioning(MARKER) <= {f"{table}.product_description" for table in KEPT_MARKER}
    assert sessions_of(person.pk) == []
    assert person_everywhere["elsewhere"].get("/fr/compte/profil/").status_code == 302  # logged out there too
    # What is kept: the city's application without the person, the audit trail of the city without its author.
    submitted = type(person_everywhere["submitted"]).objects.get(pk=person_everywhere["submitted"].pk)
    assert submitted.applicant is None and submitted.contact_email == ""
    city_version = City.history.filter(id=person_everywhere["city"].pk, name="Ville renommée").get()
    assert city_version.history_user is None
    assert not LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(person), object_id=str(person.pk)
    ).exists()
