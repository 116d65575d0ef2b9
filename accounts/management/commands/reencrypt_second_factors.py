from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.adapters import reencrypt


class Command(BaseCommand):
    help = (
        "Encrypt every second-factor secret (TOTP keys, recovery-code seeds) with the current DJANGO_SECRET_KEY. "
        "Run it after changing the key, with the old one still in DJANGO_SECRET_KEY_FALLBACKS; then the old key "
        "may go."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        count = 0
        for authenticator in Authenticator.objects.select_for_update().exclude(type=Authenticator.Type.WEBAUTHN):
            data = dict(authenticator.data)
            for field in ("secret", "seed"):
                if field in data:
                    data[field] = reencrypt(data[field])
            if "migrated_codes" in data:
                data["migrated_codes"] = [reencrypt(code) for code in data["migrated_codes"]]
            if data != authenticator.data:
                authenticator.data = data
                authenticator.save(update_fields=["data"])
                count += 1
        self.stdout.write(f"{count} second factors re-encrypted.")
