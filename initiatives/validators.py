"""Identifiers of the organisations behind a place: SIRET (INSEE) or RNA (associations)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.identifiers import rna_is_valid, siret_is_valid

UNKNOWN_PIVOT = "00000000000000"  # what the schema asks for when the identifier is not known


def validate_pivot(value: str) -> None:
    if value and not (siret_is_valid(value) or rna_is_valid(value)):
        raise ValidationError(
            _("Indiquez un SIRET (14 chiffres) ou un numéro RNA (W suivi de 9 chiffres) valide."),
            code="invalid_pivot",
        )
