"""The admin site: French headers and a staff dashboard on the index page.

Each app may provide `<app>/dashboard.py` with `widgets(request) -> list[partnership.dashboard.Widget]`,
already limited to the cities the person administers.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.app_hooks import app_modules


def dashboard_widgets(request) -> list:
    return [widget for _app, module in app_modules("dashboard") for widget in module.widgets(request)]


class PortalAdminSite(admin.AdminSite):
    site_header = _("Partenariats numériques — administration")
    site_title = _("Partenariats numériques")
    index_title = _("Tableau de bord")
    index_template = "admin/portal_index.html"

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard_widgets": dashboard_widgets(request)}
        return super().index(request, extra_context)
