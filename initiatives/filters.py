import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from partnership.models import City, Partnership

from .constants import Audience, InitiativeStatus
from .models import Category, Initiative


class InitiativeFilter(django_filters.FilterSet):
    """Catalogue filters. Values are slugs so URLs stay readable and shareable."""

    q = django_filters.CharFilter(label=_("Rechercher"), method="filter_q")
    city = django_filters.ModelChoiceFilter(
        label=_("Ville"),
        field_name="partnership__city",
        to_field_name="slug",
        queryset=City.objects.all(),
        empty_label=_("Toutes les villes"),
    )
    partnership = django_filters.ModelChoiceFilter(
        label=_("Partenariat"),
        to_field_name="slug",
        queryset=Partnership.objects.select_related("city"),
        empty_label=_("Tous les partenariats"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Catégorie"),
        to_field_name="slug",
        queryset=Category.objects.all(),
        empty_label=_("Toutes les catégories"),
    )
    audience = django_filters.ChoiceFilter(
        label=_("Public"), choices=Audience.choices, empty_label=_("Tous les publics")
    )
    status = django_filters.ChoiceFilter(
        label=_("Statut"), choices=InitiativeStatus.choices, empty_label=_("Tous les statuts")
    )

    class Meta:
        model = Initiative
        fields = ["q", "city", "partnership", "category", "audience", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(attrs={"type": "search"})

    def filter_q(self, queryset, name, value):
        from .selectors import initiative_search

        return initiative_search(queryset, value)
