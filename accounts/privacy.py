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
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation

from common.app_hooks import app_modules

EXCLUDED_FIELDS = {"password"}


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
    rows = serializers.serialize("python", queryset)
    return [{"id": row["pk"], **{k: v for k, v in row["fields"].items() if k not in EXCLUDED_FIELDS}} for row in rows]


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


@transaction.atomic
def user_erase(*, user) -> None:
    """Delete the account and every personal detail; rows the city must keep are anonymised by the apps' hooks."""
    for hook in _hooks("erase"):
        hook(user)
    # Login throttling keeps failed attempts by address; they name the person too.
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=user.email).delete()
    user_pk = user.pk
    user.delete()
    # Audit rows keep what staff did, not who did it; past versions of the person's own rows (their
    # motivation, their contact details...) go too, including those written by the deletion itself.
    for model, field in personal_relations():
        if not hasattr(model, "history_id"):
            continue
        rows = model._default_manager.filter(**{field.attname: user_pk})
        if field.name == "history_user":
            rows.update(history_user=None)
        else:
            rows.delete()


def _path_in(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


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
    from notifications.services import notify

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
            notify(
                kind="accounts.inactivity_warning",
                key=f"accounts.inactivity_warning:{user.pk}:{user.last_seen:%Y%m%d%H%M%S}",
                recipient=user,
                context={
                    "erase_on": (now + timezone.timedelta(days=settings.ACCOUNT_INACTIVITY_WARNING_DAYS))
                    .date()
                    .isoformat(),
                    "login_path": _path_in(user.preferred_language, "account_login"),
                },
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
