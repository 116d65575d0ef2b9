from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from common import page_cache

        # Every write through Django's connections is seen, in the web workers, Celery and commands alike.
        connection_created.connect(page_cache.install_watcher, dispatch_uid="page_cache_watcher")
        for connection in connections.all(initialized_only=True):
            page_cache.install_watcher(connection=connection)
