from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import QUESTION_MAX_LENGTH, Decision


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = True
    helper.add_input(Submit("submit", label))
    return helper


class AttestForm(forms.Form):
    """The partner's answer: confirm or dispute, with their words (required to dispute)."""

    decision = forms.ChoiceField(label=_("Votre réponse"), choices=Decision.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Vos mots (publiés avec votre réponse)"),
        help_text=_("Obligatoire pour contester : dites ce qui ne correspond pas."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Envoyer ma réponse"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.DISPUTE and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Dites pourquoi vous contestez cette mise à jour."))
        return cleaned


class QuestionForm(forms.Form):
    """A citizen's question: the text, an address for the answer, their consent. `website` is a honeypot that
    people do not see (hidden with CSS and from assistive technologies); a form sending it is ignored."""

    text = forms.CharField(
        label=_("Votre question"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Elle est publiée avec la réponse, sans votre nom ni votre adresse."),
    )
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Pour vous envoyer la réponse ; effacée une fois la réponse envoyée."),
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que la ville garde mon adresse le temps de me répondre (au plus trois mois), et que ma "
            "question soit publiée avec sa réponse."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour traiter votre question.")},
    )
    website = forms.CharField(
        label=_("Laissez ce champ vide"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Envoyer ma question"))
        self.helper.layout = Layout("text", "email", "consent", Div(Field("website"), css_class="visually-hidden"))

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
