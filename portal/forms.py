"""The form that reports an accessibility problem: no account needed; a hidden field that people leave
empty (bots fill it) and a limit per address (portal.views) keep automated posts out."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DESCRIPTION_MAX, AccessibilityReport

HONEYPOT = "site_web"


class AccessibilityReportForm(forms.ModelForm):
    site_web = forms.CharField(
        label=_("Laissez ce champ vide"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = AccessibilityReport
        fields = ["page_url", "description", "name", "email"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6, "maxlength": DESCRIPTION_MAX})}
        help_texts = {
            "page_url": _("L'adresse ou le titre de la page où le problème se pose (facultatif)."),
            "description": _(
                "Ce que vous cherchiez à faire, ce qui vous en a empêché, et ce que vous utilisez si vous le "
                "souhaitez (navigateur, lecteur d'écran, zoom…)."
            ),
            "email": _("Facultatif : sans adresse, nous ne pourrons pas vous répondre."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_url"].label = _("Page concernée")
        self.fields["description"].label = _("Description du problème")
        self.fields["name"].label = _("Votre nom (facultatif)")
        self.fields["email"].label = _("Votre adresse électronique")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "page_url",
            "description",
            "name",
            "email",
            Div(Field(HONEYPOT), css_class="visually-hidden", aria_hidden="true"),
            Submit("submit", _("Envoyer le signalement")),
        )

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))
