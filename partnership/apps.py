from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = _("Partenariats")

    def ready(self):
        from .admin_scoping import check_history_admins

        checks.register(check_history_admins, checks.Tags.admin)
