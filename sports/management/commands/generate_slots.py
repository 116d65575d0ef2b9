from django.core.management.base import BaseCommand, CommandError

from sports.models import SportsResource
from sports.services import slots_generate


class Command(BaseCommand):
    help = "Create the bookable slots of the sports space for the weeks ahead (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--resource", help="Slug of one resource (default: every active resource).")

    def handle(self, *args, **options):
        resources = SportsResource.objects.filter(is_active=True)
        if options["resource"]:
            resources = resources.filter(slug=options["resource"])
            if not resources.exists():
                raise CommandError(f"No active resource with slug {options['resource']!r}.")
        for resource in resources:
            created = slots_generate(resource=resource)
            self.stdout.write(f"{resource.slug}: {created} slot(s) created")
