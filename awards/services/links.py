"""Signed, expiring links sent by email, and the keyed hash that stands for an address once confirmed."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from ..constants import LINK_MAX_AGE

INVALID_LINK = "invalid_link"


def invalid_link() -> ValidationError:
    return ValidationError(_("Ce lien n'est pas valide, ou ne l'est plus."), code=INVALID_LINK)


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def email_digest(scope: str, email: str) -> str:
    """A keyed hash of an address (HMAC-SHA256 with the site's secret): equal for the same address, useless
    to anyone without the key. `scope` keeps the digests of two uses apart."""
    return salted_hmac("awards." + scope, normalize_email(email), algorithm="sha256").hexdigest()


def sign(salt: str, payload: dict[str, Any]) -> str:
    return signing.TimestampSigner(salt=salt).sign_object(payload)


def unsign(salt: str, token: str) -> dict[str, Any]:
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError) as exc:  # SignatureExpired is a BadSignature
        raise invalid_link() from exc
    if not isinstance(payload, dict):
        raise invalid_link()
    return payload
