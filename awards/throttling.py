"""A limit per client address on the public forms (nominations, votes), counted for an hour
(accounts.throttling.public_form_over_limit)."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.throttling import public_form_over_limit


def over_limit(request: HttpRequest, scope: str, limit: int) -> bool:
    """Count this request; True when the address has sent more than `limit` within the hour."""
    return public_form_over_limit(request, "awards." + scope, limit)
