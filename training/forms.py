from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import RegistrationStatus, Situation
from .models import Session, france_travail_id_validator


class RegistrationForm(forms.Form):
    situation = forms.ChoiceField(label=_("Votre situation"), choices=[("", _("— Choisissez —")), *Situation.choices])
    motivation = forms.CharField(
        label=_("Pourquoi souhaitez-vous suivre cette formation ?"),
        help_text=_("Quelques lignes suffisent : votre projet, ce que vous attendez de la formation."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    france_travail_id = forms.CharField(
        label=_("Identifiant France Travail (facultatif)"),
        help_text=_("7 chiffres puis un chiffre ou une lettre, par exemple 1234567A."),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que mes réponses soient transmises à l'organisme de formation et à la ville pour traiter "
            "mon inscription (conservées deux ans après la session)."
        ),
        error_messages={"required": _("Votre accord est nécessaire pour traiter votre inscription.")},
    )

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        if not session.programme.asks_france_travail_id:
            del self.fields["france_travail_id"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Envoyer mon inscription")))

    def clean_france_travail_id(self) -> str:
        value = "".join(self.cleaned_data.get("france_travail_id", "").split()).upper()
        if value:
            france_travail_id_validator(value)
        return value


class AttendanceForm(forms.Form):
    """Presence per confirmed person and day (present, absent or not taken), and completion per person."""

    CHOICES = [("", _("Non relevé")), ("1", _("Présent·e")), ("0", _("Absent·e"))]

    def __init__(self, *args, registrations, days, attendance: dict[tuple[int, int], bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
        self.days = list(days)
        self.rows = []
        for registration in self.registrations:
            cells = []
            for day in self.days:
                name = f"p-{registration.pk}-{day.pk}"
                present = attendance.get((registration.pk, day.pk))
                self.fields[name] = forms.ChoiceField(
                    label=_("Présence de %(person)s le %(day)s") % {"person": registration.person, "day": day},
                    choices=self.CHOICES,
                    required=False,
                    initial="" if present is None else ("1" if present else "0"),
                )
                cells.append(self[name])
            completed = f"c-{registration.pk}"
            self.fields[completed] = forms.BooleanField(
                label=_("%(person)s a achevé la formation") % {"person": registration.person},
                required=False,
                initial=registration.completed,
            )
            self.rows.append((registration, cells, self[completed]))

    def marks(self) -> dict[tuple[int, int], bool | None]:
        result = {}
        for registration in self.registrations:
            for day in self.days:
                value = self.cleaned_data.get(f"p-{registration.pk}-{day.pk}", "")
                result[(registration.pk, day.pk)] = None if value == "" else value == "1"
        return result

    def completed_ids(self) -> set[int]:
        return {r.pk for r in self.registrations if self.cleaned_data.get(f"c-{r.pk}")}
