from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "config.admin.PortalAdminSite"

    def ready(self):
        from django.contrib import admin

        from common.admin_widgets import install
        from config.admin import register_schedule_admin

        install()  # before the ModelAdmins are registered: they copy the form field defaults then
        super().ready()
        register_schedule_admin(admin.site)  # after django-celery-beat registered its own
