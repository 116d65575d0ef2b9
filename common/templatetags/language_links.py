"""The language switcher's links: the page being read, in each other language.

Plain links rather than a POST form to `set_language`: a public page then carries no CSRF token and sets
no cookie, so browsers and proxies may cache it (see the Cache-Control rules in common/middleware.py).
"""

from django import template
from django.urls import reverse
from django.urls.base import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_language(context, language_code: str) -> str:
    """The current page's URL in `language_code`; that language's home page when the page has no
    translated address (an error page, an unknown path)."""
    request = context.get("request")
    path = "" if request is None else request.get_full_path()
    current = translation.get_language()
    if path and language_code == current:
        return path
    translated = translate_url(path, language_code) if path else path
    if not translated or (translated == path and language_code != current):
        with translation.override(language_code):
            return reverse("portal:home")
    return translated
