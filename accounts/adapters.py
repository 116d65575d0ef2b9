import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import translation

from . import throttling


class AccountAdapter(DefaultAccountAdapter):
    """Account emails go out in the person's preferred language (the page's language at sign-up); login
    failures are counted in the database (`accounts.throttling`) instead of allauth's cache."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.preferred_language = translation.get_language() or "fr"
        if commit:
            user.save()
        return user

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language() or "fr"
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_client_ip(self, request) -> str:
        """allauth's reading of `ALLAUTH_TRUSTED_PROXY_COUNT`, except that a request with fewer forwarded
        addresses than proxies (one that did not come through them) counts as its TCP peer instead of failing."""
        try:
            return super().get_client_ip(request)
        except (ImproperlyConfigured, PermissionDenied):
            return request.META.get("REMOTE_ADDR") or "unknown"

    def pre_authenticate(self, request, **credentials):
        """Refuse while the address or the account is blocked (the middleware answers 429 before this)."""
        if throttling.login_block(request, account=credentials.get("email")):
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request, **credentials):
        throttling.login_failure_record(request, account=credentials.get("email"))


def _fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"allauth.mfa:{key}".encode()).digest())) for key in keys]
    )


def reencrypt(token: str) -> str:
    """The same secret, encrypted with the current SECRET_KEY (see `manage.py reencrypt_second_factors`)."""
    return _fernet().rotate(token.encode()).decode()


class MFAAdapter(DefaultMFAAdapter):
    """Secrets (TOTP keys, recovery-code seeds) are stored encrypted with a key derived from SECRET_KEY
    (older keys in SECRET_KEY_FALLBACKS still decrypt); people who must use a second factor cannot remove
    their last one."""

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        try:
            return _fernet().decrypt(encrypted_text.encode()).decode()
        except InvalidToken:
            raise ImproperlyConfigured(
                "A second-factor secret cannot be decrypted: was SECRET_KEY changed without keeping the old one "
                "in SECRET_KEY_FALLBACKS?"
            ) from None

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        from .mfa import second_factor_required

        if authenticator.type == Authenticator.Type.RECOVERY_CODES or not second_factor_required(authenticator.user):
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exclude(pk=authenticator.pk)
        return others.exists()
