"""Every write with a rule: registrations, cancellations, promotions, staff changes, reminders, attendance.

Capacity: each service that gives or frees a seat first locks the session row
(`select_for_update()`), so the seat count it reads cannot change until it commits. The database is
the second guard: a confirmed registration holds a seat number in 1..capacity, unique per session
(`one_person_per_seat`). Without the lock, two simultaneous requests would both read "seat 3 is
free"; the unique constraint then rejects the second insert (an error, not an overbooking).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import format_datetime

from . import notifications
from .constants import REMINDER_HOURS_BEFORE, RegistrationStatus, SessionStatus
from .models import Attendance, Registration, Session, SessionDay

SCHEDULE_FIELDS = ("starts_at", "ends_at", "place_id", "is_remote", "remote_details_fr", "remote_details_en")
DEFAULT_DAY_START = dt.time(9, 0)
DEFAULT_DAY_END = dt.time(17, 0)


# --- seats -------------------------------------------------------------------------------------------


def _lock_session(pk: int) -> Session:
    return Session.objects.select_for_update().get(pk=pk)


def _taken_seats(session: Session) -> set[int]:
    return set(
        Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED).values_list(
            "seat_number", flat=True
        )
    )


def _free_seats(session: Session) -> list[int]:
    taken = _taken_seats(session)
    return [seat for seat in range(1, session.capacity + 1) if seat not in taken]


def _refresh_status(session: Session) -> None:
    """Open while seats remain, full when none do; cancelled and finished sessions keep their status."""
    if session.status not in (SessionStatus.OPEN, SessionStatus.FULL):
        return
    status = SessionStatus.OPEN if _free_seats(session) else SessionStatus.FULL
    if status != session.status:
        session.status = status
        session.save(update_fields=["status", "updated_at"])


# --- registration ------------------------------------------------------------------------------------


@transaction.atomic
def registration_create(
    *,
    session: Session,
    person,
    situation: str,
    motivation: str,
    consent: bool,
    france_travail_id: str = "",
) -> Registration:
    """Confirm `person` while seats remain, waitlist them after; raise ValidationError with a clear message."""
    locked = _lock_session(session.pk)
    return _register(
        session=locked,
        person=person,
        situation=situation,
        motivation=motivation,
        consent=consent,
        france_travail_id=france_travail_id,
    )


def _register(
    *, session: Session, person, situation: str, motivation: str, consent: bool, france_travail_id: str = ""
) -> Registration:
    """The registration rule itself. Callers must hold the session lock (registration_create does)."""
    now = timezone.now()
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(
            _("Cette session a été annulée : il n'est plus possible de s'y inscrire."), code="cancelled"
        )
    if session.status == SessionStatus.FINISHED or session.has_started(now):
        raise ValidationError(
            _("Cette session a déjà commencé : il n'est plus possible de s'y inscrire."), code="started"
        )
    if now > session.registration_deadline:
        deadline = format_datetime(session.registration_deadline)
        raise ValidationError(
            _("La date limite d'inscription (%(deadline)s) est passée.") % {"deadline": deadline}, code="deadline"
        )
    if not consent:
        raise ValidationError({"consent": _("Votre accord est nécessaire pour traiter votre inscription.")})
    if (
        Registration.objects.filter(session=session, person=person)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError(_("Vous êtes déjà inscrit·e à cette session."), code="duplicate")

    free = _free_seats(session)
    seat = free[0] if free else None
    registration = Registration(
        session=session,
        person=person,
        status=RegistrationStatus.CONFIRMED if seat else RegistrationStatus.WAITLISTED,
        seat_number=seat,
        situation=situation,
        motivation=motivation,
        consent=consent,
        france_travail_id=france_travail_id,
        queued_at=now,
        confirmed_at=now if seat else None,
    )
    registration.full_clean()
    registration.save()
    _refresh_status(session)
    if seat:
        notifications.registration_confirmed(registration)
    else:
        notifications.registration_waitlisted(registration, position=waitlist_position(registration))
    return registration


def waitlist_position(registration: Registration) -> int | None:
    """1 for the next person to be promoted; None unless waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk),
        session_id=registration.session_id,
        status=RegistrationStatus.WAITLISTED,
    )
    return ahead.count() + 1


@transaction.atomic
def registration_cancel(*, registration: Registration, by=None) -> Registration:
    """Cancel a registration; a freed seat goes to the first person on the waitlist, who is told."""
    session = _lock_session(registration.session_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    now = timezone.now()
    is_staff = bool(by is not None and by.is_staff and by != registration.person)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Cette inscription est déjà annulée."), code="already_cancelled")
    if session.has_started(now) and not is_staff:
        raise ValidationError(
            _("La session a commencé : contactez l'organisme de formation pour vous désinscrire."), code="started"
        )
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.seat_number = None
    registration.completed = False
    registration.cancelled_at = now
    registration.full_clean()
    registration.save()
    if was_confirmed:
        _promote_waitlisted(session, now=now)
    _refresh_status(session)
    return registration


def _promote_waitlisted(session: Session, *, now: dt.datetime) -> list[Registration]:
    """Fill free seats from the waitlist, first come first served. The caller holds the session lock."""
    if session.status in (SessionStatus.CANCELLED, SessionStatus.FINISHED) or session.has_started(now):
        return []
    free = _free_seats(session)
    if not free:
        return []
    queue = list(
        Registration.objects.select_for_update()
        .filter(session=session, status=RegistrationStatus.WAITLISTED)
        .order_by("queued_at", "pk")[: len(free)]
    )
    for seat, registration in zip(free, queue, strict=False):
        registration.status = RegistrationStatus.CONFIRMED
        registration.seat_number = seat
        registration.confirmed_at = now
        registration.was_promoted = True
        registration.full_clean()
        registration.save()
        notifications.registration_promoted(registration)
    return queue


# --- staff changes -----------------------------------------------------------------------------------


def session_capacity_error(*, session: Session, capacity: int | None, confirmed: int | None = None):
    """Why `session` cannot take `capacity` seats (fewer than its confirmed people), or None."""
    if confirmed is None:
        confirmed = len(_taken_seats(session)) if session.pk else 0
    if capacity is not None and capacity < confirmed:
        return ValidationError(
            {
                "capacity": ValidationError(
                    _("%(count)s personnes sont déjà confirmées : la capacité ne peut pas descendre en dessous."),
                    code="capacity_below_confirmed",
                    params={"count": confirmed},
                )
            }
        )
    return None


@transaction.atomic
def session_save(*, session: Session, sync_days: bool = True) -> Session:
    """Create or change a session (admin). Raising capacity promotes waitlisted people; changing dates or
    place tells everyone registered and bumps the calendar version. Status is managed here, not by the form.
    `sync_days=False` lets the admin regenerate the days after its inline formset has saved."""
    if session.pk is None:
        session.status = SessionStatus.OPEN
        session.full_clean()
        session.save()
        if sync_days:
            session_sync_days(session=session)
        return session

    current = _lock_session(session.pk)
    taken = _taken_seats(current)
    error = session_capacity_error(session=current, capacity=session.capacity, confirmed=len(taken))
    if error is not None:
        raise error
    schedule_changed = any(getattr(session, f) != getattr(current, f) for f in SCHEDULE_FIELDS)
    dates_changed = session.starts_at != current.starts_at or session.ends_at != current.ends_at
    session.status = current.status
    session.ics_sequence = current.ics_sequence + (1 if schedule_changed else 0)
    session.full_clean()
    session.save()
    if dates_changed and sync_days:
        session_sync_days(session=session)
    if session.capacity < current.capacity:
        _compact_seats(session)
    now = timezone.now()
    _promote_waitlisted(session, now=now)
    _refresh_status(session)
    if schedule_changed and session.status != SessionStatus.CANCELLED:
        for registration in _active_registrations(session):
            notifications.session_changed(registration)
    return session


def _compact_seats(session: Session) -> None:
    """After lowering capacity, move confirmed people holding seat numbers above it onto free lower seats."""
    free = iter(_free_seats(session))
    above = Registration.objects.filter(
        session=session, status=RegistrationStatus.CONFIRMED, seat_number__gt=session.capacity
    ).order_by("seat_number")
    for registration in above:
        registration.seat_number = next(free)
        registration.save(update_fields=["seat_number", "updated_at"])


def _active_registrations(session: Session) -> Iterable[Registration]:
    return (
        Registration.objects.filter(session=session)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("person")
        .order_by("queued_at", "pk")
    )


@transaction.atomic
def session_cancel(*, session: Session, by=None) -> Session:
    """Cancel a session and tell everyone registered (confirmed and waitlisted)."""
    session = _lock_session(session.pk)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Cette session est déjà annulée."), code="already_cancelled")
    if session.status == SessionStatus.FINISHED:
        raise ValidationError(_("Une session terminée ne peut pas être annulée."), code="finished")
    session.status = SessionStatus.CANCELLED
    session.ics_sequence += 1
    session.save(update_fields=["status", "ics_sequence", "updated_at"])
    for registration in _active_registrations(session):
        notifications.session_cancelled(registration)
    return session


def _easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def french_public_holidays(year: int) -> set[dt.date]:
    """The eleven public holidays of metropolitan France (Alsace-Moselle's two extra days aside)."""
    easter = _easter_sunday(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    return {dt.date(year, month, day) for month, day in fixed} | {
        easter + dt.timedelta(days=offset)
        for offset in (1, 39, 50)  # Easter Monday, Ascension, Whit Monday
    }


def expected_days(session: Session) -> list[tuple[dt.date, dt.time, dt.time]]:
    """The days a session meets (the city's time): its first day, its last day unless a public holiday, and every
    weekday between that is not a public holiday. Staff adjust the days in the admin when it meets otherwise."""
    start, end = session.local_starts_at, session.local_ends_at
    if start.date() == end.date():
        return [(start.date(), start.time(), end.time())]
    start_time, end_time = start.time(), end.time()
    if end_time <= start_time:
        start_time, end_time = DEFAULT_DAY_START, DEFAULT_DAY_END
    holidays = french_public_holidays(start.year) | french_public_holidays(end.year)
    days = []
    day = start.date()
    while day <= end.date():
        chosen = day == start.date() or (day == end.date() and day not in holidays)
        if chosen or (day.weekday() < 5 and day not in holidays):
            days.append((day, start_time, end_time))
        day += dt.timedelta(days=1)
    return days


@transaction.atomic
def session_sync_days(*, session: Session) -> list[SessionDay]:
    """Make the session's days match its dates. Days with attendance already taken are kept."""
    wanted = {day: (start, end) for day, start, end in expected_days(session)}
    for day in SessionDay.objects.filter(session=session):
        if day.date in wanted:
            start, end = wanted.pop(day.date)
            if (day.start_time, day.end_time) != (start, end):
                day.start_time, day.end_time = start, end
                day.full_clean()
                day.save()
        elif not day.attendances.exists():
            day.delete()
    for date, (start, end) in wanted.items():
        day = SessionDay(session=session, date=date, start_time=start, end_time=end)
        day.full_clean()
        day.save()
    return list(session.days.all())


def sessions_mark_finished(*, now: dt.datetime | None = None) -> int:
    """Sessions whose end has passed become finished (they were open or full)."""
    now = now or timezone.now()
    count = 0
    for session in Session.objects.filter(ends_at__lt=now, status__in=[SessionStatus.OPEN, SessionStatus.FULL]):
        session.status = SessionStatus.FINISHED
        session.save(update_fields=["status", "updated_at"])
        count += 1
    return count


# --- reminders ---------------------------------------------------------------------------------------


def reminders_due(*, now: dt.datetime) -> list[int]:
    """Confirmed registrations whose session starts within the next 48 hours and not reminded yet.
    A late run still finds them, as long as the session has not started."""
    return list(
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            session__status__in=[SessionStatus.OPEN, SessionStatus.FULL],
            session__starts_at__gt=now,
            session__starts_at__lte=now + dt.timedelta(hours=REMINDER_HOURS_BEFORE),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def reminder_send(*, registration_id: int, now: dt.datetime | None = None) -> bool:
    """Send one reminder. Exactly once: the row is locked and stamped, and the notification key is per
    registration, so a second run (or two runs at once) sends nothing more. Returns True if sent now."""
    now = now or timezone.now()
    registration = (
        Registration.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk=registration_id, status=RegistrationStatus.CONFIRMED, reminder_sent_at__isnull=True)
        .first()
    )
    if registration is None:
        return False
    registration.reminder_sent_at = now
    registration.save(update_fields=["reminder_sent_at", "updated_at"])
    notifications.reminder(registration)
    return True


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(reminder_send(registration_id=pk, now=now) for pk in reminders_due(now=now))


# --- attendance --------------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *,
    session: Session,
    marks: dict[tuple[int, int], bool | None],
    completed_ids: Iterable[int],
    by=None,
) -> int:
    """Record presence per (registration id, day id): True present, False absent, None not taken.
    `completed_ids` are the confirmed registrations that completed the training. Returns rows changed."""
    session = _lock_session(session.pk)
    registrations = {r.pk: r for r in Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED)}
    days = {d.pk: d for d in session.days.all()}
    existing = {
        (a.registration_id, a.day_id): a for a in Attendance.objects.filter(registration__in=registrations.values())
    }
    changed = 0
    for (registration_id, day_id), present in marks.items():
        if registration_id not in registrations or day_id not in days:
            raise ValidationError(_("Cette présence ne correspond pas à une personne confirmée de la session."))
        attendance = existing.get((registration_id, day_id))
        if present is None:
            if attendance is not None:
                attendance.delete()
                changed += 1
            continue
        if attendance is None:
            attendance = Attendance(registration_id=registration_id, day_id=day_id, present=present, recorded_by=by)
        elif attendance.present == present:
            continue
        attendance.present = present
        attendance.recorded_by = by
        attendance.full_clean()
        attendance.save()
        changed += 1
    completed_ids = set(completed_ids)
    unknown = completed_ids - set(registrations)
    if unknown:
        raise ValidationError(_("Seules les personnes confirmées peuvent avoir achevé la formation."))
    for registration in registrations.values():
        completed = registration.pk in completed_ids
        if registration.completed != completed:
            registration.completed = completed
            registration.save(update_fields=["completed", "updated_at"])
            changed += 1
    return changed
