from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.forms import BoundedModelMultipleChoiceField
from partnership.models import City

from .models import Subscription


class SubscriptionForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Nous vous enverrons un lien pour confirmer votre abonnement."),
    )
    cities = BoundedModelMultipleChoiceField(
        label=_("Villes"),
        queryset=City.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ne cochez rien pour recevoir les nouveautés de toutes les villes."),
    )
    categories = BoundedModelMultipleChoiceField(
        label=_("Catégories"),
        queryset=Subscription.category_model().objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ne cochez rien pour recevoir toutes les catégories."),
    )
    language = forms.ChoiceField(label=_("Langue des courriels"), choices=settings.LANGUAGES, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.add_input(Submit("submit", _("M'abonner aux alertes")))
