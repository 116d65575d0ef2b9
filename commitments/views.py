"""Public pages of the commitments' follow-up: the partner's attestation (by the signed link), a commitment's
page with its timeline and the question form, and the evidence documents once attested."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from common.forms import add_service_errors
from partnership.scoping import may_act_for_city

from . import selectors, services
from .constants import QUESTIONS_PER_ADDRESS_PER_HOUR, Decision, UpdateStatus
from .forms import AttestForm, QuestionForm
from .models import ProgressUpdate
from .throttling import over_limit


@never_cache
def attest(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the update and the form (mail scanners follow links; they do not post forms); POST answers."""
    try:
        update = services.update_from_token(token)
    except ValidationError as error:
        return render(request, "commitments/invalid_link.html", {"error": error}, status=400)
    if update.status != UpdateStatus.PROPOSED:
        return render(request, "commitments/attest_done.html", {"update": update, "already": True})
    form = AttestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == Decision.CONFIRM:
                update = services.update_attest(update=update, note=note)
            else:
                update = services.update_dispute(update=update, reason=note)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "commitments/attest_done.html", {"update": update, "already": False})
    return render(request, "commitments/attest.html", {"update": update, "form": form})


def question(request: HttpRequest, pk: int) -> HttpResponse:
    """A commitment's page: its timeline, the answered questions, and the form to ask one (never cached: it
    holds a CSRF token)."""
    commitment = selectors.commitment_public(pk)
    if commitment is None:
        raise Http404
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        if over_limit(request, "question", QUESTIONS_PER_ADDRESS_PER_HOUR):
            return render(request, "429.html", status=429)
        if form.is_valid():
            if not form.is_bot:
                try:
                    services.question_submit(
                        commitment=commitment,
                        text=form.cleaned_data["text"],
                        email=form.cleaned_data["email"],
                        language=get_language(),
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
            if not form.errors:
                return redirect("commitments:question_sent", pk=commitment.pk)
    return render(request, "commitments/question.html", {"commitment": commitment, "form": form})


def question_sent(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.commitment_public(pk)
    if commitment is None:
        raise Http404
    return render(request, "commitments/question_sent.html", {"commitment": commitment})


def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence document of an update: public once the partner has answered; the city's staff see it before."""
    update = get_object_or_404(ProgressUpdate.objects.with_city().exclude(evidence_file=""), pk=pk)
    if not (update.evidence_public or may_act_for_city(request.user, update)):
        raise Http404
    response = FileResponse(
        update.evidence_file.open("rb"), content_type="application/pdf", filename=f"preuve-{update.pk}.pdf"
    )
    response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline")
    response["X-Content-Type-Options"] = "nosniff"
    return response
