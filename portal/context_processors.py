"""What every page's header needs about the person: their own links ("Mes évaluations" for a reviewer),
given by the apps (`common.app_hooks.header_links`), computed only when a page's header reads them."""

from django.utils.functional import SimpleLazyObject

from common.app_hooks import header_links


def personal_links(request) -> dict:
    def links():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        return [link for provider in header_links.providers() for link in provider(user)]

    return {"personal_links": SimpleLazyObject(links)}
