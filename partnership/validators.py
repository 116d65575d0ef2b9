"""Checks on what staff enter on a partnership's scorecard: the procurement records in the national DECP
format (données essentielles de la commande publique, schema v2) and the agreement's PDF (by content)."""

from __future__ import annotations

import re
import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.identifiers import normalise_siret, siret_is_valid
from common.pdf import validate_pdf_upload

from .constants import AGREEMENT_MAX_BYTES, AGREEMENT_MAX_PAGES, HOLDER_ID_TYPES

# DECP `id`: 1 to 16 characters, an order number of the buyer; the schema asks to avoid & " \ < , ; and spaces.
DECP_ID_RE = re.compile(r'^[^&"\\<,;\s]{1,16}$')
CPV_RE = re.compile(r"^[0-9]{8}(-[0-9])?$")
HOLDER_SEPARATOR = "|"


def validate_decp_id(value: str) -> None:
    if not DECP_ID_RE.match(value or ""):
        raise ValidationError(
            _(
                "L'identifiant DECP du marché compte de 1 à 16 caractères, sans espace ni aucun des signes "
                '& " \\ < , ; (par exemple 2024-0153 ou C123_456).'
            ),
            code="decp_id",
        )


def validate_buyer_siret(value: str) -> None:
    value = normalise_siret(value)
    if not (len(value) == 14 and value.isascii() and value.isdigit()):
        raise ValidationError(_("Le SIRET de l'acheteur comporte 14 chiffres."), code="siret_format")
    if not siret_is_valid(value):
        raise ValidationError(
            _(
                "Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez-le sur annuaire-entreprises.data.gouv.fr."
            ),
            code="siret_checksum",
        )


def validate_cpv(value: str) -> None:
    if value and not CPV_RE.match(value):
        raise ValidationError(
            _("Le code CPV compte 8 chiffres, suivis ou non d'un tiret et du chiffre de contrôle (72000000-5)."),
            code="cpv",
        )


def parse_holders(value: str) -> list[tuple[str, str]]:
    """'SIRET:73282932000074|TVA:FR12345678901' -> [('SIRET', '73282932000074'), ('TVA', 'FR12345678901')]."""
    holders = []
    for part in (value or "").split(HOLDER_SEPARATOR):
        part = part.strip()
        if not part:
            continue
        kind, _sep, identifier = part.partition(":")
        holders.append((kind.strip().upper(), identifier.strip()))
    return holders


def validate_holders(value: str) -> None:
    """DECP `titulaires`: at least one, each `typeIdentifiant:id`, a SIRET with a valid key."""
    holders = parse_holders(value)
    if not holders:
        raise ValidationError(_("Indiquez au moins un titulaire, par exemple SIRET:73282932000074."), code="holders")
    errors = []
    for kind, identifier in holders:
        if kind not in HOLDER_ID_TYPES or not identifier:
            errors.append(
                ValidationError(
                    _("« %(holder)s » : écrivez le type d'identifiant (%(types)s), deux-points, puis l'identifiant."),
                    code="holder_format",
                    params={"holder": f"{kind}:{identifier}".strip(":"), "types": ", ".join(HOLDER_ID_TYPES)},
                )
            )
        elif kind == "SIRET" and not siret_is_valid(normalise_siret(identifier)):
            errors.append(
                ValidationError(
                    _("« %(holder)s » : ce SIRET n'existe pas (14 chiffres, clé de contrôle)."),
                    code="holder_siret",
                    params={"holder": identifier},
                )
            )
    if errors:
        raise ValidationError(errors)


def validate_agreement_pdf(file) -> None:
    """The agreement is a PDF of at most 10 MB that runs nothing and hides nothing (common.pdf), by content."""
    validate_pdf_upload(file, max_bytes=AGREEMENT_MAX_BYTES, max_pages=AGREEMENT_MAX_PAGES)


def agreement_path(instance, filename: str) -> str:
    """A random name: the person's file name is never used on disk."""
    return f"partnership/agreements/{uuid.uuid4().hex}.pdf"
