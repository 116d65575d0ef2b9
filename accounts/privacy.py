"""Personal data: what the portal holds about a person, their export, their erasure, and retention.

The models that point to a person are found by introspection, so a new model cannot be forgotten.
An app whose rows must outlive the account (an application the city must keep) provides
`<app>/privacy.py` with optional hooks, called before the account row is deleted:

    def export(user) -> dict            # extra data for the export (e.g. files' names, derived data)
    def erase(user) -> None             # anonymise what must be kept, delete the rest
    def apply_retention(now) -> int     # delete what has outlived its retention (old drafts...)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import reduce
from importlib import import_module
from operator import or_
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from common.app_hooks import app_modules

from . import notifications

EXCLUDED_FIELDS = {"password"}
# Fields never exported, by model: a second factor's secrets (TOTP key, recovery-code seed, security key's
# public key) would let anyone holding the file pass the second factor. The export says which factor is
# on and since when (type, created_at, last_used_at); of a calendar feed, only that it exists and since when.
EXCLUDED_FIELDS_BY_MODEL = {"mfa.authenticator": {"data"}, "accounts.calendarfeed": {"token_digest"}}


def personal_relations() -> list[tuple[type[models.Model], models.Field]]:
    """Every (model, field) whose field points to the user model: foreign keys, one-to-one and many-to-many."""
    User = get_user_model()
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.auto_created or not field.is_relation or field.related_model is not User:
                continue
            if field.many_to_one or field.one_to_one or field.many_to_many:
                found.append((model, field))
    return found


def _hooks(name: str) -> Iterator[Callable]:
    for _app, module in app_modules("privacy", skip=("accounts",)):
        hook = getattr(module, name, None)
        if hook is not None:
            yield hook


def _serialise(queryset) -> list[dict[str, Any]]:
    excluded = EXCLUDED_FIELDS | EXCLUDED_FIELDS_BY_MODEL.get(queryset.model._meta.label_lower, set())
    rows = serializers.serialize("python", queryset)
    return [{"id": row["pk"], **{k: v for k, v in row["fields"].items() if k not in excluded}} for row in rows]


def personal_data_export(*, user) -> dict[str, Any]:
    """Everything the portal holds about `user`, as JSON-ready data."""
    data: dict[str, Any] = {
        "generated_at": timezone.now(),
        "account": _serialise(get_user_model().objects.filter(pk=user.pk))[0],
        "records": {},
    }
    for model, field in personal_relations():
        label = f"{model._meta.label}.{field.name}"
        queryset = model._default_manager.filter(**{field.name: user}).order_by("pk")
        data["records"][label] = _serialise(queryset)
    for hook in _hooks("export"):
        data.update(hook(user))
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def history_models() -> list[type[models.Model]]:
    """Every django-simple-history table (the `Historical*` models), found by introspection."""
    return [model for model in apps.get_models() if hasattr(model, "history_id") and hasattr(model, "history_type")]


@transaction.atomic
def user_erase(*, user) -> None:
    """Delete the account and every personal detail; rows the city must keep are anonymised by the apps' hooks.

    Beyond the rows that point to the account: past versions (every history table, also the versions found by
    the email address rather than by the account, as an alert subscription is), login throttling records,
    the person's sessions in every browser, the admin's log lines about the account, and the outbox
    (the notifications hook). Kept, and said so in the privacy notice: what the apps' hooks anonymise.
    """
    email = user.email
    for hook in _hooks("erase"):
        hook(user)
    _erase_login_attempts(email)
    _erase_sessions(user.pk)
    _erase_admin_log(user)
    user_pk = user.pk
    user.delete()
    _erase_history(user_pk=user_pk, email=email)


def _erase_login_attempts(email: str) -> None:
    """Login limits count failures and reset requests under the email address (as a keyed digest)."""
    from .throttling import account_throttles_delete

    account_throttles_delete(email=email)


def _erase_sessions(user_pk: int) -> None:
    """Log the person out everywhere: their sessions in other browsers hold their id (and allauth's state).
    Sessions are stored in the database here; expired ones are dropped on the way."""
    if not settings.SESSION_ENGINE.endswith((".db", ".cached_db")):
        return
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    now = timezone.now()
    Session.objects.filter(expire_date__lte=now).delete()
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_pk):
            store(session_key=session.session_key).delete()


def _erase_admin_log(user) -> None:
    """The admin's log names the objects it changed: lines about this account carry its email."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)).delete()
    names = Q(object_repr__icontains=user.email)
    if len(user.get_full_name()) >= 5:  # a name as short as "Li" would match unrelated lines
        names |= Q(object_repr__icontains=user.get_full_name())
    LogEntry.objects.filter(names).update(object_repr="")


def _erase_history(*, user_pk: int, email: str) -> None:
    """Audit rows keep what staff did, not who did it; past versions of the person's own rows (their
    motivation, their contact details...) go, including those written by the deletion itself, whether the
    row pointed to the account or only held the person's address (an alert subscription without account)."""
    for model, field in personal_relations():
        if model not in history_models():
            continue
        rows = model._default_manager.filter(**{field.attname: user_pk})
        if field.name == "history_user":
            rows.update(history_user=None)
        else:
            rows.delete()
    for model in history_models():
        emails = [f.name for f in model._meta.concrete_fields if isinstance(f, models.EmailField)]
        if emails:
            model._default_manager.filter(reduce(or_, (Q(**{f"{name}__iexact": email}) for name in emails))).delete()


def inactive_users(*, now: datetime, days: int):
    """People (not staff) last seen more than `days` ago; `last_seen` is their last login or sign-up."""
    User = get_user_model()
    return (
        User.objects.filter(is_superuser=False, is_staff=False)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=now - timezone.timedelta(days=days))
    )


def apply_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Warn accounts that have been inactive for (2 years - 1 month), erase those warned a month ago and still
    inactive, and let the apps delete what has outlived its retention. Safe to run twice."""
    now = now or timezone.now()
    warn_after = settings.ACCOUNT_INACTIVITY_DAYS - settings.ACCOUNT_INACTIVITY_WARNING_DAYS
    warned = erased = 0
    not_warned_since_last_seen = models.Q(inactivity_warned_at__isnull=True) | models.Q(
        inactivity_warned_at__lt=models.F("last_seen")
    )
    for user in inactive_users(now=now, days=warn_after).filter(not_warned_since_last_seen):
        with transaction.atomic():
            user.inactivity_warned_at = now
            user.save(update_fields=["inactivity_warned_at"])
            notifications.inactivity_warning(
                user, erase_on=(now + timezone.timedelta(days=settings.ACCOUNT_INACTIVITY_WARNING_DAYS)).date()
            )
            warned += 1
    warning_limit = now - timezone.timedelta(days=settings.ACCOUNT_INACTIVITY_WARNING_DAYS)
    for user in inactive_users(now=now, days=settings.ACCOUNT_INACTIVITY_DAYS).filter(
        inactivity_warned_at__lte=warning_limit, inactivity_warned_at__gt=models.F("last_seen")
    ):
        user_erase(user=user)
        erased += 1
    purged = sum(hook(now) or 0 for hook in _hooks("apply_retention"))
    return {"warned": warned, "erased": erased, "purged": purged}
