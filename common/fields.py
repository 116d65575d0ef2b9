"""Model fields shared by several apps."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models


class BoundedTextField(models.TextField):
    """A TextField with a maximum length that `full_clean()` enforces, as a CharField's is.

    Django passes a TextField's `max_length` to its form field (and to the textarea's `maxlength`) but
    never checks it on the model, so a service calling `full_clean()` would store any length. This one
    adds the `MaxLengthValidator`, whose message Django translates ("Assurez-vous que cette valeur
    comporte au plus N caractères (actuellement M)."). The column stays a plain `text`.
    """

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))

    def deconstruct(self):
        # The class adds only a validator implied by max_length: migrations keep a plain TextField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


class PhoneField(models.CharField):
    """A French phone number (common.validators.normalise_phone), refused with a message next to the field
    when it is not one, and stored in the international form whatever way it was typed: `full_clean()` (which
    every service and model form calls) puts the normalised value on the instance. Migrations see a plain
    CharField with its validator."""

    def __init__(self, *args, **kwargs):
        from .validators import validate_phone

        kwargs.setdefault("max_length", 30)
        kwargs["validators"] = [validate_phone]
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        from .validators import normalise_phone

        value = super().to_python(value)
        if value in (None, ""):
            return value
        normalised = normalise_phone(value)
        return value if normalised is None else normalised  # the validator then refuses it

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
