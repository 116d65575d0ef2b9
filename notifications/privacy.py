"""Erasing a person: their messages go, whether tied to the account or to the address;
messages sent to other people that named them (a recommendation request names the applicant) are kept in
the outbox without those details."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from .models import Notification


def _redacted(value: Any, needles: set[str]) -> Any:
    if isinstance(value, str):
        return "" if value.strip().casefold() in needles else value
    if isinstance(value, dict):
        return {key: _redacted(item, needles) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item, needles) for item in value]
    return value


def redact_outbox(values: Iterable[str]) -> int:
    """Blank every text of a message's data that is one of `values` (a person's address, name, phone; whole
    values only, so that a contact named like a city does not blank the city). Returns how many changed."""
    needles = {value.strip().casefold() for value in values if value and value.strip()}
    if not needles:
        return 0
    # The data is JSON text: non-ASCII letters may be stored escaped (\u00e9), so look for both forms.
    forms = {form for needle in needles for form in (needle, json.dumps(needle)[1:-1])}
    candidates = Notification.objects.annotate(data=Cast("context", TextField())).filter(
        reduce(or_, (Q(data__icontains=form) for form in forms))
    )
    changed = 0
    for notification in candidates:
        context = _redacted(notification.context, needles)
        if context != notification.context:
            notification.context = context
            notification.save(update_fields=["context"])
            changed += 1
    return changed


def erase(user) -> None:
    Notification.objects.filter(Q(recipient=user) | Q(email__iexact=user.email)).delete()
    redact_outbox([user.email, user.get_full_name()])
