from datetime import datetime

from . import kinds
from .models import Notification


def messages_sent_since(*, kind: kinds.Kind | str, email: str, since: datetime) -> int:
    """How many messages of `kind` were recorded for `email` since `since` (whatever became of them)."""
    return Notification.objects.filter(kind=kinds.get(kind).name, email=email, created_at__gte=since).count()
