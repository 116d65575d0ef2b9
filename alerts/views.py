from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .forms import SubscriptionForm
from .selectors import subscription_of_user, subscriptions_for_user
from .services import (
    InvalidLink,
    read_confirmation_token,
    subscription_confirm,
    subscription_from_unsubscribe_token,
    subscription_request,
    subscription_unsubscribe,
)


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/alerts/invalid_link.html", status=400)


def alerts_subscribe(request: HttpRequest) -> HttpResponse:
    """Public form; logged-in people see their current choices for their own address."""
    initial = {"language": get_language()}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
        current = subscriptions_for_user(request.user).filter(email=request.user.email.lower()).first()
        if current is not None:
            initial.update(cities=list(current.cities.all()), categories=list(current.categories.all()))
            initial["language"] = current.language
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        _subscription, saved = subscription_request(user=request.user, **form.cleaned_data)
        if saved:
            messages.success(request, _("Vos alertes sont enregistrées."))
            return redirect("accounts:profile")
        # The same answer whether or not the address was already subscribed.
        return redirect("notifications:alerts_requested")
    return render(request, "notifications/alerts/subscribe.html", {"form": form})


def alerts_requested(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/alerts/requested.html")


def alerts_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links; they do not post forms); POST confirms."""
    try:
        if request.method == "POST":
            subscription = subscription_confirm(token=token)
            return render(request, "notifications/alerts/confirmed.html", {"subscription": subscription})
        read_confirmation_token(token)
    except InvalidLink:
        return _invalid_link(request)
    return render(request, "notifications/alerts/confirm.html")


@csrf_exempt  # the signed token is the credential; mail clients post here (RFC 8058 one-click)
def alerts_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = subscription_from_unsubscribe_token(token)
    except InvalidLink:
        return _invalid_link(request)
    if request.method == "POST":
        subscription_unsubscribe(subscription=subscription)
        return render(request, "notifications/alerts/unsubscribed.html", {"subscription": subscription})
    return render(request, "notifications/alerts/unsubscribe.html", {"subscription": subscription})


@login_required
@require_POST
def alerts_stop(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = subscription_of_user(request.user, pk)
    if subscription is None:
        raise Http404
    subscription_unsubscribe(subscription=subscription)
    messages.success(
        request, _("Vous ne recevrez plus d'alertes à l'adresse %(email)s.") % {"email": subscription.email}
    )
    return redirect("accounts:profile")
