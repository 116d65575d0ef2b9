"""Stored HTML injection: a hostile value in every text field of every model never reaches a page or an
email as markup.

A superuser puts `<script>alert(N)</script>"'><img src=x onerror=alert(N)>{{7*7}}` (or, where a validator
wants an address or a link, the same markup in an email or URL shape) into every text field of every
admin form and inline, posting the form as the browser would; what the admin does not edit is written to
the rows (each model and its history). The services then send every kind of email, and every public,
applicant, reviewer and staff page is rendered (the admin's changelists, change, delete and history pages
of every model, and its dashboard). The models, fields, admin pages and email kinds are found by
introspection: a new one is covered, or the test says what it lacks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone, translation

from initiatives.constants import CategorySlug, PlaceKind
from notifications.models import Notification
from tests.escaping import (
    Findings,
    Seeding,
    accepted_payload,
    admin_errors,
    admin_text_inputs,
    form_data,
    formulas,
    payloads,
    search_form_names,
)
from tests.factories import (
    CategoryFactory,
    CommitmentFactory,
    InitiativeFactory,
    PartnerRoleFactory,
    PartnershipFactory,
    PlaceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


# --- the world: one row of every model, in the states that show the most --------------------------------


class World:
    """What the pages and emails need; built with the factories, moved along by the services."""


def build_world() -> World:
    from allauth.mfa.totp.internal.auth import TOTP
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    from accounts.roles import CITY_STAFF, setup_roles
    from partnership.constants import ScorecardTopic
    from partnership.models import Signatory
    from tests.alerts.factories import SubscriptionFactory
    from tests.initiatives.factories import InclusionPlaceFactory, PlaceReportFactory
    from tests.partnership.factories import ClauseFactory, ContributionFactory, ProcurementRecordFactory
    from tests.sports.factories import OpeningPeriodFactory, SlotFactory, in_days
    from tests.sports.factories import SportsResourceFactory as ResourceFactory
    from tests.startups.factories import (
        ApplicationFactory,
        CallFactory,
        CriterionFactory,
        InnovationActorFactory,
        ReviewerFactory,
        pdf_file,
    )
    from tests.training.factories import ProgrammeFactory, SessionFactory

    roles = setup_roles()
    w = World()
    w.admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    w.agent = UserFactory(email="agent@example.org", is_staff=True)
    w.person = UserFactory(email="personne@example.org")
    w.person_en = UserFactory(email="person@example.org", preferred_language="en")
    w.reviewer = ReviewerFactory(email="evaluateur@example.org")
    w.dormant = UserFactory(email="dormant@example.org")

    w.organisation = InnovationActorFactory(website="https://example.org/")
    w.partnership = PartnershipFactory()
    w.city = w.partnership.city
    w.agent.groups.add(roles[CITY_STAFF])
    w.city.staff.add(w.agent)
    w.organisation.cities.add(w.city)
    PartnerRoleFactory(partnership=w.partnership, organisation=w.organisation)
    Signatory.objects.create(partnership=w.partnership, organisation=w.organisation, name="Jeanne", position="Maire")
    w.place = InclusionPlaceFactory(city=w.city, email="lieu@example.org", data_updated_on=dt.date(2020, 1, 1))
    w.place_report = PlaceReportFactory(place=w.place)
    w.initiative = InitiativeFactory(partnership=w.partnership, place=w.place, contact_name="Paul")
    CommitmentFactory(partnership=w.partnership).initiatives.add(w.initiative)
    ContributionFactory(partnership=w.partnership, organisation=w.organisation)
    ClauseFactory(partnership=w.partnership, topic=ScorecardTopic.EXIT, open_formats="CSV", return_within_days=30)
    ProcurementRecordFactory(partnership=w.partnership)

    w.resource = ResourceFactory(place=PlaceFactory(city=w.city, kind=PlaceKind.SPORTS_SPACE), initiative=w.initiative)
    OpeningPeriodFactory(resource=w.resource)
    ResourceFactory(place=w.resource.place)  # two resources: the sports index lists them (one would redirect)
    w.slot = SlotFactory(resource=w.resource, starts_at=in_days(3, 10), ends_at=in_days(3, 11))
    w.slot_to_block = SlotFactory(resource=w.resource, starts_at=in_days(3, 12), ends_at=in_days(3, 13))
    w.slot_full = SlotFactory(resource=w.resource, starts_at=in_days(3, 14), ends_at=in_days(3, 15), capacity=1)

    startup_initiative = InitiativeFactory(
        partnership=w.partnership, category=CategoryFactory(slug=CategorySlug.STARTUP_SUPPORT)
    )
    w.call = CallFactory(initiative=startup_initiative, requires_recommendation=True)
    w.other_call = CallFactory(initiative=startup_initiative)
    for order in range(2):
        CriterionFactory(call=w.call, order=order, description="À quel point le produit est nouveau.")
    w.application = ApplicationFactory(call=w.call, applicant=w.person, pitch_deck=pdf_file(), pitch_deck_name="a.pdf")
    w.draft = ApplicationFactory(call=w.other_call, applicant=w.person)

    training_initiative = InitiativeFactory(
        partnership=w.partnership, category=CategoryFactory(slug=CategorySlug.JOB_TRAINING)
    )
    programme = ProgrammeFactory(initiative=training_initiative, description="Du code.", prerequisites="Lire.")
    soon = timezone.localtime().replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=30)
    w.session = SessionFactory(
        programme=programme,
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=6),
        registration_deadline=timezone.now() + dt.timedelta(hours=1),
        capacity=1,
        practical_info="Apportez un ordinateur.",
    )
    w.session_to_cancel = SessionFactory(programme=programme, capacity=5)

    w.subscription = SubscriptionFactory(email="abonne@example.org", language="en", cities=[w.city])

    every = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.DAYS)
    CrontabSchedule.objects.create(minute="0", hour="7")
    SolarSchedule.objects.create(event="sunrise", latitude=48.85, longitude=2.35)
    ClockedSchedule.objects.create(clocked_time=timezone.now())
    PeriodicTask.objects.create(name="Tâche", task="notifications.tasks.send_digest", interval=every)
    TOTP.activate(w.person, "JBSWY3DPEHPK3PXP")  # a second factor, for the superusers' list of them
    w.guests = Group.objects.create(name="Invités")  # the role groups keep their names (looked up by name)
    build_awards(w)
    build_commitments(w)
    return w


def build_commitments(w: World) -> None:
    """The commitments' follow-up: the partner's contact (English), an update awaiting them, one they disputed,
    a question to moderate and one answered."""
    from commitments.constants import UpdateStatus
    from tests.commitments.factories import (
        AttestationContactFactory,
        ProgressUpdateFactory,
        QuestionFactory,
        answered_question,
        attested_update,
    )

    w.commitment = w.partnership.commitments.first()
    w.contact = AttestationContactFactory(partnership=w.partnership, organisation=w.organisation, language="en")
    w.update_proposed = ProgressUpdateFactory(commitment=w.commitment, contact=w.contact)
    attested_update(w.commitment, status=UpdateStatus.DISPUTED, contact=w.contact)
    QuestionFactory(commitment=w.commitment)
    answered_question(w.commitment)


def build_awards(w: World) -> None:
    """The Lutèces d'Or: an edition open to nominations, one whose jury deliberates while the public votes
    (the reviewer sits on its jury and has declared; the person has not declared yet), one with its results."""
    from awards.constants import ConflictSource, Prize
    from awards.models import Conflict, Laureate, Score, Vote
    from awards.services import email_digest, juror_declare
    from tests.awards.factories import CategoryFactory as AwardCategory
    from tests.awards.factories import CriterionFactory as AwardCriterion
    from tests.awards.factories import EditionFactory, JurorFactory, NominationFactory

    w.award_open = AwardCategory(edition=EditionFactory(partnership=w.partnership, phase="nominations"))
    w.award_vote = AwardCategory(edition=EditionFactory(partnership=w.partnership, phase="jury"), public_vote=True)
    criterion = AwardCriterion(edition=w.award_vote.edition)
    w.nomination = NominationFactory(category=w.award_vote, website="https://example.org/", organisation="Coop")
    w.scored = other = NominationFactory(category=w.award_vote)
    w.juror = JurorFactory(edition=w.award_vote.edition, user=w.reviewer, role="Présidente")
    juror_declare(juror=w.juror, user=w.reviewer, organisations="Coop", declaration="Ancienne cliente.")
    JurorFactory(edition=w.award_vote.edition, user=w.person)
    Conflict.objects.get_or_create(juror=w.juror, nomination=w.nomination, defaults={"source": ConflictSource.DECLARED})
    Score.objects.create(juror=w.juror, nomination=other, criterion=criterion, value=4)
    Vote.objects.create(category=w.award_vote, nomination=w.nomination, voter_digest=email_digest("t", "v@x.org"))
    closed = AwardCategory(edition=EditionFactory(partnership=w.partnership, phase="closed"))
    laureate = NominationFactory(category=closed)
    Laureate.objects.create(category=closed, nomination=laureate, prize=Prize.JURY, jury_score=4)
    type(closed.edition).objects.filter(pk=closed.edition_id).update(results_published_at=timezone.now())
    w.award_closed = closed


# --- step 1: the payloads, through the admin ------------------------------------------------------------


def admin_targets(w: World) -> dict:
    return {"accounts.user": w.person, "auth.group": w.guests, "awards.edition": w.award_vote.edition}


def seed_through_admin(client, w: World, seeding: Seeding, findings: Findings) -> None:
    """Each registered model's change form (one row, with its inlines) posted back with every text field
    holding a hostile value; a value a field's validation refuses is put back and noted."""
    client.force_login(w.admin)
    targets = admin_targets(w)
    for model, _model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower):
        label = model._meta.label_lower
        row = targets.get(label) or model._default_manager.order_by("pk").first()
        if row is None:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.pk])
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        inputs = admin_text_inputs(response)
        data = form_data(response.content.decode(), f"{model._meta.model_name}_form")
        original = {name: list(values) for name, values in data.items()}
        chosen = {}
        for name, (field_model, model_field) in inputs.items():
            if name not in data:
                continue  # shown read-only
            value = accepted_payload(model_field, seeding.number(field_model, model_field.name), row=row.pk)
            if value is not None:
                data[name] = [value]
                chosen[name] = f"{field_model._meta.label_lower}.{model_field.name}"
        if not chosen:
            continue
        for _attempt in range(5):
            response = client.post(url, {**data, "_save": "1"}, follow=True)
            assert response.status_code == 200, f"{url} answered {response.status_code} to the post"
            if response.redirect_chain:
                findings.scan(f"after posting {url}", response.content.decode())
                break
            errors = admin_errors(response)
            refused = [name for name in chosen if name in errors]
            assert refused, f"{url}: the admin refused the form for another reason: {errors}"
            for name in refused:
                data[name] = original[name]
                seeding.refused_by_admin[chosen.pop(name)] = errors[name]
        else:
            raise AssertionError(f"{url}: still refused after five attempts")
        seeding.through_admin.update(chosen.values())


# --- step 2: every kind of email, from the services ------------------------------------------------------


def send_every_email(client, w: World, payload) -> None:
    """The services that send each kind of email, with hostile text wherever a person types some."""
    from accounts.privacy import apply_retention
    from accounts.services import calendar_feed_issue
    from alerts.services import digest_send, subscription_request
    from sports.services import (
        booking_cancel,
        booking_cancel_by_staff,
        booking_create,
        reminder_send,
        slot_block,
        waitlist_join,
    )
    from startups import services as startups
    from startups.constants import ApplicationStatus
    from startups.models import Recommendation
    from training import services as training
    from training.constants import Situation

    startups.recommendation_request(
        application=w.application,
        actor=w.person,
        organisation=w.organisation,
        contact_email=payload("startups.recommendation.contact_email"),
    )
    w.recommendation = Recommendation.objects.get(application=w.application)
    startups.recommendation_respond(
        recommendation=w.recommendation, confirm=True, comment=payload("startups.recommendation.comment")
    )
    startups.application_submit(application=w.application, actor=w.person, consent=True)
    startups.application_transition(
        application=w.application,
        to_status=ApplicationStatus.UNDER_REVIEW,
        actor=w.admin,
        message=payload("startups.statuschange.message"),
    )
    w.assignment = startups.review_assign(application=w.application, reviewer=w.reviewer, assigned_by=w.admin)
    startups.review_declare_interests(assignment=w.assignment, reviewer=w.reviewer, has_conflict=False)
    startups.review_score(
        assignment=w.assignment,
        reviewer=w.reviewer,
        scores={c.pk: (4, payload("startups.score.comment")) for c in w.call.criteria.all()},
    )

    motivation = payload("training.registration.motivation")
    w.registration = training.registration_create(
        session=w.session,
        person=w.person,
        situation=Situation.JOB_SEEKER_REGISTERED,
        motivation=motivation,
        consent=True,
    )
    training.registration_create(  # waitlisted
        session=w.session, person=w.person_en, situation=Situation.OTHER, motivation=motivation, consent=True
    )
    w.session.refresh_from_db()
    w.session.capacity = 2  # the waitlisted person is promoted
    w.session.remote_details = payload("training.session.remote_details")
    training.session_save(session=w.session)
    w.session.starts_at += dt.timedelta(minutes=30)  # everyone registered is told
    training.session_save(session=w.session)
    training.reminder_send(registration_id=w.registration.pk)
    day = w.session.days.first()
    training.attendance_record(
        session=w.session, marks={(w.registration.pk, day.pk): True}, completed_ids=[], by=w.admin
    )
    training.registration_create(
        session=w.session_to_cancel, person=w.person_en, situation=Situation.OTHER, motivation=motivation, consent=True
    )
    training.session_cancel(session=w.session_to_cancel)

    cancelled = booking_create(slot=w.slot, person=w.person)
    booking_cancel(booking=cancelled)
    w.booking = booking_create(slot=w.slot, person=w.person)
    booking_create(slot=w.slot_to_block, person=w.person_en)
    slot_block(slot=w.slot_to_block, reason=payload("sports.slot.blocked_reason"), by=w.admin)
    booking_cancel_by_staff(booking=booking_create(slot=w.slot, person=w.person_en))  # one booking, from the admin
    reminder_send(booking_id=w.booking.pk)
    held = booking_create(slot=w.slot_full, person=w.person_en)
    waitlist_join(slot=w.slot_full, person=w.person)
    booking_cancel(booking=held)  # the place goes to the first in line, who is told
    waitlist_join(slot=w.slot_full, person=w.person_en)  # and one who still waits ("Mes réservations")
    w.feed_token = calendar_feed_issue(person=w.person)

    from initiatives import services as initiatives

    initiatives.place_report_create(
        place=w.place, topic="horaires", message=payload("initiatives.placereport.message"), language="en"
    )
    initiatives.place_update_reminders_send(today=timezone.localdate() + dt.timedelta(days=400))  # staff dated it today

    from awards import services as awards

    awards.nomination_propose(
        category=w.award_open,
        email="proposant@example.org",
        language="fr",
        name=payload("awards.nomination.name")[:150],
        description=payload("awards.nomination.description"),
        repository_url="https://framagit.org/exemple/projet",
        licence="MIT",
        organisation=payload("awards.nomination.organisation"),
    )
    awards.vote_request(category=w.award_vote, nomination=w.nomination, email="votant@example.org", language="en")
    awards.juror_add(edition=w.award_open.edition, user=w.person_en, by=w.admin)

    from commitments import services as commitments

    commitments.update_propose(
        commitment=w.commitment,
        contact=w.contact,
        progress=30,
        summary=payload("commitments.progressupdate.summary"),
        evidence_url="https://example.org/preuve",
        by=w.admin,
    )
    question = commitments.question_submit(
        commitment=w.commitment, text=payload("commitments.question.text"), email="q@example.org", language="en"
    )
    commitments.question_answer(question=question, by=w.admin, answer=payload("commitments.question.answer"))

    from portal.services import accessibility_report_create

    accessibility_report_create(  # the staff's email quotes what was typed
        description=payload("portal.accessibilityreport.description"),
        page_url=payload("portal.accessibilityreport.page_url"),
        name=payload("portal.accessibilityreport.name"),
        email="signalement@example.org",
        language="fr",
    )
    subscription_request(
        email="nouvelle@example.org", language="fr", cities=[w.city], categories=[w.initiative.category]
    )
    digest_send(until=timezone.now() + dt.timedelta(seconds=1))

    type(w.dormant).objects.filter(pk=w.dormant.pk).update(
        last_login=timezone.now() - dt.timedelta(days=settings.ACCOUNT_INACTIVITY_DAYS)
    )
    apply_retention()

    # allauth's own message, and a failed login (its counters keep keyed digests: nothing typed is stored).
    client.logout()
    email = type(w.person).objects.get(pk=w.person.pk).email  # the address the admin gave them
    client.post(reverse("account_reset_password"), {"email": email})
    # allauth's other emails, each a kind of its own in the outbox: a reset for an address without account, a
    # sign-up with an address already used, a new sign-up, an address added to an account, and any other
    # allauth email (rendered by allauth's templates into accounts.allauth_message).
    client.post(reverse("account_reset_password"), {"email": "sans-compte@example.org"})
    new_password = "un-mot-de-passe-assez-long-2026"
    from tests.factories import UserFactory

    taken = UserFactory(email="deja-inscrite@example.org").email
    client.post(reverse("account_signup"), {"email": taken, "password1": new_password, "password2": new_password})
    client.post(
        reverse("account_signup"),
        {"email": "inscription@example.org", "password1": new_password, "password2": new_password},
    )
    client.logout()
    client.force_login(w.person_en)  # (allauth refuses a new address on an account with a second factor)
    client.post(reverse("account_email"), {"email": "autre-adresse@example.org", "action_add": ""})
    client.logout()
    from allauth.account.adapter import get_adapter

    get_adapter().send_mail("account/email/password_changed", email, {"user": w.person})
    client.post(reverse("account_login"), {"login": w.person.email, "password": "x"})
    # The 10th failure warns the owner (under the address the admin gave them); a second factor that appears
    # is announced to its owner.
    for n in range(10):
        client.post(reverse("account_login"), {"login": email, "password": "x"}, REMOTE_ADDR=f"192.0.2.{n}")
    from allauth.mfa.models import Authenticator
    from allauth.mfa.signals import authenticator_added

    totp = Authenticator.objects.get(user=w.person, type=Authenticator.Type.TOTP)
    authenticator_added.send(sender=Authenticator, request=None, user=w.person, authenticator=totp)


def email_kinds() -> set[str]:
    """Every kind notify() can send: one per notifications/email/<app>/<kind>.subject.txt template."""
    kinds = set()
    for path in BASE_DIR.glob("*/templates/notifications/email/*/*.subject.txt"):
        kinds.add(f"{path.parent.name}.{path.name.removesuffix('.subject.txt')}")
    return kinds


# --- step 3: every page --------------------------------------------------------------------------------

ANONYMOUS, ANONYMOUS_EN = "anonymous", "anonymous_en"
PERSON, PERSON_EN, REVIEWER, ADMIN = "person", "person_en", "reviewer", "admin"
PUBLIC = (ANONYMOUS, ANONYMOUS_EN, PERSON_EN)


def page_table(w: World) -> dict[str, tuple]:
    """URL name -> (kwargs, query string, who looks, expected status). Every non-admin URL is listed here
    or in NOT_PAGES: a new one makes the test fail until it says who sees it."""
    from alerts.services import unsubscribe_token
    from awards.services import nomination_token, vote_token
    from commitments.services import update_token
    from startups.services import recommendation_token
    from startups.steps import steps_for

    slug = {
        "portal:detail": w.partnership.slug,
        "initiatives:detail": w.initiative.slug,
        "places:detail": w.place.slug,
        "places:print": w.place.slug,
        "places:report": w.place.slug,
        "places:report_sent": w.place.slug,
        "sports:resource": w.resource.slug,
        "startups:call_detail": w.call.slug,
        "training:programme_detail": w.session.programme.slug,
    }
    pages = {name: ({"slug": value}, "", PUBLIC, 200) for name, value in slug.items()}
    for name in (
        "portal:home",
        "portal:list",
        "portal:compare",
        "portal:open_data",
        "portal:privacy",
        "portal:legal",
        "portal:accessibility",
        "portal:accessibility_report",
        "portal:accessibility_report_sent",
        "initiatives:list",
        "places:list",
        "places:open_data",
        "sports:index",
        "startups:call_list",
        "training:programme_list",
        "alerts:subscribe",
        "alerts:requested",
        "opendata:places_csv",
        "opendata:places_json",
        "opendata:initiatives_csv",
        "opendata:initiatives_json",
        "partnership_data:figures_csv",
        "partnership_data:figures_json",
        "api:api-root",
        "api:openapi-json",
        "api:openapi-view",
        "api:partnerships",
        "api:commitments",
        "api:initiatives",
        "api:places",
        "api:places_geojson",
        "api:training_sessions",
        "api:calls",
        "awards:index",
        "commitments_data:updates_csv",
        "commitments_data:updates_excel",
        "commitments_data:updates_json",
        "commitments_data:updates_schema",
        "commitments_data:questions_csv",
        "commitments_data:questions_excel",
        "commitments_data:questions_json",
        "commitments_data:questions_schema",
        "awards_data:nominations_csv",
        "awards_data:nominations_excel",
        "awards_data:laureates_excel",
        "awards_data:nominations_json",
        "awards_data:nominations_schema",
        "awards_data:laureates_csv",
        "awards_data:laureates_json",
        "awards_data:laureates_schema",
        "opendata:places_excel",
        "opendata:places_schema",
        "opendata:initiatives_excel",
        "opendata:initiatives_schema",
        "partnership_data:figures_excel",
        "partnership_data:figures_schema",
        "partnership_data:commitments_csv",
        "partnership_data:commitments_excel",
        "partnership_data:commitments_json",
        "partnership_data:commitments_schema",
        "partnership_data:scorecard_csv",
        "partnership_data:scorecard_excel",
        "partnership_data:scorecard_json",
        "partnership_data:scorecard_schema",
        "partnership_data:procurement_csv",
        "partnership_data:procurement_excel",
        "partnership_data:procurement_json",
        "partnership_data:procurement_schema",
        "portal_data:catalogue",
    ):
        pages[name] = ({}, "", PUBLIC, 200)
    for name in ("account_login", "account_signup", "account_reset_password"):
        pages[name] = ({}, "", (ANONYMOUS, ANONYMOUS_EN), 200)
    for name in (
        "accounts:profile",
        "accounts:my_data",
        "accounts:my_data_download",
        "accounts:calendar",
        "portal:my_space",
        "sports:my_bookings",
        "startups:my_applications",
        "training:my_registrations",
        "account_email",
        "account_change_password",
        "mfa_index",
    ):
        pages[name] = ({}, "", (PERSON, PERSON_EN), 200)
    pages.update(
        {
            "training:session_detail": ({"pk": w.session.pk}, "", (*PUBLIC, PERSON), 200),
            "training:session_ics": ({"pk": w.session.pk}, "", (ANONYMOUS, ANONYMOUS_EN), 200),
            "training:session_register": ({"pk": w.session.pk}, "", (REVIEWER,), 200),  # not registered yet
            "training:registration_cancel": ({"pk": w.registration.pk}, "", (PERSON,), 200),
            "startups:application_detail": ({"pk": w.application.pk}, "", (PERSON,), 200),
            "startups:application_start": ({"slug": w.other_call.slug}, "", (REVIEWER,), 200),  # no draft there
            "startups:application_withdraw": ({"pk": w.application.pk}, "", (PERSON,), 200),
            "startups:recommendation_respond": (
                {"token": recommendation_token(w.recommendation)},
                "",
                (ANONYMOUS, ANONYMOUS_EN),
                200,
            ),
            "startups:review_list": ({}, "", (REVIEWER,), 200),
            "mfa_list_webauthn": ({}, "", (PERSON,), 200),  # a key's name: tests/accounts/test_second_factor.py
            "accounts:second_factor_required": ({}, "", (ADMIN,), 200),  # a superuser without a second factor
            "startups:review_detail": ({"pk": w.assignment.pk}, "", (REVIEWER,), 200),
            "alerts:unsubscribe": ({"token": unsubscribe_token(w.subscription)}, "", PUBLIC, 200),
            "alerts_legacy:unsubscribe": ({"token": unsubscribe_token(w.subscription)}, "", PUBLIC, 200),
            "sports:booking": ({"pk": w.booking.pk}, "", (PERSON,), 200),
            "sports:booking_ics": ({"pk": w.booking.pk}, "", (PERSON,), 200),
            "calendar_feed:ics": ({"token": w.feed_token}, "", (ANONYMOUS,), 200),
            "sports:staff_day": ({}, f"?day={timezone.localtime(w.slot.starts_at).date()}", (ADMIN,), 200),
            "training:staff_attendance": ({"pk": w.session.pk}, "", (ADMIN,), 200),
            "training:staff_participants_csv": ({"pk": w.session.pk}, "", (ADMIN,), 200),
        }
    )
    vote, closed, opened = w.award_vote.edition, w.award_closed.edition, w.award_open.edition
    pending = w.nomination.__class__.objects.filter(category=w.award_open).first()
    pages.update(
        {
            "awards:edition": ({"slug": vote.slug}, "", PUBLIC, 200),
            "awards:laureates": ({"slug": closed.slug}, "", PUBLIC, 200),
            "awards:nominate": ({"slug": opened.slug}, "", PUBLIC, 200),
            "awards:nomination_sent": ({"slug": opened.slug}, "", PUBLIC, 200),
            "awards:nomination_confirm": ({"token": nomination_token(pending)}, "", PUBLIC, 200),
            "awards:vote": ({"slug": vote.slug, "category": w.award_vote.slug}, "", PUBLIC, 200),
            "awards:vote_confirm": (
                {"token": vote_token(nomination=w.nomination, digest="b" * 64)},
                "",
                (ANONYMOUS, ANONYMOUS_EN),
                200,
            ),
            "awards:jury": ({"slug": vote.slug}, "", (REVIEWER,), 200),
            "commitments:question": ({"pk": w.commitment.pk}, "", PUBLIC, 200),
            "commitments:question_sent": ({"pk": w.commitment.pk}, "", PUBLIC, 200),
            "commitments:attest": ({"token": update_token(w.update_proposed)}, "", (ANONYMOUS, ANONYMOUS_EN), 200),
            "awards:jury_declaration": ({"slug": vote.slug}, "", (PERSON,), 200),
            "awards:jury_nomination": ({"slug": vote.slug, "pk": w.scored.pk}, "", (REVIEWER,), 200),
        }
    )
    for step in steps_for(w.draft.call):
        pages[f"startups:application_step/{step.slug}"] = ({"pk": w.draft.pk, "step": step.slug}, "", (PERSON,), 200)
    return pages


NOT_PAGES = {
    "partnership_data:agreement_pdf": "the agreement's PDF as staff sent it, checked by content (partnership.validators)",
    "healthz": "a plain-text probe",
    "api:not_found": "the API's fixed JSON answer to an address it does not know",
    "readyz": "a plain-text probe",
    "set_language": "POST only: redirects",
    "account_logout": "a button, no content",
    "account_inactive": "allauth's fixed text",
    "account_reauthenticate": "allauth's fixed form",
    "account_email_verification_sent": "allauth's fixed text",
    "account_set_password": "redirects when a password is set",
    "account_confirm_login_code": "login by code is off",
    "account_confirm_email": "needs a key; shows the address (covered by the account_email page)",
    "account_reset_password_done": "allauth's fixed text",
    "account_reset_password_from_key": "needs a key; allauth's fixed form",
    "account_reset_password_from_key_done": "allauth's fixed text",
    "alerts:confirm": "a signed link; shows a fixed button",
    "alerts:stop": "POST only: redirects to the profile (covered)",
    "alerts_legacy:confirm": "the former address of alerts:confirm, same view",
    "alerts_legacy:subscribe": "the former address: redirects to alerts:subscribe",
    "alerts_legacy:requested": "the former address: redirects to alerts:requested",
    "alerts_legacy:stop": "the former address: redirects to alerts:stop",
    "sports:book": "POST only: redirects to Mes réservations (covered)",
    "sports:cancel": "POST only: redirects to Mes réservations (covered)",
    "sports:waitlist_join": "POST only: redirects to Mes réservations (covered)",
    "sports:waitlist_leave": "POST only: redirects to Mes réservations (covered)",
    "sports:staff_check_in": "POST only: posted below, its redirect is scanned",
    "sports:staff_block": "POST only: redirects to the staff day (covered)",
    "sports:staff_unblock": "POST only: redirects to the staff day (covered)",
    "startups:pitch_deck": "the applicant's PDF, served as an attachment",
    "commitments:evidence": "the evidence PDF, served as a file (tests/commitments)",
    "mfa_authenticate": "a login stage (between password and code): allauth's fixed form",
    "mfa_reauthenticate": "a fixed form (a code)",
    "mfa_reauthenticate_webauthn": "a fixed form (a security key)",
    "mfa_activate_totp": "asks for the password again first; then a new secret and its QR code",
    "mfa_deactivate_totp": "asks for the password again first; a fixed confirmation",
    "mfa_add_webauthn": "asks for the password again first; a fixed form",
    "mfa_edit_webauthn": "asks for the password again first; the key's name in a form field",
    "mfa_remove_webauthn": "asks for the password again first; names the key (tests/accounts)",
    "mfa_view_recovery_codes": "asks for the password again first; digits only",
    "mfa_generate_recovery_codes": "asks for the password again first; a fixed confirmation",
    "mfa_download_recovery_codes": "a text file of digits",
}


def url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern.url_patterns, ":".join(filter(None, (namespace, pattern.namespace))))
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def admin_urls(w: World) -> list[str]:
    """Every URL of every registered model's admin, for its first row (and that row's first past version)."""
    urls = [reverse("admin:index")]
    targets = admin_targets(w)
    for model, model_admin in admin.site._registry.items():
        urls.append(reverse("admin:app_list", args=[model._meta.app_label]))
        row = targets.get(model._meta.label_lower) or model._default_manager.order_by("pk").first()
        history = getattr(row, "history", None) if row is not None else None
        version = history.order_by("-history_id").first() if history is not None else None
        values = {
            "object_id": row and str(row.pk),
            "id": row and str(row.pk),
            "history_id": version and str(version.history_id),
        }
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern) or not pattern.name or pattern.name.endswith("_autocomplete"):
                continue
            regex = pattern.pattern.regex
            names = list(getattr(pattern.pattern, "converters", {}) or regex.groupindex)
            if not names and regex.groups:  # simple-history's positional (object id, history id)
                names = ["object_id", "history_id"][: regex.groups]
            if any(values[name] is None for name in names):
                continue
            arguments = [values[name] for name in names]
            if regex.groupindex or getattr(pattern.pattern, "converters", None):
                urls.append(reverse(f"admin:{pattern.name}", kwargs=dict(zip(names, arguments, strict=True))))
            else:
                urls.append(reverse(f"admin:{pattern.name}", args=arguments))
    return sorted(set(urls))


# Actions left out, and why.
ACTIONS_NOT_RUN: set[str] = set()


def run_every_admin_action(client, w: World, findings: Findings) -> list[str]:
    """Each bulk action of each admin on one row: its intermediate page (delete, reject with a reason) or
    the page it leads to, with its message, is scanned."""
    wrong = []
    client.force_login(w.admin)
    request = client.get(reverse("admin:index")).wsgi_request
    targets = admin_targets(w)
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower):
        row = targets.get(model._meta.label_lower) or model._default_manager.order_by("pk").first()
        if row is None:
            continue
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for action in sorted(set(model_admin.get_actions(request)) - ACTIONS_NOT_RUN):
            response = client.post(changelist, {"action": action, "_selected_action": [row.pk]}, follow=True)
            if response.status_code >= 500:
                wrong.append(f"action {action} on {changelist}: {response.status_code}")
            elif "html" in response.get("Content-Type", ""):
                findings.scan(f"action {action} on {changelist}", response.content.decode())
    return wrong


# Pages that show a value escaped twice (the person reads "&lt;"), which is no hole: they are Django's own.
ESCAPED_TWICE_BY_DJANGO = {
    # UserAdmin.user_change_password puts escape(username) in a title its template escapes again.
    "auth_user_password_change",  # (named so whatever the user model)
}


def render(client, findings: Findings, user, url: str):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig", errors="replace")
    findings.scan(
        url,
        text,
        html="html" in response.get("Content-Type", ""),
        escaped_twice_ok=resolve(urlsplit(url).path).url_name in ESCAPED_TWICE_BY_DJANGO,
    )
    return response.status_code, text


def reflected(url: str, html: str, seeding: Seeding) -> str | None:
    """The page again, its search and filter fields (and `page`) in the URL holding hostile values."""
    names = search_form_names(html)
    if not names:
        return None
    path = urlsplit(url).path
    query = {name: payloads(seeding.number_for(f"?{name}= on {path}"))[0] for name in sorted(names | {"page"})}
    return f"{path}?{urlencode(query)}"


# Text fields no page, admin page or email shows, and why (beside the rules of never_shown()).
NEVER_SHOWN: dict[str, str] = {}


def never_shown() -> set[str]:
    """NEVER_SHOWN, the original column of each translated field (modeltranslation reads and writes the
    language columns: `title_fr`, `title_en`), and the history of models that have no admin page (the
    rows of an inline: criteria, signatories...): it is kept for audit and erasure, no page reads it."""
    from modeltranslation.translator import translator

    keys = set(NEVER_SHOWN)
    for model in translator.get_registered_models():
        for name in translator.get_options_for_model(model).all_fields:
            keys.add(f"{model._meta.label_lower}.{name}")
            keys.add(f"{model._meta.app_label}.historical{model._meta.model_name}.{name}")
    for model in apps.get_models():
        original = getattr(model, "instance_type", None)  # simple-history's historical models
        if original is not None and original not in admin.site._registry:
            keys.update(f"{model._meta.label_lower}.{f.name}" for f in model._meta.concrete_fields)
    return keys


# --- the test ------------------------------------------------------------------------------------------------


def test_a_payload_in_every_text_field_is_escaped_on_every_page_and_in_every_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    client.raise_request_exception = False  # a page that fails answers 500 and is reported with the others
    w = build_world()
    seeding = Seeding()
    findings = Findings()

    seed_through_admin(client, w, seeding, findings)  # (its after-commit work, e.g. generating slots, is left out)
    seeding.write_rows()  # what the admin does not edit (the applicant's answers, the outbox...)

    def payload(key: str) -> str:
        app_model, name = key.rsplit(".", 1)
        model = apps.get_model(app_model)
        return accepted_payload(model._meta.get_field(name), seeding.number(model, name))

    with django_capture_on_commit_callbacks(execute=True):
        send_every_email(client, w, payload)
    seeding.write_rows()  # the rows the services have just created
    missing = seeding.missing()
    assert missing == [], "text fields without a hostile value:\n" + "\n".join(missing)

    users = {
        ANONYMOUS: None,
        ANONYMOUS_EN: None,
        PERSON: w.person,
        PERSON_EN: w.person_en,
        REVIEWER: w.reviewer,
        ADMIN: w.admin,
    }
    pages = page_table(w)
    listed = {name.split("/")[0] for name in pages}
    assert url_names() - listed - set(NOT_PAGES) == set(), "pages nobody looks at: add them to page_table"
    wrong = []
    for name, (kwargs, query, who, status) in pages.items():
        for role in who:
            with translation.override("en" if role in (ANONYMOUS_EN, PERSON_EN) else "fr"):
                url = reverse(name.split("/")[0], kwargs=kwargs) + query
            got, html = render(client, findings, users[role], url)
            if got != status:
                wrong.append(f"{url} as {role}: {got}")
            search = reflected(url, html, seeding) if got == 200 and role == who[0] else None
            if search and render(client, findings, users[role], search)[0] != 200:
                wrong.append(f"{search} as {role}: {got}")
    for url in admin_urls(w):
        got, html = render(client, findings, w.admin, url)
        if got >= 400 and got != 403:
            wrong.append(f"{url} as admin: {got}")
        search = reflected(url, html, seeding) if got == 200 else None
        if search and render(client, findings, w.admin, search)[0] >= 400:
            wrong.append(f"{search} as admin: {got}")
        name = resolve(urlsplit(url).path).url_name
        if name.endswith(("_changelist", "_change", "_history", "index")):
            got, _html = render(client, findings, w.agent, url)  # a city's agent: read-only fields, scoped lists
            if got >= 400 and got not in (403, 404):
                wrong.append(f"{url} as a city agent: {got}")
    client.force_login(w.admin)
    response = client.post(reverse("sports:staff_check_in", kwargs={"pk": w.booking.pk}), follow=True)
    findings.scan("the staff check-in and its message", response.content.decode())
    wrong += run_every_admin_action(client, w, findings)  # last: they cancel, block, delete...

    for message in mailoutbox:
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                findings.scan(f"email « {message.subject} » to {message.to}", content)
        findings.scan(f"email « {message.subject} »", message.subject + message.body, html=False)
    sent_kinds = set(Notification.objects.filter(status=Notification.Status.SENT).values_list("kind", flat=True))
    unsent = [f"no {kind} email was sent: add it to send_every_email" for kind in sorted(email_kinds() - sent_kinds)]
    unseen = [
        f"{key} (alert({seeding.numbers[key]})) is shown nowhere"
        for key in sorted(seeding.through_admin | seeding.through_rows)
        if seeding.numbers[key] not in findings.seen and key not in never_shown()
    ]
    problems = [*wrong, *findings.report(seeding), *unsent, *unseen]
    assert problems == [], "\n".join(problems)


# --- the reviewer's scoring form ------------------------------------------------------------------------------


def test_a_criterion_is_shown_on_the_scoring_form_as_typed_never_as_markup_or_template_code():
    from crispy_forms.utils import render_crispy_form

    from startups.forms import ScoreForm
    from tests.startups.factories import CriterionFactory

    criterion = CriterionFactory(name="{{ form }}<b>Équipe</b>", description="<i>Qui</i> {% debug %}", weight=2)
    html = render_crispy_form(ScoreForm(criteria=[criterion]))
    assert "<legend>{{ form }}&lt;b&gt;Équipe&lt;/b&gt; (×2)</legend>" in html
    assert "&lt;i&gt;Qui&lt;/i&gt; {% debug %}</div>" in html


# --- spreadsheets ------------------------------------------------------------------------------------------


def test_no_csv_export_lets_a_spreadsheet_run_a_formula_typed_into_a_text_field(client):
    """Every CSV the portal serves (open data, staff exports, admin export actions) with a formula in every
    text field: each such cell reaches the file as text (prefixed with an apostrophe)."""
    import csv
    import io

    from tests.training.factories import RegistrationFactory

    w = build_world()
    RegistrationFactory(session=w.session, person=w.person)
    seeding = Seeding(make=formulas)
    seeding.write_rows()
    client.force_login(w.admin)

    downloads = {}
    csv_pages = {"training:staff_participants_csv": {"pk": w.session.pk}}
    for name in sorted(n for n in url_names() if n.endswith("csv")):
        downloads[name] = client.get(reverse(name, kwargs=csv_pages.get(name, {})))
    for model, model_admin in admin.site._registry.items():
        for action in model_admin.actions or []:
            if not str(action).startswith("export"):
                continue
            changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            rows = list(model._default_manager.values_list("pk", flat=True)[:1])
            downloads[f"{model._meta.label_lower}:{action}"] = client.post(
                changelist, {"action": action, "_selected_action": rows}
            )
    problems = []
    for name, response in downloads.items():
        assert response.status_code == 200, name
        assert "csv" in response["Content-Type"], name
        text = response.content.decode("utf-8-sig")
        delimiter = ";" if ";" in text.splitlines()[0] else ","  # Excel's French files, or the open data
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row if "alert(" in cell]
        if not cells:
            problems.append(f"{name}: no text field of the export holds a formula: is the test still valid?")
        problems += [f"{name}: {cell!r} would run as a formula" for cell in cells if not cell.startswith("'")]
    assert len(downloads) >= 6
    assert problems == [], "\n".join(problems)
