"""Public forms of the places: where are you (a postcode or a commune, no JavaScript needed) and report an error."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PlaceReport

HONEYPOT_FIELD = "site_web_de_contact"


class NearForm(forms.Form):
    """The directory's "near an address" field: a postcode, a commune or an address containing one. The point is
    the centre of the portal's own places there (no geocoder is asked)."""

    pres_de = forms.CharField(
        label=_("Près d'un code postal ou d'une commune"),
        max_length=200,
        required=False,
        help_text=_("Par exemple « 75011 », « Lyon » ou « 12 rue Oberkampf 75011 Paris »."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text"}),
    )


class PlaceReportForm(forms.ModelForm):
    """A short public form: what is wrong and what should be corrected. No account and no address asked.
    The hidden field is a trap for robots (people never see it): a form that fills it is dropped quietly."""

    site_web_de_contact = forms.CharField(
        label=_("Ne remplissez pas ce champ"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = PlaceReport
        fields = ["topic", "message"]
        widgets = {"topic": forms.RadioSelect, "message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [c for c in self.fields["topic"].choices if c[0]]
        self.helper = FormHelper()
        self.helper.form_tag = False

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())
