"""Form fields shared by several apps."""

from django import forms
from django.core.exceptions import ValidationError

BIGINT_MAX = 2**63 - 1


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids outside the database's integer range with the field's own "invalid choice" message,
    before they reach the query (SQLite raises OverflowError on them)."""

    def _check_values(self, value):
        for item in value:
            text = str(item).strip()
            if text.isdigit() and int(text) > BIGINT_MAX:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
                )
        return super()._check_values(value)
