"""Delivery parameters. Each can be overridden in settings (the real-worker tests shorten the backoff)."""

from django.conf import settings

# How many records one task sends over one SMTP connection.
CHUNK_SIZE = 100
# Sent messages are recorded after this many emails. 1: each email is recorded as soon as the SMTP server
# accepts it, so a worker killed outright (SIGKILL, power cut) can repeat at most the one email whose
# acceptance it had not yet written: the unavoidable window of at-least-once delivery over SMTP. A larger
# group saves UPDATEs (about 10 % more emails per second at 10) but widens that window to the group.
MARK_SENT_EVERY = 1
# A record queued this long ago and still pending is presumed lost (Redis restarted empty, a worker
# killed) and queued again by the sweep (see sweep_grace_seconds()).
SWEEP_GRACE_SECONDS = 60
SWEEP_LIMIT = 5000
# A record claimed by a worker ("sending") for longer than this belongs to a worker that died; the sweep
# gives it back. Longer than the sending tasks' hard time limit (120 s). See sending_timeout().
SENDING_TIMEOUT = 300


def retry_backoff() -> float:
    """First retry delay in seconds; it doubles at each attempt."""
    return float(getattr(settings, "NOTIFICATIONS_RETRY_BACKOFF", 30))


def retry_backoff_max() -> float:
    return float(getattr(settings, "NOTIFICATIONS_RETRY_BACKOFF_MAX", 3600))


def max_attempts() -> int:
    """After this many transient failures the record is marked failed (staff can retry it)."""
    return int(getattr(settings, "NOTIFICATIONS_MAX_ATTEMPTS", 8))


def sweep_grace_seconds() -> float:
    return float(getattr(settings, "NOTIFICATIONS_SWEEP_GRACE", SWEEP_GRACE_SECONDS))


def sending_timeout() -> float:
    return float(getattr(settings, "NOTIFICATIONS_SENDING_TIMEOUT", SENDING_TIMEOUT))
