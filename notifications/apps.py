from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from . import kinds

        kinds.autodiscover()  # every <app>/notifications.py declares its kinds (notify() refuses others)
