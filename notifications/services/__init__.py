"""Services of the notifications app. `from notifications.services import notify` is the one way to
email a person; the rest is delivery (delivery.py), alert subscriptions (subscriptions.py) and the
daily digest (digest.py)."""

from .delivery import (
    BatchResult,
    NotificationRetryLater,
    is_connection_error,
    is_transient,
    notification_enqueue,
    notification_enqueue_many,
    notification_render,
    notification_retry_failed,
    notification_send,
    notification_send_batch,
    notification_sweep,
    notify,
    retry_countdown,
)
from .digest import DigestResult, digest_send
from .subscriptions import (
    InvalidLink,
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
    "BatchResult",
    "DigestResult",
    "InvalidLink",
    "NotificationRetryLater",
    "confirmation_token",
    "digest_send",
    "is_connection_error",
    "is_transient",
    "normalize_email",
    "notification_enqueue",
    "notification_enqueue_many",
    "notification_render",
    "notification_retry_failed",
    "notification_send",
    "notification_send_batch",
    "notification_sweep",
    "notify",
    "read_confirmation_token",
    "retry_countdown",
    "subscription_confirm",
    "subscription_from_unsubscribe_token",
    "subscription_request",
    "subscription_send_confirmation",
    "subscription_unsubscribe",
    "unsubscribe_token",
    "unsubscribe_url",
]
