"""Give django.contrib.sites' row (what allauth's emails name) the domain of SITE_URL. `make run` runs it."""

from django.core.management.base import BaseCommand

from portal.site import site_sync


class Command(BaseCommand):
    help = "Set the site's domain (e.g. 127.0.0.1:8765) and name from SITE_URL, for the links and names in allauth's emails."

    def handle(self, *args, **options):
        site = site_sync()
        if options["verbosity"]:
            self.stdout.write(f"Site: {site.name} ({site.domain})")
