"""Who may do what in the admin: every registered model × every role × view/change/add/delete/export.

The expected matrix is written out by hand below (the policy), and checked against what the admin
actually answers over HTTP and through its permission hooks. A model registered without an entry
here fails the test, so a new model cannot slip in unreviewed. Every object door (change, delete, history
list, past versions and their revert) with another city's ids: tests/test_admin_doors.py.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from accounts.roles import CITY_STAFF, PARTNER_VIEWERS, REVIEWERS, setup_roles
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

# v view, c change, a add, d delete, x export (CSV action). Superusers may do everything.
CITY_STAFF_MATRIX = {
    "partnership.city": "vc",
    "partnership.organisation": "vac",
    "partnership.partnership": "vcad",
    "partnership.commitment": "vcad",
    "partnership.partnercontribution": "vcad",  # also inlines of the partnership's page
    "partnership.scorecardclause": "vcad",
    "partnership.procurementrecord": "vcad",
    "initiatives.category": "v",
    "initiatives.initiative": "vcad",
    "initiatives.place": "vcad",
    "initiatives.placereport": "vcd",  # from the public form only; staff mark them handled, delete spam
    "sports.sportsresource": "vca",
    "sports.slot": "vc",
    "sports.booking": "vc",
    "sports.waitlistentry": "v",  # read only: people join and leave from the site, promotion is the service's
    "startups.call": "vcad",
    "startups.application": "vcx",
    "training.programme": "vcad",
    "training.session": "vcax",
    "training.registration": "vc",
    "notifications.notification": "vc",
    "alerts.subscription": "vd",
    "awards.edition": "vcad",
    "awards.nomination": "vcd",
    "commitments.attestationcontact": "vcad",
    "commitments.progressupdate": "vca",  # proposed through the service; never deleted: withdrawn
    "commitments.question": "vcd",  # asked on the public form only; spam and erasure are deleted
    "portal.accessibilityreport": "v",  # reports concern pages every city shares: every city's staff read them
}
PARTNER_VIEWER_MATRIX = {
    "partnership.partnership": "v",
    "partnership.commitment": "v",
    "partnership.partnercontribution": "v",
    "partnership.scorecardclause": "v",
    "partnership.procurementrecord": "v",
}
REVIEWER_MATRIX: dict[str, str] = {}  # reviewers work from their own pages, not the admin
SUPERUSER_ONLY = {
    "account.emailaddress",
    "accounts.user",
    "auth.group",
    "django_celery_beat.clockedschedule",
    "django_celery_beat.crontabschedule",
    "django_celery_beat.intervalschedule",
    "django_celery_beat.periodictask",
    "django_celery_beat.solarschedule",
    "mfa.authenticator",
    "sites.site",
}
EXPORT_ACTIONS = {"export_csv", "export_participants"}


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)


def test_every_admin_model_has_a_reviewed_policy():
    labels = {model._meta.label_lower for model, _admin in registered()}
    assert labels == set(CITY_STAFF_MATRIX) | SUPERUSER_ONLY


@pytest.fixture
def roles():
    groups = setup_roles()
    people = {"superuser": UserFactory(is_staff=True, is_superuser=True), "staff_without_role": StaffFactory()}
    for role, group in (("city_staff", CITY_STAFF), ("reviewer", REVIEWERS), ("partner_viewer", PARTNER_VIEWERS)):
        person = StaffFactory()
        person.groups.add(groups[group])
        people[role] = person
    return people


# What superusers cannot do either: rows that only the services (or allauth) create, so that every
# rule (capacity, lifecycle, idempotency) is applied; registrations and bookings are cancelled, not deleted
# (tests/test_admin_lifecycle_doors.py); an alert subscription is made by its owner (double opt-in); a second
# factor is set up by its owner only, and its secret never shown: superusers may only remove one (a lost phone).
SUPERUSER_EXCEPTIONS: dict[str, str] = {
    "alerts.subscription": "vcd",
    "awards.nomination": "vcd",
    "commitments.progressupdate": "vca",
    "commitments.question": "vcd",
    "initiatives.placereport": "vcd",
    "mfa.authenticator": "vd",
    "sports.booking": "vc",
    "sports.slot": "vcd",
    "sports.waitlistentry": "vc",
    "notifications.notification": "vcd",
    "portal.accessibilityreport": "vcd",  # made by the public form only
    "startups.application": "vcd",
    "training.registration": "vc",
}


def expected(role: str, label: str, has_export: bool) -> str:
    if role == "superuser":
        allowed = SUPERUSER_EXCEPTIONS.get(label, "vcad") + ("x" if has_export else "")
    else:
        matrix = {"city_staff": CITY_STAFF_MATRIX, "partner_viewer": PARTNER_VIEWER_MATRIX, "reviewer": REVIEWER_MATRIX}
        allowed = matrix.get(role, {}).get(label, "")
    return "".join(sorted(allowed))


ROLES = ["superuser", "city_staff", "reviewer", "partner_viewer", "staff_without_role"]


@pytest.mark.parametrize("role", ROLES)
def test_admin_answers_exactly_the_policy(client, roles, role):
    person = roles[role]
    client.force_login(person)
    request = RequestFactory().get("/")
    request.user = type(person).objects.get(pk=person.pk)
    mismatches = []
    for model, model_admin in registered():
        label = model._meta.label_lower
        has_export = bool(EXPORT_ACTIONS & set(model_admin.actions or []))
        want = expected(role, label, has_export)
        checks = {
            "v": model_admin.has_view_permission(request),
            "c": model_admin.has_change_permission(request),
            "a": model_admin.has_add_permission(request),
            "d": model_admin.has_delete_permission(request),
        }
        checks["x"] = checks["v"] and bool(EXPORT_ACTIONS & set(model_admin.get_actions(request)))
        got = "".join(sorted(letter for letter, ok in checks.items() if ok))
        if got != want:
            mismatches.append(f"{label}: expected {want!r}, got {got!r}")
        info = (model._meta.app_label, model._meta.model_name)
        changelist = client.get(f"/fr/admin/{info[0]}/{info[1]}/")
        if changelist.status_code != (200 if "v" in want else 403):
            mismatches.append(f"{label}: changelist answered {changelist.status_code}")
        add = client.get(f"/fr/admin/{info[0]}/{info[1]}/add/")
        if add.status_code != (200 if "a" in want else 403):
            mismatches.append(f"{label}: add page answered {add.status_code}")
    assert mismatches == [], "\n".join(mismatches)


@pytest.fixture
def paris_rows(demo_data):
    """At least one Paris row of every city-owned model, beyond the demo data."""
    from alerts.models import Subscription
    from notifications.services import notify
    from partnership.models import City
    from sports.models import Slot, WaitlistEntry
    from startups.models import Application, Call
    from tests.sports.factories import BookingFactory
    from tests.training.factories import register
    from training.models import Session

    paris = City.objects.get(slug="paris")
    person = UserFactory(email="parisien@example.org")
    Application.objects.create(call=Call.objects.filter(initiative__partnership__city=paris).first(), applicant=person)
    register(Session.objects.filter(programme__initiative__partnership__city=paris).first(), person)
    paris_slot = Slot.objects.filter(resource__place__city=paris).first()
    BookingFactory(slot=paris_slot, person=person, place_number=1)
    WaitlistEntry.objects.create(slot=paris_slot, person=UserFactory(email="attente@example.org"))
    subscription = Subscription.objects.create(email="alerte@example.org")
    subscription.cities.add(paris)
    notify(kind="accounts.inactivity_warning", key="matrix", recipient=person, context={}, city=paris)
    from partnership.models import Commitment
    from tests.commitments.factories import ProgressUpdateFactory, QuestionFactory

    commitment = Commitment.objects.filter(partnership__city=paris).first()
    ProgressUpdateFactory(commitment=commitment)
    from tests.partnership.factories import ProcurementRecordFactory

    ProcurementRecordFactory(partnership=commitment.partnership)
    QuestionFactory(commitment=commitment)
    from tests.initiatives.factories import PlaceReportFactory

    PlaceReportFactory(place=paris.places.first())
    return paris


def test_a_lyon_agent_forging_paris_ids_gets_404_and_changes_nothing(client, roles, paris_rows):
    from partnership.admin_scoping import CityScopedAdminMixin
    from partnership.models import City

    agent = roles["city_staff"]
    City.objects.get(slug="lyon").staff.add(agent)
    client.force_login(agent)
    covered = []
    for model, model_admin in registered():
        if not isinstance(model_admin, CityScopedAdminMixin):
            continue
        row = model._default_manager.in_cities([paris_rows.pk]).first()
        assert row is not None, f"no Paris row of {model._meta.label} to forge"
        before = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
        base = f"/fr/admin/{model._meta.app_label}/{model._meta.model_name}/{row.pk}"
        assert client.get(f"{base}/change/").status_code == 404, model._meta.label
        assert client.post(f"{base}/change/", {"title_fr": "Piraté", "name_fr": "Piraté"}).status_code == 404
        assert client.post(f"{base}/delete/", {"post": "yes"}).status_code in (403, 404)
        assert client.get(f"{base}/history/").status_code in (403, 404)
        row.refresh_from_db()
        assert {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields} == before
        covered.append(model._meta.label_lower)
    assert len(covered) >= 15, covered


def test_a_lyon_agent_cannot_attach_a_new_initiative_to_a_paris_partnership(client, roles, paris_rows):
    from initiatives.models import Category, Initiative
    from partnership.models import City, Partnership

    agent = roles["city_staff"]
    City.objects.get(slug="lyon").staff.add(agent)
    client.force_login(agent)
    response = client.post(
        "/fr/admin/initiatives/initiative/add/",
        {
            "partnership": Partnership.objects.get(slug="paris-microsoft").pk,
            "category": Category.objects.first().pk,
            "title_fr": "Initiative pirate",
            "slug": "initiative-pirate",
            "summary_fr": "x",
            "audience": "everyone",
            "status": "planned",
            "technology": "vendor",
        },
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Initiative.objects.filter(slug="initiative-pirate").exists()


@pytest.mark.parametrize(
    ("url", "action", "model_path"),
    [
        ("/fr/admin/startups/application/", "export_csv", "startups.Application"),
        ("/fr/admin/training/session/", "export_participants", "training.Session"),
    ],
)
def test_exports_never_contain_another_citys_rows(client, roles, paris_rows, url, action, model_path):
    from django.apps import apps

    from partnership.models import City

    agent = roles["city_staff"]
    City.objects.get(slug="lyon").staff.add(agent)
    client.force_login(agent)
    model = apps.get_model(model_path)
    paris_ids = list(model.objects.in_cities([paris_rows.pk]).values_list("pk", flat=True))
    response = client.post(url, {"action": action, "_selected_action": paris_ids})
    body = response.content.decode("utf-8-sig") if response.status_code == 200 else ""
    assert "parisien@example.org" not in body
    assert response.status_code in (200, 302)
