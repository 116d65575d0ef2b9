import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnership.models import City, Partnership

from .constants import Audience, InitiativeStatus, PlaceFee, PlacePublic, PlaceService
from .models import Category, Initiative, Place
from .selectors import place_postcodes


class InitiativeFilter(django_filters.FilterSet):
    """Catalogue filters. Values are slugs so URLs stay readable and shareable."""

    q = django_filters.CharFilter(label=_("Rechercher"), method="filter_q", max_length=200)
    city = django_filters.ModelChoiceFilter(
        label=_("Ville"),
        field_name=Initiative.city_path,
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


class PlaceFilter(django_filters.FilterSet):
    """Directory filters; values are codes and slugs so a filtered list is a URL one can share."""

    city = django_filters.ModelChoiceFilter(
        label=_("Ville"),
        field_name="city",
        to_field_name="slug",
        queryset=City.objects.all(),
        empty_label=_("Toutes les villes"),
    )
    postcode = django_filters.ChoiceFilter(
        label=_("Code postal ou arrondissement"), choices=place_postcodes, empty_label=_("Tous")
    )
    service = django_filters.ChoiceFilter(
        label=_("Service"), choices=PlaceService.choices, empty_label=_("Tous les services"), method="filter_code"
    )
    public = django_filters.ChoiceFilter(
        label=_("Public"), choices=PlacePublic.choices, empty_label=_("Tous les publics"), method="filter_code"
    )
    open_now = django_filters.BooleanFilter(
        label=_("Ouvert maintenant"), widget=forms.CheckboxInput, method="filter_open_now"
    )
    free = django_filters.BooleanFilter(label=_("Gratuit"), widget=forms.CheckboxInput, method="filter_free")

    CODE_FIELDS = {"service": "services", "public": "publics"}

    class Meta:
        model = Place
        fields = ["city", "postcode", "service", "public", "open_now", "free"]

    def __init__(self, *args, now=None, **kwargs):
        self.now = now
        super().__init__(*args, **kwargs)

    def filter_code(self, queryset, name, value):
        from .selectors import has_code

        return queryset.filter(has_code(self.CODE_FIELDS[name], value)) if value else queryset

    def filter_free(self, queryset, name, value):
        from .selectors import has_code

        return queryset.filter(has_code("fees", PlaceFee.FREE)) if value else queryset

    def filter_open_now(self, queryset, name, value):
        from .selectors import places_open_at

        return places_open_at(queryset, self.now or timezone.now()) if value else queryset
