"""Public pages of the Lutèces d'Or (editions, nominations, the public vote, the laureates) and the jury's pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.forms import add_service_errors

from . import selectors, services
from .constants import NOMINATIONS_PER_ADDRESS_PER_HOUR, VOTES_PER_ADDRESS_PER_HOUR
from .forms import ConflictForm, DeclarationForm, NominationForm, ScoreForm, VoteForm
from .models import Category, Criterion, Edition, Score
from .throttling import over_limit


def _edition(slug: str):
    edition = selectors.edition_public(slug)
    if edition is None:
        raise Http404
    return edition


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "429.html", status=429)


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "awards/invalid_link.html", status=400)


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "awards/index.html", {"editions": list(selectors.edition_list())})


def edition(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    vote_closed = edition.vote_closed()
    context = {
        "edition": edition,
        "categories": selectors.categories_with_nominations(edition, with_votes=vote_closed),
        "vote_closed": vote_closed,
        "vote_open": edition.vote_open(),
        "nominations_open": edition.nominations_open(),
        "juror": selectors.juror_of(request.user, edition),
    }
    return render(request, "awards/edition.html", context)


def laureates(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    if edition.results_published_at is None:
        return render(request, "awards/laureates.html", {"edition": edition, "laureates": None})
    return render(request, "awards/laureates.html", {"edition": edition, "laureates": selectors.laureates_of(edition)})


def nominate(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    if not edition.nominations_open():
        return render(request, "awards/nominations_closed.html", {"edition": edition})
    form = NominationForm(request.POST or None, edition=edition)
    if request.method == "POST":
        if over_limit(request, "nomination", NOMINATIONS_PER_ADDRESS_PER_HOUR):
            return _too_many(request)
        if form.is_valid():
            data = {key: value for key, value in form.cleaned_data.items() if key not in {"category", "email"}}
            try:
                services.nomination_propose(
                    category=form.cleaned_data["category"],
                    email=form.cleaned_data["email"],
                    language=get_language(),
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("awards:nomination_sent", slug=edition.slug)
    return render(request, "awards/nominate.html", {"edition": edition, "form": form})


def nomination_sent(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "awards/nomination_sent.html", {"edition": _edition(slug)})


def nomination_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links; they do not post forms); POST confirms."""
    try:
        nomination = services.nomination_from_token(token)
        if request.method == "POST":
            nomination = services.nomination_confirm(nomination=nomination)
            return render(request, "awards/nomination_confirmed.html", {"nomination": nomination})
    except ValidationError:
        return _invalid_link(request)
    return render(request, "awards/nomination_confirm.html", {"nomination": nomination})


def vote(request: HttpRequest, slug: str, category: str) -> HttpResponse:
    edition = _edition(slug)
    category = get_object_or_404(Category, edition=edition, slug=category, public_vote=True)
    if not edition.vote_open():
        return render(request, "awards/vote_closed.html", {"edition": edition, "category": category})
    form = VoteForm(request.POST or None, category=category)
    if request.method == "POST":
        if over_limit(request, "vote", VOTES_PER_ADDRESS_PER_HOUR):
            return _too_many(request)
        if form.is_valid():
            try:
                services.vote_request(
                    category=category,
                    nomination=form.cleaned_data["nomination"],
                    email=form.cleaned_data["email"],
                    language=get_language(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return render(request, "awards/vote_sent.html", {"edition": edition, "category": category})
    return render(request, "awards/vote.html", {"edition": edition, "category": category, "form": form})


def vote_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        nomination, digest = services.vote_from_token(token)
        if request.method == "POST":
            vote, counted = services.vote_confirm(nomination=nomination, digest=digest)
            context = {"nomination": nomination, "vote": vote, "counted": counted}
            return render(request, "awards/vote_confirmed.html", context)
    except ValidationError:
        return _invalid_link(request)
    return render(request, "awards/vote_confirm.html", {"nomination": nomination})


# --- the jury ------------------------------------------------------------------------------------------------


def _juror(request: HttpRequest, slug: str):
    edition = get_object_or_404(Edition.objects.with_city(), slug=slug)
    juror = selectors.juror_of(request.user, edition)
    if juror is None:
        raise Http404
    return edition, juror


@login_required
def jury(request: HttpRequest, slug: str) -> HttpResponse:
    edition, juror = _juror(request, slug)
    if not juror.has_declared:
        return redirect("awards:jury_declaration", slug=slug)
    context = {"edition": edition, "juror": juror, "nominations": selectors.jury_nominations(juror)}
    return render(request, "awards/jury.html", context)


@login_required
def jury_declaration(request: HttpRequest, slug: str) -> HttpResponse:
    edition, juror = _juror(request, slug)
    if juror.has_declared:
        return redirect("awards:jury", slug=slug)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.juror_declare(
                juror=juror,
                user=request.user,
                organisations=form.cleaned_data["organisations"],
                declaration=form.cleaned_data["declaration"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Votre déclaration d'intérêts est enregistrée."))
            return redirect("awards:jury", slug=slug)
    return render(request, "awards/jury_declaration.html", {"edition": edition, "form": form})


@login_required
def jury_nomination(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    edition, juror = _juror(request, slug)
    if not juror.has_declared:
        return redirect("awards:jury_declaration", slug=slug)
    nomination = next((n for n in selectors.jury_nominations(juror) if n.pk == pk), None)
    if nomination is None:
        raise Http404
    criteria = list(Criterion.objects.filter(edition=edition).order_by("order", "pk"))
    current = dict(Score.objects.filter(juror=juror, nomination=nomination).values_list("criterion_id", "value"))
    score_form = ScoreForm(criteria=criteria, initial_scores=current)
    conflict_form = ConflictForm()
    if request.method == "POST":
        if "detail" in request.POST:
            conflict_form = ConflictForm(request.POST)
            if conflict_form.is_valid():
                services.juror_declare_conflict(
                    juror=juror, user=request.user, nomination=nomination, detail=conflict_form.cleaned_data["detail"]
                )
                messages.success(
                    request, _("Votre conflit d'intérêts est enregistré : vous ne notez pas cette proposition.")
                )
                return redirect("awards:jury", slug=slug)
        else:
            score_form = ScoreForm(request.POST, criteria=criteria)
            if score_form.is_valid():
                try:
                    services.juror_score(
                        juror=juror, user=request.user, nomination=nomination, scores=score_form.scores()
                    )
                except ValidationError as error:
                    add_service_errors(score_form, error)
                else:
                    messages.success(request, _("Vos notes sont enregistrées."))
                    return redirect("awards:jury", slug=slug)
    context = {
        "edition": edition,
        "nomination": nomination,
        "score_form": score_form,
        "conflict_form": conflict_form,
        "jury_open": edition.jury_open(),
    }
    return render(request, "awards/jury_nomination.html", context)
