import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import throttling
from .forms import AccountDeleteForm, ProfileForm
from .mfa import SECOND_FACTOR_NEXT, has_second_factor, second_factor_required
from .privacy import personal_data_export, user_erase
from .services import user_update_profile


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = user_update_profile(user=request.user, **form.cleaned_data)
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
