from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SportsConfig(AppConfig):
    name = "sports"
    verbose_name = _("Espace sportif")
