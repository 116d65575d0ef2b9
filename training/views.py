from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.forms import add_service_errors
from common.ics import ics_response
from partnership.scoping import may_act_for_city

from . import selectors, services
from .constants import RegistrationStatus
from .exports import participants_csv
from .filters import ProgrammeFilter
from .forms import AttendanceForm, RegistrationForm
from .ics import session_ics
from .models import Registration, Session

PAGE_SIZE = 12


def programme_list(request: HttpRequest) -> HttpResponse:
    filterset = ProgrammeFilter(request.GET or None, queryset=selectors.programme_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "training/programme_list.html",
        {"filter": filterset, "page_obj": page, "query_without_page": query.urlencode()},
    )


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(selectors.programme_detail_queryset(), slug=slug)
    return render(request, "training/programme_detail.html", {"programme": programme})


def _public_session(pk: int) -> Session:
    return get_object_or_404(selectors.public_sessions().prefetch_related("days"), pk=pk)


def _my_registration(request: HttpRequest, session: Session) -> Registration | None:
    if not request.user.is_authenticated:
        return None
    return (
        selectors.my_registrations(request.user)
        .filter(session=session)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _public_session(pk)
    return render(
        request,
        "training/session_detail.html",
        {"session": session, "programme": session.programme, "registration": _my_registration(request, session)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_register(request: HttpRequest, pk: int) -> HttpResponse:
    session = _public_session(pk)
    existing = _my_registration(request, session)
    if existing is not None and request.method == "GET":
        messages.info(request, _("Vous êtes déjà inscrit·e à cette session."))
        return redirect("training:my_registrations")
    form = RegistrationForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(session=session, person=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request, _("Votre inscription est confirmée. Un courriel de confirmation vous a été envoyé.")
                )
            else:
                messages.info(
                    request,
                    _("La session est complète : vous êtes en liste d'attente, en position %(position)s.")
                    % {"position": services.waitlist_position(registration)},
                )
            return redirect("training:my_registrations")
    return render(
        request,
        "training/session_register.html",
        {
            "session": session,
            "programme": session.programme,
            "form": form,
            "registration_open": session.registration_is_open(),
        },
    )


def session_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    session = _public_session(pk)
    return ics_response(session_ics(session), filename=f"formation-session-{session.pk}.ics")


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    return render(
        request, "training/my_registrations.html", {"registrations": selectors.my_registrations(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    # Someone else's registration is a 404: it does not reveal that the number exists.
    registration = get_object_or_404(
        Registration.objects.select_related("session__programme", "session__place"), pk=pk, person=request.user
    )
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Votre inscription est annulée."))
        return redirect("training:my_registrations")
    return render(request, "training/registration_cancel.html", {"registration": registration})


# --- staff -------------------------------------------------------------------------------------------


def _staff_session(request: HttpRequest, pk: int, permission: str) -> Session:
    """A session of the person's cities (another city's answers 404), for staff holding `permission` (403)."""
    if not may_act_for_city(request.user, perm=permission):
        raise PermissionDenied
    try:
        return selectors.session_queryset().for_staff(request.user).prefetch_related("days").get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None


@staff_member_required
@require_http_methods(["GET", "POST"])
def staff_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _staff_session(request, pk, "training.change_attendance")
    participants = list(selectors.session_participants(session))
    week = selectors.attendance_week(session, wanted=request.GET.get("semaine"))
    form = AttendanceForm(
        request.POST or None,
        registrations=participants,
        days=week.days,
        attendance=selectors.session_attendance(session),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                session=session, marks=form.marks(), completed_ids=form.completed_ids(), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Les présences sont enregistrées."))
            return redirect(f"{request.path}?semaine={week.monday.isoformat()}")
    return render(
        request,
        "training/staff_attendance.html",
        {"session": session, "programme": session.programme, "form": form, "participants": participants, "week": week},
    )


@staff_member_required
def staff_participants_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = _staff_session(request, pk, "training.view_registration")
    response = HttpResponse(participants_csv(session), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-session-{session.pk}.csv"'
    return response
