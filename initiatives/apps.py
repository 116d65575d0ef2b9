from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives et lieux")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import search

        # The search vector's trigger and indexes (PostgreSQL), the accent folding function (SQLite).
        post_migrate.connect(search.install_after_migrate, sender=self, dispatch_uid="initiatives_search_install")
        connection_created.connect(search.register_fold, dispatch_uid="initiatives_search_fold")
        for connection in connections.all(initialized_only=True):
            search.register_fold(connection=connection)
