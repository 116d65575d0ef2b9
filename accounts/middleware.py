"""Two gates in front of the views: login limits (429 during a lockout) and the second factor required of staff."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from common.dates import format_time

from . import throttling
from .mfa import has_second_factor, second_factor_required, second_factor_used


def _posted(field: str) -> Callable[[HttpRequest], str | None]:
    return lambda request: request.POST.get(field)


def _current_user(request: HttpRequest) -> str | None:
    return request.user.email if request.user.is_authenticated else None


def _pending_login(request: HttpRequest) -> str | None:
    """The account whose second factor is asked for (password already checked, login not finished)."""
    from allauth.account.internal.stagekit import unstash_login  # allauth 65.x, pinned

    login = unstash_login(request, peek=True)
    return login.user.email if login is not None and login.user is not None else None


# The login forms (by URL name) and how each names the account being tried.
LOGIN_FORMS: dict[str, Callable[[HttpRequest], str | None]] = {
    "account_login": _posted("login"),
    "mfa_authenticate": _pending_login,
    "account_reauthenticate": _current_user,
    "mfa_reauthenticate": _current_user,
    "accounts:my_data": _current_user,  # deleting the account asks for the password
}
RESET_FORMS: dict[str, Callable[[HttpRequest], str | None]] = {"account_reset_password": _posted("email")}


def throttled_response(request: HttpRequest, block: throttling.Block) -> HttpResponse:
    """The 429 page, in the site's style and the page's language."""
    now = timezone.now()
    context = {
        "scope": block.scope,
        "reset": block.scope.startswith("reset"),
        "minutes": max(1, round(block.retry_after(now) / 60)),
        "until": format_time(block.until),
    }
    response = render(request, "account/login_throttled.html", context, status=429)
    response["Retry-After"] = str(block.retry_after(now))
    return response


class LoginThrottleMiddleware:
    """Refuses a login form's POST while its address is locked or its account cools down, before the form
    is read: nothing is checked, nothing is counted. Counts the password reset requests that were sent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        email = getattr(request, "_reset_request_email", None)
        if email is not None and response.status_code == 302:
            throttling.reset_request_record(request, email=email)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if request.method != "POST" or request.resolver_match is None:
            return None
        name = request.resolver_match.view_name
        if name in LOGIN_FORMS:
            block = throttling.login_block(request, account=LOGIN_FORMS[name](request))
        elif name in RESET_FORMS:
            email = RESET_FORMS[name](request)
            block = throttling.reset_block(request, email=email)
            request._reset_request_email = email or ""
        else:
            return None
        return throttled_response(request, block) if block else None


# Pages a person who must use a second factor may open before doing so: setting it up, using it, leaving.
SECOND_FACTOR_FREE_URLS = {
    "account_login",
    "account_logout",
    "account_reauthenticate",
    "admin:logout",
    "set_language",
    "healthz",
    "readyz",
    "accounts:second_factor_required",
}


class SecondFactorRequiredMiddleware:
    """Staff, reviewers and partner viewers reach nothing but the second-factor pages until this session
    has used one: those without one are sent to set it up, the others to type a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or second_factor_used(request):
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name.startswith("mfa_") or name in SECOND_FACTOR_FREE_URLS:
            return None
        if not second_factor_required(user):
            return None
        if has_second_factor(user):
            target = reverse("mfa_reauthenticate")
        else:
            target = reverse("accounts:second_factor_required")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
