import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import translation

from . import notifications, throttling


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
        """allauth's emails go through the outbox (`accounts.notifications.account_email`): recorded, sent by
        the worker in the person's language, retried; never over SMTP inside the request."""
        notifications.account_email(template_prefix, email, context, render=self._render_for_outbox)

    def _render_for_outbox(self, template_prefix, email, context):
        """allauth's own rendering of an email that has no kind of its own (called in the message's language)."""
        request = context.get("request") or self.request
        return self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )

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
