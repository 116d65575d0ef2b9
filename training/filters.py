import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from partnership.models import City

from .constants import Trade
from .models import Programme


class ProgrammeFilter(django_filters.FilterSet):
    """Programme list filters. Values are slugs and codes so URLs stay readable and shareable."""

    trade = django_filters.ChoiceFilter(label=_("Métier"), choices=Trade.choices, empty_label=_("Tous les métiers"))
    city = django_filters.ModelChoiceFilter(
        label=_("Ville"),
        field_name=Programme.city_path,
        to_field_name="slug",
        queryset=City.objects.all(),
        empty_label=_("Toutes les villes"),
    )
    upcoming = django_filters.BooleanFilter(
        label=_("Avec une session à venir"), method="filter_upcoming", widget=forms.CheckboxInput
    )
    seats = django_filters.BooleanFilter(
        label=_("Avec des places disponibles"), method="filter_seats", widget=forms.CheckboxInput
    )

    class Meta:
        model = Programme
        fields = ["trade", "city", "upcoming", "seats"]

    def filter_upcoming(self, queryset, name, value):
        from .selectors import with_upcoming_session

        return with_upcoming_session(queryset) if value else queryset

    def filter_seats(self, queryset, name, value):
        from .selectors import with_seats_left

        return with_seats_left(queryset) if value else queryset
