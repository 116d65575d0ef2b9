"""The portal's URLs plus a page that fails, to see the 500 page as a visitor gets it."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def broken_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*urlpatterns, *i18n_patterns(path("test-erreur-500/", broken_view))]
