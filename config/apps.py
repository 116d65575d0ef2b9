from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "config.admin.PortalAdminSite"

    def ready(self):
        from common.admin_widgets import install

        install()  # before the ModelAdmins are registered: they copy the form field defaults then
        super().ready()
