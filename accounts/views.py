import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.calendar_feed import person_events
from common.ics import calendar_bytes

from . import throttling
from .forms import AccountDeleteForm, ProfileForm
from .mfa import SECOND_FACTOR_NEXT, has_second_factor, second_factor_required
from .models import CalendarFeed
from .privacy import personal_data_export, user_erase
from .services import calendar_feed_issue, calendar_feed_revoke, calendar_token_digest, user_update_profile

NEW_FEED_TOKEN = "accounts.new_calendar_feed_token"  # noqa: S105 - a session key, not a secret


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = user_update_profile(user=request.user, **form.cleaned_data)
        with translation.override(user.preferred_language):  # the next page is in the new language: so is this
            messages.success(request, _("Votre profil a été enregistré."))
        return redirect(translate_url(request.path, user.preferred_language))
    return render(request, "account/profile.html", {"form": form, "second_factor_on": has_second_factor(request.user)})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user_erase(user=request.user)
        logout(request)
        messages.success(request, _("Votre compte et vos données personnelles ont été supprimés."))
        return redirect("portal:home")
    if form.has_error("password", "wrong_password"):  # a password check like a login's: same limits
        throttling.login_failure_record(request, account=request.user.email)
    return render(request, "account/my_data.html", {"form": form})


@login_required
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    data = personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"mes-donnees-partenariats-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Where staff and reviewers without a second factor land: why, and the ways to set one up."""
    if not second_factor_required(request.user) or has_second_factor(request.user):
        return redirect("mfa_index")
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        request.session[SECOND_FACTOR_NEXT] = next_url
    return render(request, "account/second_factor_required.html")


# --- Personal calendar feed ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    """The person's calendar-feed settings: make a secret address (shown once), make a new one (the old one
    stops working), or turn it off."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendar_feed_revoke(person=request.user)
            messages.success(request, _("Votre lien d'agenda est désactivé : il ne donne plus accès à rien."))
        else:
            request.session[NEW_FEED_TOKEN] = calendar_feed_issue(person=request.user)
            messages.success(
                request, _("Votre nouveau lien d'agenda est prêt. Tout lien donné avant ne fonctionne plus.")
            )
        return redirect("accounts:calendar")
    token = request.session.pop(NEW_FEED_TOKEN, None)
    feed_url = webcal_url = ""
    if token:
        feed_url = request.build_absolute_uri(reverse("calendar_feed:ics", kwargs={"token": token}))
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    feed = CalendarFeed.objects.filter(person=request.user).first()
    return render(request, "account/calendar.html", {"feed": feed, "feed_url": feed_url, "webcal_url": webcal_url})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed behind a secret address: no login (a phone's calendar fetches it), no cookie, no
    session; the person's bookings and sessions (common/calendar_feed.py), in their language."""
    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(token_digest=calendar_token_digest(token), person__is_active=True)
        .first()
    )
    if feed is None:
        response = HttpResponseNotFound(b"", content_type="text/plain; charset=utf-8")
        # Django's request log would write the path, and with it the secret: this answer is not logged.
        response._has_been_logged = True
        return response
    person = feed.person
    with translation.override(person.preferred_language):
        content = calendar_bytes(
            person_events(person), product="Agenda", name=_("Partenariats numériques — mon agenda")
        )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
