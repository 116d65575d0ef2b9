from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import SCORE_MAX, SCORE_MIN, NominationKind
from .models import Category, Nomination


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = True
    helper.add_input(Submit("submit", label))
    return helper


class NominationForm(forms.ModelForm):
    """The public nomination form: the project, and one address to confirm it (nothing else about the person)."""

    category = forms.ModelChoiceField(label=_("Catégorie"), queryset=Category.objects.none(), empty_label=None)
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Pour confirmer la proposition. Elle n'est ni publiée ni gardée après la confirmation."),
    )

    class Meta:
        model = Nomination
        fields = [
            "category",
            "name",
            "description",
            "website",
            "repository_url",
            "licence",
            "organisation",
            "organisation_domain",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "repository_url": _("Obligatoire pour un projet : l'adresse publique du code source (https://…)."),
            "licence": _("L'identifiant SPDX d'une licence approuvée par l'Open Source Initiative."),
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(edition=edition).order_by("order", "pk")
        self.fields["licence"].choices = [("", _("Choisissez une licence"))] + list(self.fields["licence"].choices)[1:]
        self.helper = _helper(_("Envoyer la proposition"))

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        project = category and category.kind == NominationKind.PROJECT
        if project and not cleaned.get("repository_url") and "repository_url" not in self.errors:
            self.add_error("repository_url", _("Un projet libre se propose avec l'adresse de son code source."))
        company = category and category.kind == NominationKind.COMPANY
        if company and not cleaned.get("website") and "website" not in self.errors:
            self.add_error("website", _("Une entreprise se propose avec l'adresse de son site."))
        return cleaned


class VoteForm(forms.Form):
    nomination = forms.ModelChoiceField(
        label=_("Votre choix"), queryset=Nomination.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Pour confirmer le vote : une voix par adresse et par catégorie. L'adresse n'est pas gardée."),
    )

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = (
            Nomination.objects.accepted().filter(category=category).order_by("name", "pk")
        )
        self.helper = _helper(_("Voter"))


class DeclarationForm(forms.Form):
    organisations = forms.CharField(
        label=_("Organisations auxquelles vous appartenez ou avez appartenu depuis trois ans"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Une par ligne : employeurs, clients, associations, projets où vous avez un rôle."),
    )
    declaration = forms.CharField(
        label=_("Autres liens d'intérêts"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    sworn = forms.BooleanField(
        label=_("Je déclare sur l'honneur que ces informations sont exactes et complètes."), required=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Enregistrer ma déclaration"))


SCORE_CHOICES = [("", "—")] + [(value, str(value)) for value in range(SCORE_MIN, SCORE_MAX + 1)]


class ScoreForm(forms.Form):
    """One select per criterion of the edition, 0 to 5."""

    def __init__(self, *args, criteria, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (poids %(weight)s)") % {"name": criterion.name, "weight": criterion.weight},
                choices=SCORE_CHOICES,
                coerce=int,
                initial=(initial_scores or {}).get(criterion.pk),
            )
        self.helper = _helper(_("Enregistrer mes notes"))

    def scores(self) -> dict[int, int]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}


class ConflictForm(forms.Form):
    detail = forms.CharField(label=_("Précisez le lien (facultatif)"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "conflit"
        self.helper.add_input(Submit("declare_conflict", _("Je déclare un conflit d'intérêts avec cette proposition")))
