"""The accounts' messages to their owners: a second factor added or removed, a login lockout, the warning
before an inactive account is erased, and allauth's emails (address confirmation, password reset...).
Templates: accounts/templates/notifications/email/accounts/."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from common.dates import format_datetime
from notifications import kinds
from notifications.services import notify

SECOND_FACTOR_CHANGED = kinds.register("accounts.second_factor_changed")
LOGIN_THROTTLED = kinds.register("accounts.login_throttled")
INACTIVITY_WARNING = kinds.register("accounts.inactivity_warning")


def second_factor_changed(user, authenticator, change: str) -> None:
    """`change` is "added" or "removed": the owner hears of it, in case it was not them."""
    notify(
        kind=SECOND_FACTOR_CHANGED,
        key=f"accounts.second_factor_{change}:{authenticator.pk}",
        recipient=user,
        context=lambda language: {
            "change": change,
            "factor": authenticator.type,
            "when": format_datetime(timezone.now()),
            "security_path": reverse("mfa_index"),
        },
    )


def login_throttled(user, *, failures: int, started_at: datetime) -> None:
    """Someone is trying the account's password: told once per lockout episode."""
    notify(
        kind=LOGIN_THROTTLED,
        key=f"{LOGIN_THROTTLED}:{user.pk}:{started_at:%Y%m%d%H%M%S%f}",
        recipient=user,
        context=lambda language: {
            "failures": failures,
            "when": format_datetime(started_at),
            "reset_path": reverse("account_reset_password"),
            "security_path": reverse("mfa_index"),
        },
    )


def inactivity_warning(user, *, erase_on: date) -> None:
    """The account will be erased on `erase_on` unless its owner logs in (once per period of inactivity)."""
    notify(
        kind=INACTIVITY_WARNING,
        key=f"{INACTIVITY_WARNING}:{user.pk}:{user.last_seen:%Y%m%d%H%M%S}",
        recipient=user,
        context=lambda language: {"erase_on": erase_on.isoformat(), "login_path": reverse("account_login")},
    )


# --- allauth's emails: the same outbox as every other message -----------------------------------------
# allauth asks its adapter to send an email (`AccountAdapter.send_mail`); it is recorded here instead, in the
# person's language, and sent by the worker: retried on SMTP errors, visible to superusers in the admin (no
# city: city staff do not see them; their data, signed links included, only superusers see), never sent over
# SMTP inside the request. One kind per allauth email that this portal sends; any other (allauth emails
# turned on later) is rendered from allauth's own templates into the generic `accounts.allauth_message`.
ALLAUTH_KINDS = {
    "account/email/email_confirmation_signup": kinds.register("accounts.email_confirmation_signup"),
    "account/email/email_confirmation": kinds.register("accounts.email_confirmation"),
    "account/email/password_reset_key": kinds.register("accounts.password_reset_key"),
    "account/email/unknown_account": kinds.register("accounts.unknown_account"),
    "account/email/account_already_exists": kinds.register("accounts.account_already_exists"),
}
ALLAUTH_MESSAGE = kinds.register("accounts.allauth_message")
# What the templates use from allauth's context: links built from the request (its scheme, host and port).
ALLAUTH_LINKS = ("activate_url", "password_reset_url", "signup_url")


def account_email(template_prefix: str, email: str, context: dict, *, render) -> None:
    """An email allauth sends (confirmation, password reset...), recorded in the outbox. `render(template_prefix,
    email, context)` is allauth's own rendering, used for the emails that have no kind of their own."""
    user = context.get("user")
    if not getattr(user, "pk", None):  # e.g. "an account already uses this address": its owner's language
        user = get_user_model().objects.filter(email__iexact=email).first()
    recipient = user if getattr(user, "pk", None) else None
    kind = ALLAUTH_KINDS.get(template_prefix)
    if kind is not None:
        data = {"email": email, **{key: str(context[key]) for key in ALLAUTH_LINKS if key in context}}
    else:
        kind = ALLAUTH_MESSAGE

        def data(language: str) -> dict:
            message = render(template_prefix, email, context)
            html = next(
                (body for body, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
            )
            return {"subject": message.subject, "text": message.body, "html": html, "template": template_prefix}

    notify(
        kind=kind,
        # Each email allauth sends is its own event (a second reset request is a second email).
        key=f"{kind}:{uuid.uuid4().hex}",
        recipient=recipient,
        email=email,
        language=translation.get_language() or "",  # for an address with no account: the page's language
        context=data,
    )
