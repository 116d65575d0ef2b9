from django.core.management.base import BaseCommand
from django.db import connection

from initiatives import search


class Command(BaseCommand):
    help = "Rewrite every search vector of the catalogue (PostgreSQL; the trigger is installed by migrate)."

    def handle(self, *args, **options):
        count = search.refresh(connection)
        self.stdout.write(f"{count} search vectors rewritten.")
