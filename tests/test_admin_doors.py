"""Every door into the admin obeys the city scoping.

One row of every registered admin model is made in Paris (and its twin in Lyon). People who have no
business with Paris (a Lyon agent, a partner viewer of a Lyon partnership, a reviewer assigned to a
Paris application, staff without a role) then knock on every object door the admin exposes for each
row (change, delete, history list, a past version and its revert, the model's own pages), with GET
and with the POST that a browser would send, forged to move the row into Lyon; each must answer
403/404 and leave every table, history tables included, exactly as it was.

The doors walked are those the admin site actually exposes (`admin.site.get_urls()`, each ModelAdmin's
URLs included): `SITE_URL_POLICY`, `MODEL_URL_POLICY` and `MODEL_SPECIFIC_URL_POLICY` give each URL
shape its policy, and a shape without one fails the suite, so no new admin URL can appear unreviewed.
The other tests hold the remaining doors: reverts (services' models refuse them), write hooks, form and
inline choices, autocomplete, list filters, the dashboard and "view on site".
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver
from django.utils import timezone

from accounts.roles import CITY_STAFF, PARTNER_VIEWERS, REVIEWERS, setup_roles
from initiatives.constants import CategorySlug, PlaceKind
from partnership.admin_scoping import CityScopedAdminMixin, ScopedHistoryAdminMixin
from startups.constants import ApplicationStatus
from tests.factories import (
    CategoryFactory,
    CityFactory,
    CommitmentFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnerRoleFactory,
    PartnershipFactory,
    PlaceFactory,
    StaffFactory,
    UserFactory,
)
from tests.test_permission_matrix import CITY_STAFF_MATRIX, PARTNER_VIEWER_MATRIX, REVIEWER_MATRIX, SUPERUSER_ONLY

pytestmark = pytest.mark.django_db

ADMIN = "/fr/admin"
MARK = "TÉMOIN-PARIS"  # in every Paris name a person reads: it must never reach another city's people

# ---------------------------------------------------------------- the policy of every admin URL shape

# Site-wide URLs: what each one answers and which test holds it to that.
SITE_URL_POLICY = {
    "": "index: dashboard widgets for the person's cities (test_changelists_filters_and_index_show_no_other_city)",
    "login/": "the login form: no data before a login",
    "logout/": "ends the person's own session",
    "password_change/": "the person's own password",
    "password_change/done/": "a confirmation page, no data",
    "autocomplete/": "results from the target admin's scoped queryset (test_autocomplete_never_offers_...)",
    "jsi18n/": "the admin's JavaScript catalogue, no data",
    "r/<path:content_type_id>/<path:object_id>/": "view on site: 404 outside the admin's queryset (test_view_on_site_...)",
    "app_list": "an app's model list: models only, by permission, no rows",
    "(?P<url>.*)$": "catch-all: appends a slash or answers 404",
}
# Per-model URLs. "list" doors are held by test_permission_matrix.py (200/403 per role) and the
# changelist test below; "object" doors are walked here with another city's ids.
MODEL_URL_POLICY = {
    "": ("list", "changelist: the admin's scoped queryset"),
    "add/": ("list", "add: form choices scoped (test_form_choices_...), city checked on save"),
    "<path:object_id>/change/": ("change", "get_object through the scoped queryset: 404"),
    "<path:object_id>/delete/": ("delete", "get_object through the scoped queryset: 404"),
    "<path:object_id>/history/": ("history", "ScopedHistoryAdminMixin.history_view: current object scoped"),
    "^([^/]+)/history/([^/]+)/$": ("version", "ScopedHistoryAdminMixin.history_form_view: GET shows, POST reverts"),
    "<path:object_id>/": ("redirect", "Django's redirect to the change URL, for any id"),
}
# URLs that one model's admin adds.
MODEL_SPECIFIC_URL_POLICY = {
    ("startups.application", "<path:object_id>/statut/"): ("decision", "ApplicationAdmin.decision_view: get_object"),
    ("accounts.user", "<id>/password/"): ("password", "UserAdmin.user_change_password: superusers only"),
}
OBJECT_DOORS = ("change", "delete", "history", "version", "redirect", "decision", "password")


def _flatten(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _flatten(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def admin_url_shapes() -> tuple[set[str], dict[str, set[str]]]:
    """(site-wide shapes, {model label: its shapes}) of every URL the admin site exposes."""
    prefixes = {f"{m._meta.app_label}/{m._meta.model_name}/": m._meta.label_lower for m in admin.site._registry}
    site, models = set(), {}
    for pattern in admin.site.get_urls():
        if isinstance(pattern, URLResolver) and str(pattern.pattern) in prefixes:
            label = prefixes[str(pattern.pattern)]
            models[label] = {shape for shape, _p in _flatten(pattern.url_patterns)}
        else:
            for shape, inner in _flatten([pattern]):
                site.add("app_list" if inner.name == "app_list" else shape)
    return site, models


def doors_of(label: str, shapes: set[str]) -> dict[str, str]:
    """{door: shape} of one model's object URLs."""
    doors = {}
    for shape in shapes:
        door, _why = MODEL_SPECIFIC_URL_POLICY.get((label, shape)) or MODEL_URL_POLICY[shape]
        if door in OBJECT_DOORS:
            doors[door] = shape
    return doors


def test_every_admin_url_shape_has_a_policy():
    site, models = admin_url_shapes()
    unknown = sorted(site - set(SITE_URL_POLICY))
    for label, shapes in models.items():
        unknown += [
            f"{label}: {shape}"
            for shape in sorted(shapes)
            if shape not in MODEL_URL_POLICY and (label, shape) not in MODEL_SPECIFIC_URL_POLICY
        ]
    assert unknown == [], "admin URLs without a reviewed policy (add them to the tables above):\n" + "\n".join(unknown)
    stale = sorted(set(SITE_URL_POLICY) - site) + [
        f"{label}: {shape}" for label, shape in MODEL_SPECIFIC_URL_POLICY if shape not in models.get(label, ())
    ]
    assert stale == []


def test_every_simple_history_admin_goes_through_the_scoped_history_pages():
    from simple_history.admin import SimpleHistoryAdmin

    from partnership.admin_scoping import check_history_admins

    assert check_history_admins() == []
    history_admins = [ma for ma in admin.site._registry.values() if isinstance(ma, SimpleHistoryAdmin)]
    assert len(history_admins) == 26
    assert all(isinstance(ma, ScopedHistoryAdminMixin) for ma in history_admins)

    from partnership.models import City

    class WronglyOrdered(SimpleHistoryAdmin, ScopedHistoryAdminMixin):  # simple-history's pages would win
        pass

    site = admin.AdminSite(name="check")
    site.register(City, WronglyOrdered)
    assert {error.id for error in check_history_admins(site=site)} == {"partnership.E001"}


# ---------------------------------------------------------------- the world: Paris, Lyon and the people


def city_rows(city, mark: str) -> dict:
    """One row of every city-owned admin model in `city` (names carry `mark`), keyed by a role name."""
    from sports.models import WaitlistEntry
    from tests.alerts.factories import SubscriptionFactory
    from tests.awards.factories import CategoryFactory as AwardCategoryFactory
    from tests.awards.factories import EditionFactory, NominationFactory
    from tests.commitments.factories import AttestationContactFactory, ProgressUpdateFactory, QuestionFactory
    from tests.initiatives.factories import PlaceReportFactory
    from tests.notifications.factories import NotificationFactory
    from tests.partnership.factories import ClauseFactory, ContributionFactory, ProcurementRecordFactory
    from tests.sports.factories import BookingFactory, SlotFactory, SportsResourceFactory
    from tests.startups.factories import ApplicationFactory, CallFactory
    from tests.training.factories import ProgrammeFactory, RegistrationFactory, SessionFactory

    partnership = PartnershipFactory(city=city, title=f"Partenariat {mark}", slug=f"partenariat-{city.slug}")
    person = UserFactory(email=f"habitant.{city.slug}@example.org", last_name=f"Habitant {mark}")
    place = PlaceFactory(city=city, name=f"Lieu {mark}")
    sports_place = PlaceFactory(city=city, name=f"Gymnase {mark}", kind=PlaceKind.SPORTS_SPACE)
    resource = SportsResourceFactory(place=sports_place, name=f"Salle {mark}", name_en=f"Room {mark}")
    slot = SlotFactory(resource=resource, blocked_reason=f"Raison {mark}")
    call_initiative = InitiativeFactory(
        partnership=partnership,
        title=f"Soutien {mark}",
        category=CategoryFactory(slug=CategorySlug.STARTUP_SUPPORT),
    )
    call = CallFactory(initiative=call_initiative, title=f"Appel {mark}")
    training_initiative = InitiativeFactory(
        partnership=partnership, title=f"Formations {mark}", category=CategoryFactory(slug=CategorySlug.JOB_TRAINING)
    )
    programme = ProgrammeFactory(initiative=training_initiative, title=f"Programme {mark}")
    session = SessionFactory(programme=programme, place=place, reference=f"SESSION-{city.slug}")
    edition = EditionFactory(partnership=partnership, title=f"Lutèces {mark}", slug=f"lutece-{city.slug}")
    commitment = CommitmentFactory(partnership=partnership, title=f"Engagement {mark}")
    contact = AttestationContactFactory(partnership=partnership, name=f"Contact {mark}")
    partner = OrganisationFactory(name=f"Éditeur de {city.slug}")  # a shared model: no mark to find elsewhere
    PartnerRoleFactory(partnership=partnership, organisation=partner)
    rows = {
        "partnership.city": city,
        "partnership.partnership": partnership,
        "partnership.commitment": commitment,
        "partnership.partnercontribution": ContributionFactory(
            partnership=partnership, organisation=partner, description=f"Apport {mark}"
        ),
        "partnership.scorecardclause": ClauseFactory(partnership=partnership, statement=f"Clause {mark}"),
        "partnership.procurementrecord": ProcurementRecordFactory(partnership=partnership, subject=f"Marché {mark}"),
        "partner_organisation": partner,  # a contribution moved to Lyon names Lyon's partner
        "initiatives.initiative": InitiativeFactory(partnership=partnership, title=f"Initiative {mark}", place=place),
        "initiatives.place": place,
        "initiatives.placereport": PlaceReportFactory(place=place, message=f"Signalement {mark}"),
        "sports_place": sports_place,
        "sports.sportsresource": resource,
        "sports.slot": slot,
        "sports.booking": BookingFactory(slot=slot, person=person, place_number=1),
        "sports.waitlistentry": WaitlistEntry.objects.create(
            slot=slot, person=UserFactory(email=f"attente.{city.slug}@example.org", last_name=f"Attente {mark}")
        ),
        "call_initiative": call_initiative,
        "startups.call": call,
        "startups.application": ApplicationFactory(
            call=call, applicant=person, status=ApplicationStatus.SUBMITTED, company_name=f"Société {mark}"
        ),
        "training_initiative": training_initiative,
        "training.programme": programme,
        "training.session": session,
        "training.registration": RegistrationFactory(session=session, person=person, motivation=f"Motivation {mark}"),
        "notifications.notification": NotificationFactory(city=city, recipient=person, email=person.email),
        "alerts.subscription": SubscriptionFactory(cities=[city], email=f"alerte.{city.slug}@example.org"),
        "awards.edition": edition,
        "awards.nomination": NominationFactory(
            category=AwardCategoryFactory(edition=edition, slug=f"prix-{city.slug}"), name=f"Projet {mark}"
        ),
        "commitments.attestationcontact": contact,
        "commitments.progressupdate": ProgressUpdateFactory(
            commitment=commitment, contact=contact, summary=f"Avancement {mark}"
        ),
        "commitments.question": QuestionFactory(commitment=commitment, text=f"Question {mark}"),
        "person": person,
    }
    # A second version of every row with a history, so that each has an older version to revert to.
    for label, row in rows.items():
        if "." in label and hasattr(type(row), "history"):
            type(row).objects.get(pk=row.pk).save()
    return rows


def shared_rows(paris, lyon) -> dict:
    """Rows of the models that are not owned by a city, and of the superusers' models."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.sites.models import Site
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    from accounts.models import User
    from portal.models import AccessibilityReport

    interval = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES)
    organisation = OrganisationFactory(name="Organisation parisienne")
    organisation.cities.set([paris])
    parisian = User.objects.get(email="habitant.paris@example.org")
    return {
        "initiatives.category": CategoryFactory(slug=CategorySlug.DIGITAL_INCLUSION),
        "partnership.organisation": organisation,
        "accounts.user": parisian,
        "account.emailaddress": parisian.emailaddress_set.get(),
        "auth.group": Group.objects.get(name=CITY_STAFF),
        "mfa.authenticator": TOTP.activate(parisian, "JBSWY3DPEHPK3PXP").instance,
        "django_celery_beat.intervalschedule": interval,
        "django_celery_beat.crontabschedule": CrontabSchedule.objects.create(minute="5"),
        "django_celery_beat.solarschedule": SolarSchedule.objects.create(
            event="sunrise", latitude="48.85", longitude="2.35"
        ),
        "django_celery_beat.clockedschedule": ClockedSchedule.objects.create(clocked_time=timezone.now()),
        "django_celery_beat.periodictask": PeriodicTask.objects.create(
            name="Tâche témoin", task="notifications.tasks.sweep_pending", interval=interval
        ),
        "sites.site": Site.objects.get_or_create(pk=1, defaults={"domain": "example.org", "name": "x"})[0],
        "portal.accessibilityreport": AccessibilityReport.objects.create(description="Signalement sur le portail"),
    }


ATTACKERS = ["lyon_agent", "lyon_partner_viewer", "reviewer", "staff_without_role"]


@pytest.fixture
def world():
    groups = setup_roles()
    paris = CityFactory(slug="paris", name=f"Paris ({MARK})", name_en=f"Paris ({MARK})")
    lyon = CityFactory(slug="lyon", name="Lyon", name_en="Lyon")
    paris_rows, lyon_rows = city_rows(paris, MARK), city_rows(lyon, "lyonnais")
    people = {"superuser": UserFactory(is_staff=True, is_superuser=True, email="chef@example.org")}
    for name, group, city in (
        ("lyon_agent", CITY_STAFF, lyon),
        ("paris_agent", CITY_STAFF, paris),
        ("lyon_partner_viewer", PARTNER_VIEWERS, None),
        ("reviewer", REVIEWERS, None),
        ("staff_without_role", None, None),
    ):
        person = StaffFactory(email=f"{name}@example.org")
        if group:
            person.groups.add(groups[group])
        if city:
            city.staff.add(person)
        people[name] = person
    vendor = OrganisationFactory(name="Éditeur lyonnais")
    vendor.cities.set([lyon])
    vendor.viewers.add(people["lyon_partner_viewer"])
    PartnerRoleFactory(partnership=lyon_rows["partnership.partnership"], organisation=vendor)
    from tests.startups.factories import ReviewAssignmentFactory

    ReviewAssignmentFactory(application=paris_rows["startups.application"], reviewer=people["reviewer"])
    targets = {**paris_rows, **shared_rows(paris, lyon)}
    clients = {}
    for name, person in people.items():
        clients[name] = Client(raise_request_exception=False)  # a server error is a failure to report, with the rest
        clients[name].force_login(person)  # before any snapshot: a login writes last_login and a log row
    return {
        "paris": paris,
        "lyon": lyon,
        "paris_rows": paris_rows,
        "lyon_rows": lyon_rows,
        "targets": targets,
        "people": people,
        "clients": clients,
    }


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)


def snapshot() -> dict:
    """Every row of every table (history tables and many-to-many tables included), but the sessions."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower == "sessions.session":
            continue
        state[model._meta.label_lower] = list(model._base_manager.order_by("pk").values_list())
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


# ---------------------------------------------------------------- forged bodies, as a browser would post


class FormFields(HTMLParser):
    """The fields a browser would submit from the admin's main form (`<model>_form`)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form = (a.get("id") or "").endswith("_form") and a.get("id") != "logout-form"
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("file", "button", "image", "reset") or (kind == "submit" and name != "_save"):
                return
            self.data.setdefault(name, []).append(a.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in a), []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea:
            value = self.data[self._textarea][-1]
            self.data[self._textarea][-1] = value.removeprefix("\r\n").removeprefix("\n")  # as browsers do
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.data[name] = chosen
            self._select = None


def form_fields(html: str) -> dict[str, list[str]]:
    parser = FormFields()
    parser.feed(html)
    return parser.data


TEXT_FIELDS = {"title", "name", "summary", "description", "reference", "company_name", "practical_info", "motivation"}


def lyonise(model, data: dict[str, list[str]], world) -> dict[str, list[str]]:
    """`data` with every reference to a Paris row replaced by its Lyon twin and names marked as pirated."""
    twins = {}
    for key, paris_row in world["paris_rows"].items():
        lyon_row = world["lyon_rows"][key]
        twins[(type(paris_row)._meta.label_lower, str(paris_row.pk))] = str(lyon_row.pk)
    forged = {}
    for name, values in data.items():
        base = name.removesuffix("_fr").removesuffix("_en")
        try:
            field = model._meta.get_field(base)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.is_relation and field.related_model is not None:
            label = field.related_model._meta.label_lower
            values = [twins.get((label, value), value) for value in values]
        elif base in TEXT_FIELDS and values and values[0]:
            values = [values[0] + " (piraté)"]
        forged[name] = values
    return forged


def admin_url(label: str) -> str:
    return f"{ADMIN}/{label.replace('.', '/')}/"


def first_version(row):
    return type(row).history.filter(id=row.pk).order_by("history_date", "history_id").first()


def version_url(label, row, record) -> str:
    return f"{admin_url(label)}{row.pk}/history/{record.history_id}/"


def door_url(label, door, row) -> str:
    base = f"{admin_url(label)}{row.pk}/"
    if door == "version":
        return f"{base}history/{first_version(row).history_id}/"
    return (
        base
        + {
            "change": "change/",
            "delete": "delete/",
            "history": "history/",
            "redirect": "",
            "decision": "statut/",
            "password": "password/",
        }[door]
    )


def forged_bodies(world, label, row, doors) -> dict[str, dict]:
    """The POST each door receives: what a superuser's browser would send, pointed at Lyon."""
    model = type(row)
    superuser = world["clients"]["superuser"]
    change_page = superuser.get(door_url(label, "change", row))
    assert change_page.status_code == 200, (label, change_page.status_code)
    change_body = lyonise(model, form_fields(change_page.content.decode()), world)
    bodies = {"change": change_body, "redirect": change_body, "history": {}, "delete": {"post": "yes"}}
    if "version" in doors:
        version_page = superuser.get(door_url(label, "version", row))
        assert version_page.status_code == 200, (label, version_page.status_code)
        bodies["version"] = {
            **change_body,
            **lyonise(model, form_fields(version_page.content.decode()), world),
            "_save": ["Revert"],
        }
    bodies["decision"] = {"to_status": ApplicationStatus.REJECTED, "message": "Piraté"}
    bodies["password"] = {"usable_password": "true", "password1": "Pirate-2026-xyz!", "password2": "Pirate-2026-xyz!"}
    return bodies


# ---------------------------------------------------------------- the walk


def expected_status(role: str, label: str, door: str, method: str) -> set[int]:
    """What a person with no business with Paris must get at a Paris row's door."""
    if door == "redirect":
        return {302}  # to the change URL, which answers as the change door does
    model_admin = admin.site._registry[apps.get_model(label)]
    if isinstance(model_admin, CityScopedAdminMixin):
        return {404}  # another city's row does not exist for them, whatever the door
    matrix = {
        "lyon_agent": CITY_STAFF_MATRIX,
        "lyon_partner_viewer": PARTNER_VIEWER_MATRIX,
        "reviewer": REVIEWER_MATRIX,
    }.get(role, {})
    may_view = label not in SUPERUSER_ONLY and "v" in matrix.get(label, "")
    if may_view and (method == "GET" and door in ("change", "history", "version") or door == "history"):
        return {200}  # shared models (categories, organisations): readable by every city's staff
    return {403}  # and never writable: the Paris organisation is not only in Lyon, categories are read-only


def test_another_citys_rows_answer_404_at_every_door_and_nothing_changes(world):
    """Each person knocks on every object door of every Paris row, with GET and the forged POST; every table
    (history tables included) is compared before and after each person's walk."""
    _site, shapes = admin_url_shapes()
    plan = []  # (label, door, url, body)
    for model, _model_admin in registered():
        label = model._meta.label_lower
        row = world["targets"][label]
        doors = doors_of(label, shapes[label])
        bodies = forged_bodies(world, label, row, doors)
        plan += [(label, door, door_url(label, door, row), bodies[door]) for door in sorted(doors)]
    failures, requests, knocked = [], 0, set()
    for role in ATTACKERS:
        client = world["clients"][role]
        before = snapshot()
        for label, door, url, body in plan:
            for method in ("GET", "POST"):
                response = client.get(url) if method == "GET" else client.post(url, body)
                requests += 1
                want = expected_status(role, label, door, method)
                if response.status_code not in want:
                    failures.append(f"{role} {method} {url} ({label} {door}): {response.status_code}, want {want}")
            knocked.add((role, label, door))
        after = snapshot()
        if after != before:
            failures.append(f"{role}: tables changed: {changed_tables(before, after)}")
    assert failures == [], "\n".join(failures)
    models = {label for _role, label, _door in knocked}
    # django-axes's 3 models went (replaced by accounts.throttling), mfa.authenticator, sports.waitlistentry,
    # initiatives.placereport, the commitments' three models and portal.accessibilityreport came.
    assert len(models) == len(admin.site._registry) == 38
    assert {door for _role, _label, door in knocked} == set(OBJECT_DOORS)
    assert requests == 2 * len(knocked) == 2 * len(ATTACKERS) * len(plan)


def test_the_walk_knocks_on_real_doors_the_same_requests_open_them_for_paris_staff(world):
    """The control: the URLs and ids the walk uses open for Paris' own agent and for superusers, so the
    404s above come from the scoping, not from a wrong address."""
    _site, shapes = admin_url_shapes()
    failures = []
    for model, _model_admin in registered():
        label = model._meta.label_lower
        row = world["targets"][label]
        doors = doors_of(label, shapes[label])
        for role in ("superuser", "paris_agent"):
            if role == "paris_agent" and "v" not in CITY_STAFF_MATRIX.get(label, ""):
                continue
            for door in sorted({"change", "history", "version", "decision"} & set(doors)):
                status = world["clients"][role].get(door_url(label, door, row)).status_code
                if status != 200:
                    failures.append(f"{role} GET {label} {door}: {status}")
    assert failures == []


def test_the_forged_bodies_would_move_each_row_to_lyon_for_someone_allowed_to(world):
    """The control for the POSTs: a superuser sending the walk's version form moves a revertible row into
    Lyon, so the attackers' unchanged database is the scoping's doing, not a malformed body."""
    from partnership.scoping import SELF, city_path

    _site, shapes = admin_url_shapes()
    moved = []
    for model, model_admin in registered():
        label = model._meta.label_lower
        if not isinstance(model_admin, CityScopedAdminMixin) or not model_admin.history_revertible:
            continue
        doors = doors_of(label, shapes[label])
        if city_path(model) == SELF or "version" not in doors:
            continue
        row = world["targets"][label]
        body = forged_bodies(world, label, row, doors)["version"]
        response = world["clients"]["superuser"].post(door_url(label, "version", row), body)
        assert response.status_code == 302, (label, response.context and response.context["errors"])
        lyon_agent = world["people"]["lyon_agent"]
        if model.objects.filter(pk=row.pk).for_staff(lyon_agent).exists():
            moved.append(label)
    assert sorted(moved) == [
        "commitments.attestationcontact",
        "initiatives.initiative",
        "initiatives.place",
        "partnership.commitment",
        "partnership.partnercontribution",
        "partnership.partnership",
        "partnership.procurementrecord",
        "partnership.scorecardclause",
        "startups.call",
        "training.programme",
    ]


# ---------------------------------------------------------------- reverts


def version_of(row, **values):
    """The history record of `row` where the given fields had these values."""
    return type(row).history.filter(id=row.pk, **values).order_by("-history_id").first()


def test_a_paris_agent_reverts_a_paris_partnership_to_an_older_version_and_the_revert_is_recorded(world):
    from django.contrib.admin.models import LogEntry

    from partnership.models import Partnership

    partnership = Partnership.objects.get(pk=world["paris_rows"]["partnership.partnership"].pk)
    old_title = partnership.title
    partnership.title = partnership.title_fr = "Titre changé par erreur"
    partnership.save()
    agent, client = world["people"]["paris_agent"], world["clients"]["paris_agent"]
    url = version_url("partnership.partnership", partnership, version_of(partnership, title_fr=old_title))

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' in html and old_title in html
    response = client.post(url, {**form_fields(html), "_save": "Revert"}, follow=True)

    assert response.redirect_chain[-1][1] == 302
    partnership.refresh_from_db()
    assert (partnership.title_fr, partnership.city) == (old_title, world["paris"])
    latest = partnership.history.order_by("-history_id").first()
    assert (latest.history_type, latest.history_user) == ("~", agent)
    assert latest.history_change_reason.startswith("Retour à la version du ")
    assert LogEntry.objects.filter(user=agent, object_id=str(partnership.pk)).exists()
    assert "a été modifié avec succès" in response.content.decode()
    history = client.get(door_url("partnership.partnership", "history", partnership)).content.decode()
    assert "Retour à la version du " in history


NOT_REVERTIBLE = [
    "alerts.subscription",
    "awards.edition",
    "awards.nomination",
    "commitments.progressupdate",
    "commitments.question",
    "initiatives.placereport",
    "sports.booking",
    "sports.slot",
    "sports.sportsresource",
    "sports.waitlistentry",
    "startups.application",
    "training.registration",
    "training.session",
]


def test_the_lifecycle_models_are_exactly_those_that_refuse_reverts():
    refusing = sorted(
        model._meta.label_lower
        for model, model_admin in registered()
        if isinstance(model_admin, ScopedHistoryAdminMixin) and not model_admin.history_revertible
    )
    assert refusing == NOT_REVERTIBLE


@pytest.mark.parametrize("label", NOT_REVERTIBLE)
@pytest.mark.parametrize("role", ["superuser", "paris_agent"])
def test_reverting_a_lifecycle_model_is_refused_with_a_message_and_changes_nothing(world, label, role):
    row = world["paris_rows"][label]
    client = world["clients"][role]
    body = forged_bodies(world, label, row, {"version"})["version"]
    before = snapshot()
    response = client.post(door_url(label, "version", row), body)
    if role == "paris_agent" and "c" not in CITY_STAFF_MATRIX[label]:
        assert response.status_code == 403  # a person who may not change it is not even told why
    else:
        assert response.status_code == 302
        assert response["Location"] == door_url(label, "history", row)
        page = client.get(response["Location"]).content.decode()
        assert "Cette version n&#x27;a pas été rétablie" in page
        assert "Rien n&#x27;a été modifié" in page
    assert changed_tables(before, snapshot()) == []
    version_page = client.get(door_url(label, "version", row))
    if response.status_code == 302:
        assert version_page.status_code == 200
        assert 'name="_save"' not in version_page.content.decode()  # shown, read-only


def test_a_revert_cannot_move_a_row_into_a_city_the_person_does_not_administer(world):
    """A Paris place that used to be in Lyon: its Lyon-era version is part of its history (readable), but
    reverting to it would hand the row to Lyon, which the Paris agent does not administer."""
    from initiatives.models import Place

    place = Place.objects.get(pk=world["paris_rows"]["initiatives.place"].pk)
    place.city = world["lyon"]
    place.save()
    place.city = world["paris"]
    place.save()
    client = world["clients"]["paris_agent"]
    url = version_url("initiatives.place", place, version_of(place, city=world["lyon"]))
    page = client.get(url)
    assert page.status_code == 200
    before = snapshot()
    response = client.post(url, {**form_fields(page.content.decode()), "_save": "Revert"})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()  # Lyon is not among the agent's choices
    assert changed_tables(before, snapshot()) == []
    # Nor by forging the city on the current version.
    current = version_url("initiatives.place", place, version_of(place))
    body = {**form_fields(client.get(current).content.decode()), "city": str(world["lyon"].pk), "_save": "Revert"}
    response = client.post(current, body)
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert changed_tables(before, snapshot()) == []


def test_city_staff_open_their_citys_versions_and_revert_only_what_they_may_change(world):
    """The city's version page answered 500 to staff (its slug is read-only for them); a revert keeps the
    fields they cannot change (slug, staff) at their current value."""
    from partnership.models import City

    paris = City.objects.get(pk=world["paris"].pk)
    old_name = paris.name_fr
    paris.name = paris.name_fr = "Paris renommée"
    paris.slug = "paris-renommee"
    paris.save()
    client = world["clients"]["paris_agent"]
    url = version_url("partnership.city", paris, version_of(paris, name_fr=old_name))
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {**form_fields(page.content.decode()), "_save": "Revert"})
    assert response.status_code == 302
    paris.refresh_from_db()
    assert (paris.name_fr, paris.slug) == (old_name, "paris-renommee")
    assert list(paris.staff.all()) == [world["people"]["paris_agent"]]
    assert world["clients"]["lyon_agent"].get(url).status_code == 404


def test_a_partner_viewer_reads_its_partnerships_versions_and_cannot_revert_them(world):
    row = world["lyon_rows"]["partnership.partnership"]
    client = world["clients"]["lyon_partner_viewer"]
    url = door_url("partnership.partnership", "version", row)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(door_url("partnership.partnership", "history", row)).status_code == 200
    before = snapshot()
    body = lyonise(type(row), form_fields(world["clients"]["superuser"].get(url).content.decode()), world)
    assert client.post(url, {**body, "_save": "Revert"}).status_code == 403
    assert changed_tables(before, snapshot()) == []


def test_a_deleted_rows_history_stays_readable_by_its_city_only_and_is_not_restored(world):
    from partnership.models import Commitment

    commitment = world["paris_rows"]["partnership.commitment"]
    history_url = door_url("partnership.commitment", "history", commitment)
    version_url = door_url("partnership.commitment", "version", commitment)
    Commitment.objects.filter(pk=commitment.pk).delete()
    paris = world["clients"]["paris_agent"]
    assert paris.get(history_url).status_code == 200
    page = paris.get(version_url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    before = snapshot()
    response = paris.post(version_url, {**form_fields(page.content.decode()), "_save": "Revert"}, follow=True)
    assert "Un objet supprimé ne peut pas être rétabli depuis son historique." in response.content.decode()
    assert changed_tables(before, snapshot()) == []
    for role in ATTACKERS:
        assert world["clients"][role].get(history_url).status_code == 404, role
        assert world["clients"][role].get(version_url).status_code == 404, role


def test_an_object_id_that_names_another_objects_history_row_shows_nothing(world):
    """The history list used to look a deleted row up by the history table's own id: asking for the history
    of Paris row N showed it when history row N happened to belong to Lyon."""
    from partnership.models import Partnership

    paris_row = world["paris_rows"]["partnership.partnership"]
    lyon_row = world["lyon_rows"]["partnership.partnership"]
    free = Partnership.history.order_by("-history_id").first().history_id + 1
    Partnership.history.filter(history_id=paris_row.pk).update(history_id=free)
    lyon_version = first_version(lyon_row)
    Partnership.history.filter(history_id=lyon_version.history_id).update(history_id=paris_row.pk)
    lyon_agent = world["clients"]["lyon_agent"]
    assert lyon_agent.get(door_url("partnership.partnership", "history", paris_row)).status_code == 404
    assert (
        lyon_agent.get(f"{admin_url('partnership.partnership')}{paris_row.pk}/history/{paris_row.pk}/").status_code
        == 404
    )
    assert lyon_agent.get(door_url("partnership.partnership", "history", lyon_row)).status_code == 200


# ---------------------------------------------------------------- write hooks


class _StubForm:
    def __init__(self, instance):
        self.instance = instance
        self.changed_data = ["name"]
        self.initial = {}

    def save(self, commit=True):
        return self.instance

    def save_m2m(self):
        pass


def lyon_request(world):
    from accounts.models import User

    request = RequestFactory().post("/")
    request.user = User.objects.get(pk=world["people"]["lyon_agent"].pk)
    request._messages = []
    return request


def test_every_write_hook_of_every_city_scoped_admin_refuses_another_citys_row(world):
    request = lyon_request(world)
    before = snapshot()
    refused = []
    for model, model_admin in registered():
        if not isinstance(model_admin, CityScopedAdminMixin):
            continue
        row = world["paris_rows"][model._meta.label_lower]
        row = model.objects.get(pk=row.pk)
        form = _StubForm(row)
        for hook, args in (
            ("save_form", (form, True)),
            ("save_model", (row, form, True)),
            ("save_related", (form, [], True)),
            ("delete_model", (row,)),
        ):
            with pytest.raises(PermissionDenied):
                getattr(model_admin, hook)(request, *args)
            refused.append((model._meta.label_lower, hook))
        model_admin.delete_queryset(request, model.objects.filter(pk=row.pk))
    assert changed_tables(before, snapshot()) == []
    assert len(refused) == 4 * 25


def test_a_write_hook_overridden_without_super_still_checks_the_city(world):
    from initiatives.models import Place

    class CarelessPlaceAdmin(CityScopedAdminMixin, admin.ModelAdmin):
        def save_model(self, request, obj, form, change):
            obj.save()

        def delete_model(self, request, obj):
            obj.delete()

        def delete_queryset(self, request, queryset):
            queryset.delete()

    careless = CarelessPlaceAdmin(Place, admin.site)
    place = Place.objects.get(pk=world["paris_rows"]["initiatives.place"].pk)
    place.name = "Lieu piraté"
    request = lyon_request(world)
    with pytest.raises(PermissionDenied):
        careless.save_model(request, place, None, True)
    with pytest.raises(PermissionDenied):
        careless.delete_model(request, place)
    careless.delete_queryset(request, Place.objects.filter(pk=place.pk))
    place.refresh_from_db()
    assert place.name != "Lieu piraté"
    own = Place.objects.get(pk=world["lyon_rows"]["initiatives.place"].pk)
    own.name = "Lieu renommé"
    careless.save_model(request, own, None, True)  # the agent's own city: saved
    own.refresh_from_db()
    assert own.name == "Lieu renommé"


# ---------------------------------------------------------------- choices, autocomplete, filters, view on site


def paris_pks(label: str, world) -> set[int]:
    """The pks of `label`'s rows that belong to Paris (empty for models shared between cities)."""
    from partnership.scoping import city_path

    model = apps.get_model(label)
    if city_path(model) is None:
        return set()
    return set(model._default_manager.in_cities([world["paris"].pk]).values_list("pk", flat=True))


def test_every_city_scoped_model_says_how_it_reaches_its_city():
    from partnership.scoping import city_path

    scoped = {m._meta.label_lower for m, ma in registered() if isinstance(ma, CityScopedAdminMixin)}
    assert scoped <= {m._meta.label_lower for m in apps.get_models() if city_path(m) is not None}


def test_form_and_inline_choices_never_list_another_citys_rows(world):
    from django.forms import ModelChoiceField

    request = lyon_request(world)
    checked, leaks = 0, []
    for model, model_admin in registered():
        label = model._meta.label_lower
        if not isinstance(model_admin, CityScopedAdminMixin):
            continue
        own = world["lyon_rows"][label]
        for obj in (None, own):
            if not (
                model_admin.has_add_permission(request)
                if obj is None
                else model_admin.has_change_permission(request, obj)
            ):
                continue
            forms = [(model_admin.get_form(request, obj)(instance=obj), None)]
            for formset_class, _inline in model_admin.get_formsets_with_inlines(request, obj):
                formset = formset_class(instance=obj or model())
                # An inline row's hidden id is looked up in the formset's own rows (the parent's), checked here.
                forms += [(form, formset.model._meta.pk.name) for form in (*formset.forms, formset.empty_form)]
                leaks += [
                    f"{label} inline {formset.model.__name__} row {pk}"
                    for pk in paris_pks(formset.model._meta.label_lower, world) & {o.pk for o in formset.get_queryset()}
                ]
            for form, row_id in forms:
                for name, field in form.fields.items():
                    if isinstance(field, ModelChoiceField) and name != row_id:
                        checked += 1
                        target = field.queryset.model._meta.label_lower
                        shown = paris_pks(target, world) & set(field.queryset.values_list("pk", flat=True))
                        if shown:
                            leaks.append(f"{label}.{name} lists Paris {target} {sorted(shown)}")
    assert leaks == []
    assert checked >= 20


def searchable_relations(models):
    for model in models:
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and (field.many_to_one or field.many_to_many):
                remote_admin = admin.site._registry.get(field.related_model)
                if remote_admin is not None and remote_admin.search_fields:
                    yield model, field


def test_autocomplete_never_offers_another_citys_rows(world):
    """Every relation of every registered model, asked as an autocomplete field by each person, and for each
    target model one relation forged from a model without an admin (an inline or a history table): no Paris
    row of a city-owned model comes back. The control: Paris' agent gets the Paris rows."""
    asked = list(searchable_relations(admin.site._registry))
    forged = {}
    for model, field in searchable_relations(m for m in apps.get_models() if m not in admin.site._registry):
        forged.setdefault(field.related_model, (model, field))
    asked += forged.values()
    leaks, requests, paris_seen = [], 0, set()
    for role in [*ATTACKERS, "paris_agent"]:
        client = world["clients"][role]
        for model, field in asked:
            target = field.related_model._meta.label_lower
            for term in ("", MARK):
                response = client.get(
                    f"{ADMIN}/autocomplete/",
                    {
                        "app_label": model._meta.app_label,
                        "model_name": model._meta.model_name,
                        "field_name": field.name,
                        "term": term,
                    },
                )
                requests += 1
                if response.status_code != 200:
                    assert response.status_code == 403, (role, model, field.name, response.status_code)
                    continue
                ids = {int(result["id"]) for result in response.json()["results"]}
                shown = ids & paris_pks(target, world)
                if role == "paris_agent":
                    paris_seen |= {target} if shown else set()
                elif shown:
                    leaks.append(
                        f"{role}: {model._meta.label_lower}.{field.name} offers Paris {target} {sorted(shown)}"
                    )
    assert leaks == []
    assert {"partnership.partnership", "initiatives.initiative", "initiatives.place", "training.programme"} <= (
        paris_seen
    )
    assert len(asked) >= 40 and requests == 2 * len(asked) * (len(ATTACKERS) + 1)


def test_changelists_filters_and_index_show_no_other_city(world):
    """Another city's names reach nobody through a list, its filter choices, a filter forged in the query
    string, the dashboard or an app page."""
    pages = [f"{ADMIN}/", *(f"{ADMIN}/{app}/" for app in {m._meta.app_label for m in admin.site._registry})]
    for model, model_admin in registered():
        pages.append(admin_url(model._meta.label_lower))
        if isinstance(model_admin, CityScopedAdminMixin) and model.city_path != "self":
            forged_filter = f"{model.city_path}__id__exact={world['paris'].pk}"
            pages += [
                f"{admin_url(model._meta.label_lower)}?{forged_filter}",
                f"{admin_url(model._meta.label_lower)}?q=Paris",
                f"{admin_url(model._meta.label_lower)}?_to_field=id&_popup=1",  # a related-object lookup popup
            ]
    leaks, shown = [], 0
    for role in ATTACKERS:
        for url in pages:
            response = world["clients"][role].get(url)
            assert response.status_code in (200, 302, 400, 403, 404), (role, url, response.status_code)
            if response.status_code == 200:
                shown += 1
                if MARK in response.content.decode():
                    leaks.append(f"{role}: {url}")
    assert leaks == []
    assert shown >= 40
    places = world["clients"]["lyon_agent"].get(admin_url("initiatives.place")).content.decode()
    assert "Lieu lyonnais" in places and ">Lyon<" in places  # the control: their own rows and city are listed
    assert MARK in world["clients"]["paris_agent"].get(admin_url("initiatives.place")).content.decode()


def test_bulk_actions_on_another_citys_ids_change_nothing_and_show_nothing(world):
    """Every action each person is offered on each list (deletion, exports, status changes, retries), posted
    with a Paris row's id as if ticked, confirmation included: nothing changes, nothing of Paris is shown."""
    from accounts.models import User

    before, tried, leaks = snapshot(), 0, []
    for role in ATTACKERS:
        request = RequestFactory().get("/")
        request.user = User.objects.get(pk=world["people"][role].pk)
        for model, model_admin in registered():
            label = model._meta.label_lower
            if not model_admin.has_view_or_change_permission(request):
                continue
            for action in model_admin.get_actions(request):
                response = world["clients"][role].post(
                    admin_url(label),
                    {
                        "action": action,
                        "_selected_action": [str(world["targets"][label].pk)],
                        "post": "yes",
                        "apply": "1",
                        "message": "Piraté",
                    },
                )
                tried += 1
                if MARK in response.content.decode("utf-8", "replace"):
                    leaks.append(f"{role}: {label} {action}")
    assert leaks == []
    assert changed_tables(before, snapshot()) == []
    assert tried >= 15
    application = world["targets"]["startups.application"]
    export = world["clients"]["paris_agent"].post(
        admin_url("startups.application"), {"action": "export_csv", "_selected_action": [str(application.pk)]}
    )
    assert MARK in export.content.decode("utf-8-sig")  # the control: the same post exports for Paris' agent


def test_view_on_site_answers_only_for_rows_the_admin_shows(world):
    from django.contrib.contenttypes.models import ContentType

    tried = 0
    for label, row in world["paris_rows"].items():
        if "." not in label or not hasattr(row, "get_absolute_url"):
            continue
        url = f"{ADMIN}/r/{ContentType.objects.get_for_model(row).pk}/{row.pk}/"
        for role in ATTACKERS:
            assert world["clients"][role].get(url).status_code == 404, (role, label)
        assert world["clients"]["paris_agent"].get(url).status_code == 302, label
        assert world["clients"]["superuser"].get(url).status_code == 302, label
        tried += 1
    assert tried >= 6


@pytest.mark.django_db
def test_every_autocomplete_pages_over_an_ordered_queryset(world):
    """The autocomplete answers 20 rows a page: over an unordered queryset (an admin that annotates counts
    groups its rows, which drops the model's ordering) page 2 may repeat or skip rows of page 1."""
    request = RequestFactory().get(f"{ADMIN}/autocomplete/")
    request.user = world["people"]["paris_agent"]
    unordered = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.search_fields or not isinstance(model_admin, CityScopedAdminMixin):
            continue
        queryset, _ = model_admin.get_search_results(request, model_admin.get_queryset(request), "")
        if not queryset.ordered:
            unordered.append(model._meta.label)
    assert unordered == []


@pytest.mark.django_db
def test_the_second_page_of_an_autocomplete_goes_on_from_the_first(world):
    from tests.sports.factories import SlotFactory, SportsResourceFactory

    resource = SportsResourceFactory(place__city=world["paris"], name="Gymnase du test")
    for day in range(25):
        SlotFactory(resource=resource, starts_at=timezone.now() + timezone.timedelta(days=day + 1))
    client = world["clients"]["paris_agent"]
    seen = []
    for page in (1, 2):
        params = {"app_label": "sports", "model_name": "booking", "field_name": "slot", "term": "", "page": page}
        seen += [row["id"] for row in client.get(f"{ADMIN}/autocomplete/", params).json()["results"]]
    assert len(seen) == len(set(seen)) >= 25
