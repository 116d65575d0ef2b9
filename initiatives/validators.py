"""Identifiers of the organisations behind a place: SIRET (INSEE) or RNA (associations)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LA_POSTE_SIREN = "356000000"
UNKNOWN_PIVOT = "00000000000000"  # what the schema asks for when the identifier is not known
RNA_RE = re.compile(r"^W\d{9}$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def is_siret(value: str) -> bool:
    if not (len(value) == 14 and value.isdigit()):
        return False
    if value.startswith(LA_POSTE_SIREN):
        # La Poste's establishments share one SIREN; their SIRET is checked by digit sum modulo 5.
        return sum(int(char) for char in value) % 5 == 0
    return luhn_ok(value)


def is_rna(value: str) -> bool:
    return bool(RNA_RE.match(value))


def validate_pivot(value: str) -> None:
    if value and not (is_siret(value) or is_rna(value)):
        raise ValidationError(
            _("Indiquez un SIRET (14 chiffres) ou un numéro RNA (W suivi de 9 chiffres) valide."),
            code="invalid_pivot",
        )
