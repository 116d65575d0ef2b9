"""The admin site: French headers and a staff dashboard on the index page.

Each app may provide `<app>/dashboard.py` with `widgets(request) -> list[partnership.dashboard.Widget]`,
already limited to the cities the person administers.
"""

from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


def dashboard_widgets(request) -> list:
    widgets = []
    for app in settings.LOCAL_APPS:
        try:
            module = import_module(f"{app}.dashboard")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.dashboard":
                raise
            continue
        widgets.extend(module.widgets(request))
    return widgets


class PortalAdminSite(admin.AdminSite):
    site_header = _("Partenariats numériques — administration")
    site_title = _("Partenariats numériques")
    index_title = _("Tableau de bord")
    index_template = "admin/portal_index.html"

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard_widgets": dashboard_widgets(request)}
        return super().index(request, extra_context)
