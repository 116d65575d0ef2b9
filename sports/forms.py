from __future__ import annotations

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _


class SlotBlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du blocage"),
        max_length=200,
        initial=_("Maintenance"),
        error_messages={"required": _("Indiquez le motif du blocage.")},
        help_text=_("Les personnes inscrites reçoivent ce motif par courriel."),
    )


class DayForm(forms.Form):
    day = forms.DateField(
        label=_("Jour"),
        widget=forms.DateInput(attrs={"type": "date"}),
        # A day the desk could look at: the years around now (a year 9999 would overflow the day's end).
        validators=[MinValueValidator(dt.date(2000, 1, 1)), MaxValueValidator(dt.date(2100, 12, 31))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("submit", _("Afficher"), css_class="btn btn-outline-primary"))
