"""Validators shared by several apps."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# A commune's INSEE code: 5 characters, Corsica's départements 2A and 2B included.
insee_validator = RegexValidator(r"^([013-9]\d|2[AB1-9])\d{3}$", _("Code INSEE invalide."))

# A phone number as people write it: digits, spaces and + ( ) . - / (e.g. "+33 1 23 45 67 89", "01.23.45.67.89").
phone_validator = RegexValidator(
    r"^\+?[0-9 ().\-/]*[0-9][0-9 ().\-/]*$",
    _("Un numéro de téléphone ne contient que des chiffres, des espaces et les signes + ( ) . - /."),
    code="invalid_phone",
)


# French phone numbers, in the forms people write them: 01 23 45 67 89, 0123456789, 01.23.45.67.89,
# +33 1 23 45 67 89, +33 (0)1 23 45 67 89, +33123456789; the overseas prefixes of the national places schema
# (+590, +594, +262, +596, +269, +687, +689, +508, +681) too. Stored in one form, the international one
# (+33123456789: the form of the places' open data and of `tel:` links); shown grouped (`phone_display`).
OVERSEAS_PREFIXES = ("590", "594", "262", "596", "269", "687", "689", "508", "681")
PHONE_MESSAGE = _(
    "Saisissez un numéro de téléphone français de 10 chiffres, par exemple 01 23 45 67 89 ou +33 1 23 45 67 89."
)
_PHONE_SEPARATORS = re.compile(r"[\s.\-/]")


def normalise_phone(value: str) -> str | None:
    """The international form of a French number ("+33123456789"), None when it is not one; "" stays ""."""
    text = (value or "").strip()
    if not text:
        return ""
    compact = _PHONE_SEPARATORS.sub("", text).replace("(0)", "")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if re.fullmatch(r"0[1-9]\d{8}", compact):
        return "+33" + compact[1:]
    if re.fullmatch(r"\+33[1-9]\d{8}", compact):
        return compact
    for prefix in OVERSEAS_PREFIXES:
        if re.fullmatch(rf"\+{prefix}\d{{6,9}}", compact):
            return compact
    return None


def phone_display(value: str) -> str:
    """+33123456789 -> "+33 1 23 45 67 89"; any other value as it is."""
    if re.fullmatch(r"\+33[1-9]\d{8}", value or ""):
        national = value[3:]
        return "+33 " + national[0] + " " + " ".join(national[i : i + 2] for i in range(1, 9, 2))
    return value or ""


def validate_phone(value: str) -> None:
    if normalise_phone(value) is None:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
