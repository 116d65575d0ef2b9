"""The django.contrib.sites row, which allauth reads for the site's name and domain in its emails."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site

SITE_NAME = "Partenariats numériques"


def site_sync() -> Site:
    """The row of SITE_ID with SITE_URL's host and port (`make run PORT=8765` gives 127.0.0.1:8765)."""
    domain = urlsplit(settings.SITE_URL).netloc or "127.0.0.1:8000"
    site, _created = Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": SITE_NAME})
    Site.objects.clear_cache()
    return site
