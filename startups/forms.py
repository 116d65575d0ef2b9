"""Forms: one per section of the application, plus the recommendation, review and staff decision forms.

Each section's form marks its fields required when the person presses "Continuer"; "Enregistrer le
brouillon" keeps what is there without asking for the rest (formats are still checked).
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import escape, format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from common.forms import TextFieldset
from partnership.models import Organisation

from .constants import PITCH_DECK_MAX_BYTES, PITCH_DECK_MAX_PAGES, SCORE_MAX, SCORE_MIN, ApplicationStatus
from .models import Application
from .steps import COMPANY, CONTACT, PROJECT, step_by_slug
from .validators import normalise_siret, validate_pitch_deck, validate_recommendation_contact, validate_siret


def privacy_notice_url() -> str:
    """The portal's privacy notice page; settings.PRIVACY_NOTICE_URL (or /fr/confidentialite/) if it has none."""
    for name in ("portal:privacy", "privacy"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    url = getattr(settings, "PRIVACY_NOTICE_URL", "/fr/confidentialite/")
    return translate_url(url, get_language() or "fr")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class StepForm(forms.ModelForm):
    """A section of the application: the fields of its Step, required unless saving a draft."""

    step_slug = ""

    def __init__(self, *args, call, draft: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        step = step_by_slug(call, self.step_slug)
        for name in list(self.fields):
            if name not in step.fields:
                del self.fields[name]
        for name, field in self.fields.items():
            field.required = not draft and name in step.required
        self.helper = _helper()


class CompanyForm(StepForm):
    step_slug = COMPANY

    siret = forms.CharField(
        label=_("SIRET"),
        max_length=20,  # spaces and dots are accepted, then removed
        required=False,
        help_text=_("14 chiffres, sur votre extrait Kbis ou sur annuaire-entreprises.data.gouv.fr."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    website = forms.URLField(
        label=_("Site web"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("Par exemple : https://www.exemple.fr"),
    )

    class Meta:
        model = Application
        fields = ["company_name", "siret", "legal_form", "founded_on", "team_size", "stage", "sector", "website"]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_siret(self) -> str:
        siret = normalise_siret(self.cleaned_data.get("siret", ""))
        if not siret:
            return siret
        validate_siret(siret)
        duplicates = (
            Application.objects.filter(call=self.call, siret=siret)
            .exclude(status=ApplicationStatus.WITHDRAWN)
            .exclude(pk=self.instance.pk)
        )
        if duplicates.exists():
            raise forms.ValidationError(
                _("Une candidature existe déjà pour ce SIRET à cet appel : une seule candidature par entreprise."),
                code="duplicate_siret",
            )
        return siret


class ProjectForm(StepForm):
    step_slug = PROJECT

    class Meta:
        model = Application
        fields = ["product_description", "environmental_impact", "impact_measurement", "sought"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}
        help_texts = {
            "product_description": _("Ce que fait votre produit, pour qui, et ce qui le distingue."),
            "environmental_impact": _("Quel effet sur l'environnement (émissions, ressources, biodiversité) ?"),
            "impact_measurement": _("Les indicateurs suivis, la méthode et la fréquence de mesure."),
            "sought": _("Conseil, financement, mise en relation, mentorat : ce qui vous aiderait le plus."),
        }


class ContactForm(StepForm):
    step_slug = CONTACT

    class Meta:
        model = Application
        fields = ["contact_name", "contact_email", "contact_phone"]
        widgets = {"contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}


class RecommendationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Acteur régional de l'innovation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choisissez un acteur"),
    )
    contact_email = forms.EmailField(
        label=_("Courriel de la personne qui vous recommande"),
        max_length=254,
        help_text=_("Elle recevra un lien, valable 14 jours, pour confirmer ou décliner la recommandation."),
    )

    def __init__(self, *args, call, draft: bool = False, application=None, applicant=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            is_innovation_actor=True, cities=call.initiative.partnership.city_id
        ).order_by("name")
        self.own_emails = [
            getattr(applicant, "email", ""),
            getattr(getattr(application, "applicant", None), "email", ""),
            getattr(application, "contact_email", ""),
        ]
        self.website = getattr(application, "website", "")
        self.helper = _helper()

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("contact_email")
        if email and "organisation" not in self.errors:
            try:
                validate_recommendation_contact(
                    email,
                    organisation=cleaned_data.get("organisation"),
                    own_emails=self.own_emails,
                    website=self.website,
                )
            except forms.ValidationError as error:
                self.add_error("contact_email", error)
        return cleaned_data


class PitchDeckForm(forms.Form):
    pitch_deck = forms.FileField(
        label=_("Présentation de votre projet (PDF)"),
        validators=[validate_pitch_deck],
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"empty": _("Le fichier est vide.")},
    )

    def __init__(self, *args, call=None, draft: bool = False, has_file: bool = False, upload_refusal=None, **kwargs):
        """`upload_refusal`: the upload handler's reason for cutting the file off (too large), if it did."""
        super().__init__(*args, **kwargs)
        self.upload_refusal = upload_refusal
        field = self.fields["pitch_deck"]
        field.required = not draft and not has_file and upload_refusal is None
        field.help_text = gettext(
            "Un PDF de %(size)s et %(pages)s pages au plus, sans mot de passe, pièce jointe ni script."
        ) % {"size": filesizeformat(PITCH_DECK_MAX_BYTES), "pages": PITCH_DECK_MAX_PAGES}
        if has_file:
            field.label = _("Remplacer la présentation (PDF)")
        self.helper = _helper()

    def clean_pitch_deck(self):
        if self.upload_refusal is not None:
            raise self.upload_refusal
        return self.cleaned_data.get("pitch_deck")


class SubmitForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "J'accepte que les informations de ce dossier soient traitées par la ville et ses évaluateurs pour "
            "instruire ma candidature."
        ),
        error_messages={
            "required": _("Cochez la case pour accepter le traitement de vos données : sans cela, pas de dépôt.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>.',
            _("Vos droits et la durée de conservation sont décrits dans la"),
            privacy_notice_url(),
            _("politique de confidentialité"),
        )
        self.helper = _helper()


class WithdrawForm(forms.Form):
    message = forms.CharField(
        label=_("Pourquoi retirez-vous votre candidature ? (facultatif)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class RecommendationResponseForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=[("confirm", _("Je recommande cette start-up")), ("decline", _("Je ne la recommande pas"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Commentaire pour la ville (facultatif)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class InterestDeclarationForm(forms.Form):
    declaration = forms.ChoiceField(
        label=_("Votre déclaration"),
        choices=[
            (
                "no_conflict",
                _(
                    "Je déclare n'avoir aucun lien personnel, professionnel ou financier avec cette entreprise ni ses dirigeants."
                ),
            ),
            ("conflict", _("J'ai un conflit d'intérêts : je ne peux pas évaluer cette candidature.")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ScoreForm(forms.Form):
    """One score (0 to 5) and one comment per criterion of the call."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.criteria = list(criteria)
        fieldsets = []
        choices = [("", "—")] + [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]
        for criterion in self.criteria:
            existing = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("Note (0 à 5)"),
                choices=choices,
                coerce=int,
                initial=str(existing.score) if existing else "",
                help_text=escape(criterion.description),  # help texts are rendered as HTML
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Commentaire"),
                max_length=2000,
                required=False,
                initial=existing.comment if existing else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            fieldsets.append(
                TextFieldset(
                    f"{criterion.name} (×{criterion.weight})", f"score_{criterion.pk}", f"comment_{criterion.pk}"
                )
            )
        self.helper = _helper()
        self.helper.layout = Layout(*fieldsets)

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }


class StaffDecisionForm(forms.Form):
    """Admin: move one application to the next status, with a message for the applicant."""

    to_status = forms.ChoiceField(label=_("Nouveau statut"))
    message = forms.CharField(
        label=_("Message au candidat"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("Envoyé par courriel et visible sur sa page « Mes candidatures ». Obligatoire pour un refus."),
    )

    def __init__(self, *args, targets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(t, ApplicationStatus(t).label) for t in targets]


class RejectForm(forms.Form):
    """Admin bulk action: the reason sent to every applicant refused."""

    message = forms.CharField(
        label=_("Motif du refus"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("Envoyé à chaque candidat concerné et visible sur sa page."),
    )


STEP_FORMS = {COMPANY: CompanyForm, PROJECT: ProjectForm, CONTACT: ContactForm}
