"""Validators shared by several apps."""

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
