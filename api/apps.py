"""The read-only query API under /api/v1/: partnerships, commitments, initiatives, places, training sessions
and calls for applications, filtered as on the public pages, paginated, with an OpenAPI document and its
documentation page.

Built with **django-ninja** rather than Django REST framework: the API only reads and answers JSON, so DRF's
serializers for writing, its browsable forms and its own request and permission stack would be weight we do
not use; ninja's typed schemas (pydantic) are at once the validation of every answer and the OpenAPI 3.1
document, generated from the code that answers, so the document cannot drift from the answers and
`tests/api/test_public_fields.py` can list every field the API may return from it. It is light (one
dependency, pydantic), and its views are plain Django views: the pages' django-filter FilterSets, the apps'
selectors and Django's conditional-GET helpers work unchanged.

On the pages' side of the import rules: it reads the feature apps' selectors and filters; no app imports it.
"""

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API de consultation")

    def ready(self) -> None:
        checks.register(check_rate_limit)


def check_rate_limit(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """API_RATE_LIMIT is read at each request: a value it cannot read is refused when the portal starts."""
    from .http import rate_limit

    try:
        limit = rate_limit()
    except ValueError:
        limit = (0, 0)
    if limit is not None and (limit[0] < 1 or limit[1] < 1):
        return [
            checks.Error(
                'API_RATE_LIMIT must be "requests/seconds" (for example "600/60"), or 0 to turn the limit off.',
                id="api.E001",
            )
        ]
    return []
