"""Services of the outbox. `notify()` (outbox.py) records a message and queues it; apps call it from their
`<app>/notifications.py`. The rest is delivery (delivery.py): rendering, sending, retries and the sweep."""

from .delivery import (
    BatchResult,
    NotificationRetryLater,
    is_connection_error,
    is_transient,
    notification_render,
    notification_retry,
    notification_send,
    notification_send_batch,
    notification_sweep,
    retry_countdown,
)
from .outbox import (
    Message,
    message_language,
    notification_enqueue,
    notification_enqueue_many,
    notify,
    notify_many,
)

__all__ = [
    "BatchResult",
    "Message",
    "NotificationRetryLater",
    "is_connection_error",
    "is_transient",
    "message_language",
    "notification_enqueue",
    "notification_enqueue_many",
    "notification_render",
    "notification_retry",
    "notification_send",
    "notification_send_batch",
    "notification_sweep",
    "notify",
    "notify_many",
    "retry_countdown",
]
