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
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API de consultation")
