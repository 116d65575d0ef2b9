from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .forms import SubscriptionForm
from .selectors import subscription_of_user, subscriptions_for_user
from .services import (
    read_confirmation_token,
    subscription_confirm,
    subscription_from_unsubscribe_token,
    subscription_request,
    subscription_unsubscribe,
)


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/invalid_link.html", status=400)


def _initial_choices(request: HttpRequest) -> dict:
    """`?city=<slug>&category=<slug>` (the link from an initiative's page) ticks that city and category."""
    form = SubscriptionForm()
    choices = {}
    for key, field in (("city", "cities"), ("category", "categories")):
        slug = request.GET.get(key, "")[:100]
        if slug and request.method == "GET":
            found = list(form.fields[field].queryset.filter(slug=slug)[:1])
            if found:
                choices[field] = found
    return choices


def subscribe(request: HttpRequest) -> HttpResponse:
    """Public form; logged-in people see their current choices for their own address."""
    initial = {"language": get_language(), **_initial_choices(request)}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
        current = subscriptions_for_user(request.user).filter(email=request.user.email.lower()).first()
        if current is not None:
            asked = initial
            initial = {
                **asked,
                "cities": [*current.cities.all(), *asked.get("cities", [])],
                "categories": [*current.categories.all(), *asked.get("categories", [])],
            }
            initial["language"] = current.language
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        _subscription, saved = subscription_request(user=request.user, **form.cleaned_data)
        if saved:
            messages.success(request, _("Vos alertes sont enregistrées."))
            return redirect("accounts:profile")
        # The same answer whether or not the address was already subscribed.
        return redirect("alerts:requested")
    return render(request, "alerts/subscribe.html", {"form": form})


def requested(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/requested.html")


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links; they do not post forms); POST confirms."""
    try:
        if request.method == "POST":
            subscription = subscription_confirm(token=token)
            return render(request, "alerts/confirmed.html", {"subscription": subscription})
        read_confirmation_token(token)
    except ValidationError:  # the services' code: invalid_link
        return _invalid_link(request)
    return render(request, "alerts/confirm.html")


@csrf_exempt  # the signed token is the credential; mail clients post here (RFC 8058 one-click)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = subscription_from_unsubscribe_token(token)
    except ValidationError:  # the services' code: invalid_link
        return _invalid_link(request)
    if request.method == "POST":
        subscription_unsubscribe(subscription=subscription)
        return render(request, "alerts/unsubscribed.html", {"subscription": subscription})
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})


@login_required
@require_POST
def stop(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = subscription_of_user(request.user, pk)
    if subscription is None:
        raise Http404
    subscription_unsubscribe(subscription=subscription)
    messages.success(
        request, _("Vous ne recevrez plus d'alertes à l'adresse %(email)s.") % {"email": subscription.email}
    )
    return redirect("accounts:profile")


def moved(request: HttpRequest, name: str, **kwargs) -> HttpResponse:
    """The pages' former address (under /notifications/alertes/): a permanent redirect that keeps the method
    and the query string (308), so that a form posted from a page opened before the move still goes through."""
    url = reverse(name, kwargs=kwargs)
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return HttpResponsePermanentRedirect(url, preserve_request=True)
