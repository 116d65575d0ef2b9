"""Checks on what an applicant sends: the SIRET, the pitch deck (by content, never by file name), the
recommendation contact."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from common.identifiers import normalise_siret, siret_is_valid
from common.pdf import inspect_pdf

from .constants import PITCH_DECK_MAX_BYTES, PITCH_DECK_MAX_PAGES

__all__ = [
    "normalise_siret",
    "siret_is_valid",
    "validate_pitch_deck",
    "validate_recommendation_contact",
    "validate_siret",
    "website_host",
]


def validate_siret(value: str) -> None:
    value = normalise_siret(value)
    if not (len(value) == 14 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("Le SIRET comporte 14 chiffres (9 pour le SIREN, 5 pour l'établissement)."), code="siret_format"
        )
    if not siret_is_valid(value):
        raise ValidationError(
            _(
                "Ce numéro SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez-le sur votre extrait Kbis "
                "ou sur annuaire-entreprises.data.gouv.fr."
            ),
            code="siret_checksum",
        )


def validate_pitch_deck(file) -> None:
    """A PDF of at most 10 MB and 60 pages that runs nothing and hides nothing (see common.pdf), by content.

    A stored file (already checked when it was sent) is not read again; an upload is parsed once even
    when the form and then the service check it.
    """
    if file is None:
        return
    if not isinstance(file, UploadedFile) and getattr(file, "_committed", False):
        return
    size = file.size
    if not size:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    if size > PITCH_DECK_MAX_BYTES:
        raise ValidationError(
            _("Le fichier pèse %(size)s ; la limite est de %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(PITCH_DECK_MAX_BYTES)},
        )
    inspection = getattr(file, "_pitch_deck_inspection", None)
    if inspection is None:
        position = file.tell() if hasattr(file, "tell") else 0
        try:
            file.seek(0)
            data = file.read(PITCH_DECK_MAX_BYTES + 1)
        finally:
            file.seek(position)
        inspection = inspect_pdf(data, max_pages=PITCH_DECK_MAX_PAGES)
        file._pitch_deck_inspection = inspection
    if inspection.problems:
        raise ValidationError([ValidationError(problem.message, code=problem.code) for problem in inspection.problems])


def website_host(website: str) -> str:
    """The host of an organisation's website, lower-case, without a leading "www." ('' if none)."""
    website = (website or "").strip()
    if not website:
        return ""
    if "://" not in website:
        website = "//" + website
    try:
        host = (urlsplit(website).hostname or "").rstrip(".")
    except ValueError:
        return ""
    return host.removeprefix("www.")


def validate_recommendation_contact(email: str, *, organisation, own_emails) -> None:
    """The person asked to recommend is not the applicant, and works for the organisation chosen.

    `own_emails`: the applicant's addresses (account, application contact). When the organisation has
    a website, the address must be on its domain or a subdomain of it.
    """
    email = (email or "").strip().lower()
    own = {address.strip().lower() for address in own_emails if address}
    if email in own:
        raise ValidationError(
            _(
                "Cette adresse est la vôtre : la recommandation doit venir d'une personne de l'acteur de "
                "l'innovation choisi."
            ),
            code="own_email",
        )
    host = website_host(getattr(organisation, "website", "")) if organisation is not None else ""
    if not host:
        return
    domain = email.rpartition("@")[2].rstrip(".")
    if domain != host and not domain.endswith("." + host):
        raise ValidationError(
            _("L'adresse doit appartenir au domaine de %(organisation)s (%(domain)s) ou à l'un de ses sous-domaines."),
            code="organisation_domain",
            params={"organisation": organisation.name, "domain": host},
        )
