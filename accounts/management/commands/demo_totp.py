from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.mfa import demo_totp_code


class Command(BaseCommand):
    help = (
        "Print the current second-factor code of a demo account (created by load_demo, with the published demo "
        "secret). Refuses every other account."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account {email}.")
        try:
            code, seconds = demo_totp_code(user=user)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(code)
        self.stderr.write(f"valid for {seconds} more seconds")
