"""Audit history (django-simple-history) written only when something was actually changed.

simple-history writes a full copy of the row on every `save()`: a draft saved again unchanged, a
subscription form sent twice, an admin page saved without edits would each add one. Every tracked
model uses `HistoricalRecords` from here (directly or through `simple_history.register(...,
records_class=HistoricalRecords)`): an update whose tracked fields all equal the latest version writes
nothing. Creations and deletions are always recorded.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords as BaseHistoricalRecords
from simple_history.template_utils import HistoricalRecordContextHelper

from .dates import format_date, format_datetime

# Labels of the models whose history is written by the class below (a test checks every tracked model is).
CHANGES_ONLY: set[str] = set()


class HistoricalRecords(BaseHistoricalRecords):
    def create_history_model(self, model, inherited):
        CHANGES_ONLY.add(model._meta.label)
        return super().create_history_model(model, inherited)

    def post_save(self, instance, created, using=None, **kwargs):
        recording = getattr(settings, "SIMPLE_HISTORY_ENABLED", True) and not hasattr(
            instance, "skip_history_when_saving"
        )
        if recording and not created and not kwargs.get("raw", False) and self.is_unchanged(instance, using=using):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def compared_fields(self, instance) -> list[models.Field]:
        """The tracked fields, without timestamps that move on every save (`auto_now`)."""
        return [field for field in self.fields_included(instance) if not getattr(field, "auto_now", False)]

    def is_unchanged(self, instance, *, using=None) -> bool:
        """True when the latest recorded version holds the same value for every compared field."""
        attnames = [field.attname for field in self.compared_fields(instance)]
        versions = getattr(instance, self.manager_name)
        if self.use_base_model_db and using:
            versions = versions.using(using)
        latest = versions.order_by("-history_date", "-history_id").values(*attnames).first()
        if latest is None:
            return False
        # The instance's value on the left: a FieldFile compares equal to its stored name.
        return all(getattr(instance, name) == latest[name] for name in attnames)


class ReadableHistoryContextHelper(HistoricalRecordContextHelper):
    """The "changes" column of the admin's history pages as a person reads it: a status's label, not its
    code ("Déposée → En cours d'examen", not `submitted → under_review`); dates and times on the city's
    clock without microseconds; yes/no; an empty value as a dash. Used by every history page through
    `partnership.admin_scoping.ScopedHistoryAdminMixin`."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return readable_value(self.model._meta.get_field(change.field), value)


def readable_value(field: models.Field, value):
    from django.utils.translation import pgettext

    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return [readable_value(field, item) for item in value]
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return pgettext("oui ou non", "oui") if value else pgettext("oui ou non", "non")
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return value
