"""What accounts does when Django or allauth report a login event (connected in `AccountsConfig.ready`)."""

from __future__ import annotations

from allauth.account.signals import password_reset
from allauth.mfa.signals import authentication_failed, authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import notifications, throttling
from .mfa import FACTOR_TYPES, record_second_factor


@receiver(user_logged_in, dispatch_uid="accounts.login_success")
def _login_succeeded(sender, request, user, **kwargs) -> None:
    throttling.login_success_record(account=user.email)


@receiver(password_reset, dispatch_uid="accounts.password_reset_ends_throttle")
def _password_was_reset(sender, request, user, **kwargs) -> None:
    throttling.login_success_record(account=user.email)


@receiver(authentication_failed, dispatch_uid="accounts.second_factor_failed")
def _second_factor_failed(sender, request, user, **kwargs) -> None:
    throttling.login_failure_record(request, account=user.email)


@receiver(authenticator_added, dispatch_uid="accounts.second_factor_added")
def _second_factor_added(sender, request, user, authenticator, **kwargs) -> None:
    if authenticator.type not in FACTOR_TYPES:
        return
    if request is not None and request.user.is_authenticated and request.user.pk == user.pk:
        # Setting it up meant typing its first code (or touching the key): this session has used it.
        record_second_factor(request, authenticator)
    _tell_owner(user, authenticator, "added")


@receiver(authenticator_removed, dispatch_uid="accounts.second_factor_removed")
def _second_factor_removed(sender, request, user, authenticator, **kwargs) -> None:
    if authenticator.type in FACTOR_TYPES:
        _tell_owner(user, authenticator, "removed")


def _tell_owner(user, authenticator, change: str) -> None:
    """A second factor appeared on or left the account: its owner hears of it, in case it was not them."""
    notifications.second_factor_changed(user, authenticator, change)
