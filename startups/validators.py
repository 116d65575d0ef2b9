"""Checks on what an applicant sends: the SIRET, the pitch deck (by content, never by file name), the
recommendation contact."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.identifiers import normalise_siret, siret_is_valid
from common.pdf import validate_pdf_upload

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
    """A PDF of at most 10 MB and 60 pages that runs nothing and hides nothing (common.pdf), by content."""
    validate_pdf_upload(file, max_bytes=PITCH_DECK_MAX_BYTES, max_pages=PITCH_DECK_MAX_PAGES)


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


# Domains that many people share, so that an address there says nothing of whom it belongs to: webmail and
# internet providers' mail, and the domains reserved for examples (RFC 2606). An applicant writing from
# gmail.com may be recommended by someone else writing from gmail.com.
SHARED_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com",
        "live.fr", "msn.com", "yahoo.com", "yahoo.fr", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
        "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "laposte.net", "bbox.fr", "numericable.fr",
        "club-internet.fr", "protonmail.com", "proton.me", "pm.me", "gmx.fr", "gmx.com", "gmx.de", "mail.com",
        "tutanota.com", "zaclys.com", "example.org", "example.com", "example.net",
    }
)  # fmt: skip


def _domain(email: str) -> str:
    return email.rpartition("@")[2].rstrip(".").lower()


def _on(domain: str, organisation_domain: str) -> bool:
    return domain == organisation_domain or domain.endswith("." + organisation_domain)


def applicant_domains(own_emails, website: str = "") -> set[str]:
    """The applicant's own organisation's domains: its website's host and the domains of its addresses, but
    shared mail domains (a webmail is nobody's organisation)."""
    domains = {_domain(address) for address in own_emails if address and "@" in address}
    if host := website_host(website):
        domains.add(host)
    return {domain for domain in domains if domain and domain not in SHARED_MAIL_DOMAINS}


def validate_recommendation_contact(email: str, *, organisation, own_emails, website: str = "") -> None:
    """The person asked to recommend is not the applicant, nor someone of the applicant's own organisation,
    and works for the organisation chosen.

    `own_emails`: the applicant's addresses (account, application contact); `website`: the applicant's
    website. An address on the applicant's organisation's domain (or a subdomain of it) is refused; shared mail
    domains (SHARED_MAIL_DOMAINS) are nobody's organisation. When the organisation chosen has a website, the
    address must be on its domain or a subdomain of it.
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
    domain = _domain(email)
    for organisation_domain in sorted(applicant_domains(own, website)):
        if _on(domain, organisation_domain):
            raise ValidationError(
                _(
                    "Cette adresse est sur le domaine de votre propre organisation (%(domain)s) : la recommandation "
                    "doit venir d'une personne de l'acteur de l'innovation choisi, pas de votre équipe."
                ),
                code="applicant_domain",
                params={"domain": organisation_domain},
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
