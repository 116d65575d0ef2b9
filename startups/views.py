"""Public pages (calls), the applicant's pages, the recommendation link, the reviewer's pages and the file view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.forms import add_service_errors
from common.uploads import safe_file_name, upload_limit, upload_refusal

from . import selectors, services
from .constants import PITCH_DECK_MAX_BYTES, ApplicationStatus, RecommendationStatus
from .forms import (
    STEP_FORMS,
    InterestDeclarationForm,
    PitchDeckForm,
    RecommendationForm,
    RecommendationResponseForm,
    ScoreForm,
    SubmitForm,
    WithdrawForm,
)
from .models import Application, ReviewAssignment
from .permissions import can_view_application, is_reviewer, scoring_refusal
from .steps import (
    COMPANY,
    DOCUMENTS,
    RECOMMENDATION,
    SUBMIT,
    missing_steps,
    next_step,
    progress,
    step_by_slug,
    steps_for,
)

# ---------------------------------------------------------------- calls (public)


def call_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "startups/call_list.html",
        {
            "open_calls": selectors.open_calls(),
            "upcoming_calls": selectors.upcoming_calls(),
            "is_reviewer": is_reviewer(request.user),
        },
    )


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(selectors.call_detail_queryset(), slug=slug)
    mine = []
    if request.user.is_authenticated:
        mine = list(Application.objects.filter(call=call, applicant=request.user).order_by("-created_at"))
    return render(
        request,
        "startups/call_detail.html",
        {
            "call": call,
            "closed_message": None if call.is_open else services.call_closed_message(call),
            "my_applications": mine,
        },
    )


# ---------------------------------------------------------------- the application, section by section


def _step_url(application: Application, slug: str) -> str:
    return reverse("startups:application_step", kwargs={"pk": application.pk, "step": slug})


def _resume_url(application: Application) -> str:
    missing = missing_steps(application)
    return _step_url(application, missing[0].slug if missing else SUBMIT)


def _build_form(request, step, call, application, draft: bool):
    data = request.POST if request.method == "POST" else None
    if step.slug in STEP_FORMS:
        instance = application or Application(call=call, applicant=request.user)
        initial = {}
        if step.slug == "contact" and not instance.contact_email:
            initial = {"contact_email": request.user.email, "contact_name": request.user.get_full_name()}
        return STEP_FORMS[step.slug](data, instance=instance, call=call, draft=draft, initial=initial)
    if step.slug == RECOMMENDATION:
        recommendation = getattr(application, "recommendation", None)
        initial = (
            {"organisation": recommendation.organisation_id, "contact_email": recommendation.contact_email}
            if recommendation
            else {}
        )
        return RecommendationForm(data, call=call, application=application, applicant=request.user, initial=initial)
    if step.slug == DOCUMENTS:
        files = request.FILES if request.method == "POST" else None
        return PitchDeckForm(
            data,
            files,
            draft=draft,
            has_file=bool(application.pitch_deck),
            upload_refusal=upload_refusal(request, "pitch_deck"),
        )
    return SubmitForm(data)


def _save_step(request, step, call, application, form) -> Application:
    user = request.user
    if step.slug in STEP_FORMS:
        data = {name: form.cleaned_data[name] for name in form.fields}
        if application is None:
            return services.application_create(call=call, applicant=user, data=data)
        return services.application_update(application=application, actor=user, data=data)
    if step.slug == RECOMMENDATION:
        services.recommendation_request(application=application, actor=user, **form.cleaned_data)
        messages.success(request, _("La demande de recommandation a été envoyée."))
        return application
    if step.slug == DOCUMENTS:
        if form.cleaned_data.get("pitch_deck"):
            return services.application_attach_pitch_deck(
                application=application, actor=user, upload=form.cleaned_data["pitch_deck"]
            )
        return application
    services.application_submit(application=application, actor=user, consent=form.cleaned_data["consent"])
    return application


def _step_page(request: HttpRequest, call, application: Application | None, step) -> HttpResponse:
    draft = request.POST.get("action") == "draft"
    form = _build_form(request, step, call, application, draft)
    if request.method == "POST" and form.is_valid():
        try:
            application = _save_step(request, step, call, application, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if step.slug == SUBMIT:
                messages.success(
                    request, _("Votre candidature est déposée. Un courriel de confirmation vous a été envoyé.")
                )
                return redirect(application.get_absolute_url())
            if not application.is_draft:
                return redirect(application.get_absolute_url())
            if draft:
                messages.success(
                    request, _("Brouillon enregistré. Vous pourrez le reprendre depuis « Mes candidatures ».")
                )
                return redirect(_step_url(application, step.slug))
            following = next_step(call, step.slug)
            return redirect(_step_url(application, following.slug if following else SUBMIT))
    if request.method == "POST" and form.errors:
        messages.error(request, _("Certaines réponses sont à corriger : voyez les messages à côté des champs."))
    return render(
        request,
        "startups/application_step.html",
        {
            "call": call,
            "application": application,
            "step": step,
            "form": form,
            "progress": progress(call, application, current=step.slug),
            "steps": steps_for(call),
            "missing": missing_steps(application) if application and step.slug == SUBMIT else [],
            "recommendation": getattr(application, "recommendation", None) if application else None,
            "multipart": step.slug == DOCUMENTS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_start(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(selectors.call_list().published(), slug=slug)
    if not call.is_open:
        messages.error(request, services.call_closed_message(call))
        return redirect(call.get_absolute_url())
    draft = Application.objects.filter(call=call, applicant=request.user, status=ApplicationStatus.DRAFT).first()
    if draft is not None:
        return redirect(_resume_url(draft))
    return _step_page(request, call, None, step_by_slug(call, COMPANY))


@upload_limit(PITCH_DECK_MAX_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def application_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.with_city().select_related("call__initiative__category", "recommendation__organisation"),
        pk=pk,
        applicant=request.user,
    )
    current = step_by_slug(application.call, step)
    if current is None:
        raise Http404
    if current.slug == RECOMMENDATION and not application.is_draft and application.can_withdraw:
        # After submission the applicant may still ask another actor (say the first one declined).
        return _step_page(request, application.call, application, current)
    if not application.is_draft:
        messages.info(request, _("Cette candidature a été déposée : elle ne peut plus être modifiée."))
        return redirect(application.get_absolute_url())
    if not application.call.is_open:
        messages.error(request, services.call_closed_message(application.call))
        return redirect(application.get_absolute_url())
    return _step_page(request, application.call, application, current)


# ---------------------------------------------------------------- the applicant's files


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = list(selectors.applications_of(request.user))
    for application in applications:
        application.resume_url = _resume_url(application) if application.is_draft else None
    return render(request, "startups/my_applications.html", {"applications": applications})


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        application = selectors.application_for_applicant(request.user, pk)
    except Application.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "startups/application_detail.html",
        {
            "application": application,
            "resume_url": _resume_url(application) if application.is_draft and application.call.is_open else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.with_city(), pk=pk, applicant=request.user)
    if not application.can_withdraw:
        messages.error(request, _("Cette candidature ne peut plus être retirée."))
        return redirect(application.get_absolute_url())
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_transition(
                application=application,
                to_status=ApplicationStatus.WITHDRAWN,
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Votre candidature est retirée."))
            return redirect(application.get_absolute_url())
    return render(request, "startups/application_withdraw.html", {"application": application, "form": form})


def pitch_deck_download(request: HttpRequest, pk: int) -> FileResponse:
    """The applicant, an assigned reviewer who declared no conflict, or staff of the city; everyone else: 404.

    Always a download of a PDF: never sniffed, never rendered as a page of the site (sandboxed).
    """
    application = Application.objects.select_related("call__initiative__partnership").filter(pk=pk).first()
    if application is None or not application.pitch_deck or not can_view_application(request.user, application):
        raise Http404
    try:
        handle = application.pitch_deck.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_file_name(application.pitch_deck_name, default_stem="presentation"),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- the recommendation link (no login: the link is the key)


@require_http_methods(["GET", "POST"])
def recommendation_respond(request: HttpRequest, token: str) -> HttpResponse:
    try:
        recommendation = services.recommendation_from_token(token)
    except ValidationError as exc:
        expired = exc.code == services.LINK_EXPIRED
        return render(
            request, "startups/recommendation_link_invalid.html", {"expired": expired}, status=410 if expired else 404
        )
    form = RecommendationResponseForm(request.POST or None)
    pending = recommendation.status == RecommendationStatus.PENDING
    if request.method == "POST" and pending and form.is_valid():
        try:
            recommendation = services.recommendation_respond(
                recommendation=recommendation,
                confirm=form.cleaned_data["decision"] == "confirm",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Merci, votre réponse est enregistrée et la start-up en est informée."))
            return redirect(request.path)
    return render(
        request,
        "startups/recommendation_respond.html",
        {"recommendation": recommendation, "application": recommendation.application, "form": form, "pending": pending},
    )


# ---------------------------------------------------------------- review


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    assignments = list(selectors.assignments_of(request.user))
    for assignment in assignments:
        refusal = scoring_refusal(assignment, criterion_count=assignment.criterion_count)
        assignment.refusal = refusal.messages[0] if refusal is not None else ""
    return render(request, "startups/review_list.html", {"assignments": assignments})


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        assignment = selectors.assignment_for_reviewer(request.user, pk)
    except ReviewAssignment.DoesNotExist:
        raise Http404 from None
    application = assignment.application
    if not assignment.may_see_file:
        form = InterestDeclarationForm(request.POST or None)
        if request.method == "POST" and assignment.conflict_declared_at is None and form.is_valid():
            try:
                services.review_declare_interests(
                    assignment=assignment,
                    reviewer=request.user,
                    has_conflict=form.cleaned_data["declaration"] == "conflict",
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Votre déclaration est enregistrée."))
                return redirect(request.path)
        return render(request, "startups/review_declaration.html", {"assignment": assignment, "form": form})

    criteria = list(application.call.criteria.order_by("order", "pk"))
    refusal = scoring_refusal(assignment, criterion_count=len(criteria))
    if refusal is not None:  # why they cannot score yet, in place of a form they could not save
        return render(
            request,
            "startups/review_detail.html",
            {"assignment": assignment, "application": application, "refusal": refusal.messages[0]},
        )
    existing = {score.criterion_id: score for score in assignment.scores.all()}
    form = ScoreForm(request.POST or None, criteria=criteria, scores=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_score(assignment=assignment, reviewer=request.user, scores=form.scores())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Vos notes sont enregistrées."))
            return redirect(request.path)
    return render(
        request,
        "startups/review_detail.html",
        {"assignment": assignment, "application": application, "form": form, "criteria": criteria},
    )
