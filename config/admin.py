"""The admin site: French headers and a staff dashboard on the index page.

Each app may provide `<app>/dashboard.py` with `widgets(request) -> list[partnership.dashboard.Widget]`,
already limited to the cities the person administers.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from common.admin_widgets import admin_request_problem
from common.app_hooks import app_modules


def dashboard_widgets(request) -> list:
    return [widget for _app, module in app_modules("dashboard") for widget in module.widgets(request)]


class PortalAdminSite(admin.AdminSite):
    site_header = _("Partenariats numériques — administration")
    site_title = _("Partenariats numériques")
    index_title = _("Tableau de bord")
    index_template = "admin/portal_index.html"

    def get_urls(self):
        """Django's "view on site" shortcut (`r/<content type>/<id>/`) answers only for the objects the
        person's admin shows them: another city's object is answered with 404, like its change page."""
        return [
            path("r/<path:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site")
            if getattr(pattern, "name", None) == "view_on_site"
            else pattern
            for pattern in super().get_urls()
        ]

    def view_on_site(self, request, content_type_id, object_id):
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut

        if not request.user.is_superuser:
            try:
                model = ContentType.objects.get_for_id(content_type_id).model_class()
            except (ContentType.DoesNotExist, ValueError):
                raise Http404 from None
            model_admin = self._registry.get(model)
            if model_admin is None or not model_admin.has_view_or_change_permission(request):
                raise Http404
            try:
                visible = model_admin.get_queryset(request).filter(pk=object_id).exists()
            except (ValueError, ValidationError):
                raise Http404 from None
            if not visible:
                raise Http404
        return shortcut(request, content_type_id, object_id)

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        """One login door: the site's (allauth), with its limits and the second factor. A person already
        logged in without access to the admin gets the 403 page rather than a login loop."""
        index = reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(index)
            raise PermissionDenied
        return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or index, reverse("account_login"))

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard_widgets": dashboard_widgets(request)}
        return super().index(request, extra_context)

    def admin_view(self, view, cacheable=False):
        """Every admin page, once the person may see the admin: parameters Django's admin does not expect
        answer the site's 400 page rather than its 500 (common/admin_widgets.admin_request_problem)."""

        @wraps(view)
        def checked(request, *args, **kwargs):
            problem = admin_request_problem(request)
            if problem:
                raise BadRequest(problem)
            return view(request, *args, **kwargs)

        return super().admin_view(checked, cacheable)


def register_schedule_admin(site: admin.AdminSite) -> None:
    """django-celery-beat's crontab page shows a schedule "in words" computed by celery from the posted
    fields: a form with an invalid field ("-1" hours) raised ParseException while its errors were shown.
    The same page, with that line computed only from values celery accepts."""
    from celery.schedules import ParseException
    from django_celery_beat.admin import CrontabScheduleAdmin
    from django_celery_beat.models import CrontabSchedule

    class PortalCrontabScheduleAdmin(CrontabScheduleAdmin):
        readonly_fields = ("schedule_in_words",)
        fields = ("schedule_in_words", "minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")
        list_display = ("__str__", "schedule_in_words")

        @admin.display(description=_("en clair"))
        def schedule_in_words(self, obj):
            try:
                return obj.human_readable
            except (ParseException, ValueError, TypeError):
                return "—"

    if site.is_registered(CrontabSchedule):
        site.unregister(CrontabSchedule)
    site.register(CrontabSchedule, PortalCrontabScheduleAdmin)
