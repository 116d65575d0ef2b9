"""A list of codes from a fixed vocabulary, stored as JSON: works the same on SQLite and PostgreSQL.

Filtering on one code is `selectors.has_code(field, code)`: `@>` (JSON containment, GIN-indexable) on
PostgreSQL, a match of the quoted code in the JSON text on SQLite (codes are slugs, so `"code"` cannot
match inside another code).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class MultipleChoiceJSONField(models.JSONField):
    def __init__(self, *args, vocabulary: type[models.TextChoices] | None = None, **kwargs):
        self.vocabulary = vocabulary
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # The vocabulary is not part of the column: keep it out of migrations so a new code needs none.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value in self.empty_values:
            return
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(_("Une liste de valeurs est attendue."), code="invalid_list")
        if self.vocabulary is not None:
            allowed = set(self.vocabulary.values)
            unknown = [item for item in value if item not in allowed]
            if unknown:
                raise ValidationError(
                    _("Valeur inconnue : %(value)s."), code="invalid_choice", params={"value": ", ".join(unknown)}
                )
        if len(set(value)) != len(value):
            raise ValidationError(_("Une valeur est répétée."), code="duplicate")

    def formfield(self, **kwargs):
        if self.vocabulary is None:
            return super().formfield(**kwargs)
        return forms.TypedMultipleChoiceField(
            choices=self.vocabulary.choices,
            required=not self.blank,
            label=kwargs.get("label", capfirst(self.verbose_name)),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
