"""Form fields, crispy layout objects and the service-error helper shared by several apps.

Services signal a refusal one way: `django.core.exceptions.ValidationError` with a `code`, as a dict
`{field: [ValidationError(...)]}` when the error belongs to a field. `add_service_errors` puts such an
error on the form that asked for the change (views and admin pages alike).
"""

from crispy_forms.layout import TEMPLATE_PACK, Fieldset
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.template.loader import render_to_string
from django.utils.html import conditional_escape

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


class TextFieldset(Fieldset):
    """A crispy Fieldset whose legend is plain text. Crispy's own Fieldset renders its legend as a Django
    template and outputs it unescaped, so a name typed by staff would be both markup and template code
    there (`{{ ... }}`, `{% ... %}`); this one escapes it and never evaluates it."""

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        context.update({"fieldset": self, "legend": conditional_escape(self.legend), "fields": fields})
        return render_to_string(self.get_template_name(template_pack), context.flatten())


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's `ValidationError` on `form`: each field error beside its field when the form has
    that field, everything else (a plain error, or a field the form does not show) above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.error_list)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)
