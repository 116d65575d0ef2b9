"""The outbox's SMTP fixtures (a real SMTP sink) for the digest's delivery tests."""

from tests.notifications.conftest import smtp_settings, smtp_sink

__all__ = ["smtp_settings", "smtp_sink"]
