import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .forms import AccountDeleteForm, ProfileForm
from .privacy import personal_data_export, user_erase
from .services import user_update_profile


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Votre profil a été enregistré."))
        return redirect(translate_url(request.path, user.preferred_language))
    return render(request, "account/profile.html", {"form": form})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user_erase(user=request.user)
        logout(request)
        messages.success(request, _("Votre compte et vos données personnelles ont été supprimés."))
        return redirect("partnership:home")
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
