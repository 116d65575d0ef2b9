"""Checks of what a nominator types: the repository's address and the organisation's domain."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
DOMAIN_RE = re.compile(rf"^(?:{_LABEL}\.)+[a-z]{{2,63}}$")


validate_digest = RegexValidator(r"^[0-9a-f]{64}$", _("Une empreinte SHA-256 en hexadécimal."), code="digest")


def validate_domain(value: str) -> None:
    if not DOMAIN_RE.match(value or ""):
        raise ValidationError(_("Saisissez un nom de domaine, par exemple exemple.org (sans https://)."), code="domain")


def validate_repository_url(value: str) -> None:
    """A public repository: https, a real host name (no address, no account in the link), and a path that names
    the project (forge/owner/project or at least /project)."""
    if not value:
        return
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    message = _("Donnez l'adresse publique du dépôt, par exemple https://framagit.org/organisation/projet.")
    if parts.scheme != "https" or parts.username or parts.password or parts.port not in (None, 443):
        raise ValidationError(message, code="repository_url")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        raise ValidationError(message, code="repository_url")
    if not DOMAIN_RE.match(host) or host.endswith((".local", ".localhost", ".internal")):
        raise ValidationError(message, code="repository_url")
    segments = [segment for segment in parts.path.split("/") if segment]
    if not segments:
        raise ValidationError(message, code="repository_url")
    if host in {"github.com", "gitlab.com", "framagit.org", "codeberg.org", "bitbucket.org"} and len(segments) < 2:
        raise ValidationError(message, code="repository_url")


def domain_of(url: str) -> str:
    """The host of a web address without a leading "www.", lower case ("" for none)."""
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.")
