# Load the Celery app with Django so that .delay() uses the configured broker (see FIELD-NOTES).
from .celery import app as celery_app

__all__ = ("celery_app",)
