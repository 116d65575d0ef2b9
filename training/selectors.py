"""Reads: the joins and counts each page needs, in a fixed number of queries whatever the row count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest
from django.utils import timezone

from common.time import city_today

from .constants import RegistrationStatus, SessionStatus
from .models import Attendance, Programme, Registration, Session, SessionDay

ACTIVE_SESSION_STATUSES = [SessionStatus.OPEN, SessionStatus.FULL]
CONFIRMED = Q(registrations__status=RegistrationStatus.CONFIRMED)
WAITLISTED = Q(registrations__status=RegistrationStatus.WAITLISTED)


def session_queryset() -> QuerySet[Session]:
    """Sessions with their programme, city and place, and seat counts (confirmed, waitlist, seats left)."""
    return (
        Session.objects.with_city()
        .select_related("place")
        .annotate(
            confirmed_count=Count("registrations", filter=CONFIRMED),
            waitlist_count=Count("registrations", filter=WAITLISTED),
        )
        .annotate(seats_left=Greatest(F("capacity") - F("confirmed_count"), Value(0)))
    )


def _upcoming_filter(now: dt.datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_at__gt": now, f"{prefix}status__in": ACTIVE_SESSION_STATUSES})


def upcoming_sessions(*, now: dt.datetime | None = None) -> QuerySet[Session]:
    return session_queryset().filter(_upcoming_filter(now or timezone.now())).order_by("starts_at", "pk")


def public_sessions() -> QuerySet[Session]:
    """Sessions of published programmes (any status: a cancelled session's page says it is cancelled)."""
    return session_queryset().filter(programme__is_published=True, programme__initiative__is_published=True)


def programme_list(*, now: dt.datetime | None = None) -> QuerySet[Programme]:
    """Published programmes, soonest next session first, with their upcoming sessions prefetched."""
    now = now or timezone.now()
    return (
        Programme.objects.published()
        .with_city()
        .annotate(next_start=Min("sessions__starts_at", filter=_upcoming_filter(now, "sessions__")))
        .prefetch_related(Prefetch("sessions", queryset=upcoming_sessions(now=now), to_attr="upcoming_sessions"))
        .order_by(F("next_start").asc(nulls_last=True), "title", "pk")
    )


def with_upcoming_session(queryset: QuerySet[Programme], *, now: dt.datetime | None = None) -> QuerySet[Programme]:
    now = now or timezone.now()
    return queryset.filter(Exists(Session.objects.filter(_upcoming_filter(now), programme=OuterRef("pk"))))


def with_seats_left(queryset: QuerySet[Programme], *, now: dt.datetime | None = None) -> QuerySet[Programme]:
    """Programmes with an upcoming session still taking registrations and with a free seat."""
    now = now or timezone.now()
    confirmed = (
        Registration.objects.filter(session=OuterRef("pk"), status=RegistrationStatus.CONFIRMED)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sessions = (
        Session.objects.filter(_upcoming_filter(now), programme=OuterRef("pk"), registration_deadline__gte=now)
        .annotate(confirmed=Coalesce(Subquery(confirmed, output_field=IntegerField()), 0))
        .filter(capacity__gt=F("confirmed"))
    )
    return queryset.filter(Exists(sessions))


def programme_detail_queryset(*, now: dt.datetime | None = None) -> QuerySet[Programme]:
    return programme_list(now=now)


def confirmed_registrations(person, *, ending_after: dt.datetime | None = None) -> QuerySet[Registration]:
    """The person's confirmed seats in sessions ending after `ending_after` (default now), soonest first,
    with what their calendar events need ("Mon espace", the calendar feed)."""
    return (
        Registration.objects.filter(
            person=person,
            status=RegistrationStatus.CONFIRMED,
            session__ends_at__gt=ending_after or timezone.now(),
        )
        .select_related("session__programme", "session__place")
        .prefetch_related("session__days")
        .order_by("session__starts_at", "pk")
    )


def my_registrations(person) -> QuerySet[Registration]:
    """A person's registrations, newest session first, with their waitlist position (None unless waitlisted)."""
    ahead = (
        Registration.objects.filter(session=OuterRef("session"), status=RegistrationStatus.WAITLISTED)
        .filter(Q(queued_at__lt=OuterRef("queued_at")) | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk")))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Registration.objects.filter(person=person)
        .with_city()
        .select_related("session__place")
        .annotate(
            position=Case(
                When(
                    status=RegistrationStatus.WAITLISTED,
                    then=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1,
                ),
                default=None,
                output_field=IntegerField(),
            )
        )
        .order_by("-session__starts_at", "-pk")
    )


def session_participants(session: Session) -> QuerySet[Registration]:
    """Everyone registered to a session, confirmed first (by seat), then the waitlist in order, then cancellations."""
    return (
        Registration.objects.filter(session=session)
        .select_related("person")
        .annotate(
            status_order=Case(
                When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
                When(status=RegistrationStatus.WAITLISTED, then=Value(1)),
                default=Value(2),
            ),
            days_present=Count("attendances", filter=Q(attendances__present=True)),
            days_recorded=Count("attendances"),
        )
        .order_by("status_order", "seat_number", "queued_at", "pk")
    )


@dataclass(frozen=True)
class AttendanceWeek:
    """One week of a session's attendance grid, with its neighbours for navigation."""

    monday: dt.date
    days: list[SessionDay]
    previous: dt.date | None
    following: dt.date | None


def attendance_week(session: Session, *, wanted: str | None = None, today: dt.date | None = None) -> AttendanceWeek:
    """Attendance is taken a week at a time, so that the form of a full session (500 people) stays a few
    thousand fields (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS). The week is `wanted` (any date of it, ISO),
    else the current one when the session meets this week, else the session's first week."""
    weeks: dict[dt.date, list[SessionDay]] = {}
    for day in session.days.all():
        weeks.setdefault(day.date - dt.timedelta(days=day.date.weekday()), []).append(day)
    mondays = sorted(weeks)
    if not mondays:
        return AttendanceWeek(monday=session.local_starts_at.date(), days=[], previous=None, following=None)
    chosen = None
    for candidate in (wanted, (today or city_today()).isoformat()):
        try:
            date = dt.date.fromisoformat(candidate or "")
        except ValueError:
            continue
        monday = date - dt.timedelta(days=date.weekday())
        if monday in weeks:
            chosen = monday
            break
    chosen = chosen or mondays[0]
    index = mondays.index(chosen)
    return AttendanceWeek(
        monday=chosen,
        days=weeks[chosen],
        previous=mondays[index - 1] if index > 0 else None,
        following=mondays[index + 1] if index + 1 < len(mondays) else None,
    )


def session_attendance(session: Session) -> dict[tuple[int, int], bool]:
    return {
        (a.registration_id, a.day_id): a.present
        for a in Attendance.objects.filter(registration__session=session).only("registration_id", "day_id", "present")
    }


def programme_figures(queryset: QuerySet[Programme] | None = None, *, now: dt.datetime | None = None):
    """Per programme, in one query: registrations (confirmed), waitlist, attendance rate (days present /
    days recorded, %) and completion rate (completed / confirmed in sessions that have ended, %)."""
    now = now or timezone.now()
    queryset = Programme.objects.all() if queryset is None else queryset
    registrations = "sessions__registrations"
    ended = Q(sessions__ends_at__lte=now) | Q(sessions__status=SessionStatus.FINISHED)
    confirmed = Q(**{f"{registrations}__status": RegistrationStatus.CONFIRMED}) & ~Q(
        sessions__status=SessionStatus.CANCELLED
    )
    figures = queryset.annotate(
        confirmed_total=Count(registrations, filter=confirmed, distinct=True),
        waitlist_total=Count(
            registrations,
            filter=Q(**{f"{registrations}__status": RegistrationStatus.WAITLISTED})
            & Q(sessions__status__in=ACTIVE_SESSION_STATUSES),
            distinct=True,
        ),
        days_recorded=Count(f"{registrations}__attendances", distinct=True),
        days_present=Count(
            f"{registrations}__attendances", filter=Q(**{f"{registrations}__attendances__present": True}), distinct=True
        ),
        ended_confirmed=Count(registrations, filter=confirmed & ended, distinct=True),
        ended_completed=Count(
            registrations, filter=confirmed & ended & Q(**{f"{registrations}__completed": True}), distinct=True
        ),
    )
    return figures.annotate(
        attendance_rate=Case(
            When(days_recorded=0, then=None),
            default=Cast("days_present", FloatField()) * 100.0 / Cast("days_recorded", FloatField()),
            output_field=FloatField(),
        ),
        completion_rate=Case(
            When(ended_confirmed=0, then=None),
            default=Cast("ended_completed", FloatField()) * 100.0 / Cast("ended_confirmed", FloatField()),
            output_field=FloatField(),
        ),
    )
