"""Abstract models the domain models share: when a row was created and changed, and whether it is an example."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TimestampedModel(models.Model):
    """`created_at` is set once when the row is inserted, `updated_at` at every save()."""

    created_at = models.DateTimeField(pgettext_lazy("horodatage", "date de création"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("horodatage", "date de modification"), auto_now=True)

    class Meta:
        abstract = True


class ExampleFlagModel(models.Model):
    """Rows made up for the demo, not taken from a public source, say so (pages show a notice on them)."""

    is_example = models.BooleanField(
        _("exemple illustratif"), default=False, help_text=_("Donnée d'exemple, non issue d'une source publique.")
    )

    class Meta:
        abstract = True
