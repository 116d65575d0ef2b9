import time

from django.core.mail.backends.locmem import EmailBackend


class SlowEmailBackend(EmailBackend):
    """The in-memory backend, slow enough for two workers to overlap on one record."""

    def send_messages(self, messages):
        time.sleep(0.3)
        return super().send_messages(messages)
