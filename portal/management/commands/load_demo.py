"""Load the demo data of every app, in dependency order. Safe to run again: rows are updated in place."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from common.app_hooks import app_modules
from portal.site import site_sync

DEMO_PASSWORD = "demo-partenariats-2026"  # noqa: S105 - a published demo login, created only by this command


class Command(BaseCommand):
    help = "Load the demo data (Paris and Lyon partnerships from the seed article) and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--no-accounts", action="store_true", help="Do not create the demo accounts.")

    def handle(self, *args, **options):
        site_sync()
        for app, module in app_modules("demo"):
            module.load()
            self.stdout.write(f"  demo data loaded: {app}")
        if not options["no_accounts"]:
            self._accounts()

    def _accounts(self) -> None:
        from accounts.mfa import DEMO_TOTP_SECRET, demo_totp_enable
        from accounts.roles import CITY_STAFF, REVIEWERS, setup_roles
        from partnership.models import City

        groups = setup_roles()
        User = get_user_model()
        accounts = [
            ("admin@demo.partenariats.example", {"is_staff": True, "is_superuser": True}, None),
            ("agent.paris@demo.partenariats.example", {"is_staff": True}, "paris"),
            ("agent.lyon@demo.partenariats.example", {"is_staff": True}, "lyon"),
            ("evaluateur@demo.partenariats.example", {}, None),
        ]
        for email, flags, city_slug in accounts:
            user, created = User.objects.get_or_create(email=email, defaults=flags)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                from allauth.account.models import EmailAddress

                EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
            if city_slug:
                City.objects.get(slug=city_slug).staff.add(user)
                user.groups.add(groups[CITY_STAFF])
            if email.startswith("evaluateur@"):
                user.groups.add(groups[REVIEWERS])
            demo_totp_enable(user=user)  # staff and reviewers must use a second factor
        self.stdout.write(
            self.style.SUCCESS(
                "Demo staff login: admin@demo.partenariats.example / "
                f"{DEMO_PASSWORD} (city staff: agent.paris@… and agent.lyon@…; reviewer: evaluateur@…; same password)\n"
                f"Second factor of these demo accounts: authenticator-app secret {DEMO_TOTP_SECRET} (add it to any "
                "TOTP app), or print the current code with: python manage.py demo_totp admin@demo.partenariats.example"
            )
        )
