"""Services of the alerts: subscriptions with double opt-in and one-click unsubscribe (subscriptions.py), and
the daily digest (digest.py). Their messages are built in alerts/notifications.py."""

from .digest import DigestResult, digest_send
from .subscriptions import (
    INVALID_LINK,
    confirmation_token,
    normalize_email,
    read_confirmation_token,
    subscription_confirm,
    subscription_from_unsubscribe_token,
    subscription_request,
    subscription_send_confirmation,
    subscription_unsubscribe,
    unsubscribe_token,
    unsubscribe_url,
)

__all__ = [
    "DigestResult",
    "INVALID_LINK",
    "confirmation_token",
    "digest_send",
    "normalize_email",
    "read_confirmation_token",
    "subscription_confirm",
    "subscription_from_unsubscribe_token",
    "subscription_request",
    "subscription_send_confirmation",
    "subscription_unsubscribe",
    "unsubscribe_token",
    "unsubscribe_url",
]
