from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages layer on top of the apps: home, partnership pages, comparison, open-data index, legal pages,
    error pages and the demo loader. It may import every app; no app imports it."""

    name = "portal"
    verbose_name = _("Pages du portail")
