"""Find the error shown beside one field of a rendered form (crispy-forms' or the admin's markup)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_TAGS = re.compile(r"<[^>]+>")


def field_error(page: str, name: str) -> str:
    """The text of the error tied to the field `name`: crispy renders it in `id="error_1_id_<name>"`
    (the input's aria-describedby), Django's admin in `id="id_<name>_error"`. Empty when there is none."""
    for element_id in (f"error_1_id_{name}", f"id_{name}_error"):
        match = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"[^>]*>(.*?)</\1>', page, re.S)
        if match:
            return unescape(_TAGS.sub("", match.group(2))).strip()
    return ""


def too_long(limit: int) -> str:
    """A text one character over `limit`, with spaces and accents as people type them; it ends with a
    letter, so that the forms' stripping of surrounding spaces leaves it over the limit."""
    return ("Énoncé long, " * (limit // 13 + 1))[:limit] + "x"


def length_error(limit: int, language: str = "fr") -> str:
    if language == "en":
        return f"Ensure this value has at most {limit} characters (it has {limit + 1})."
    return f"Assurez-vous que cette valeur comporte au plus {limit} caractères (actuellement {limit + 1})."


class _FormReader(HTMLParser):
    """Collects what a browser would send for each <form method="post"> of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._in_form = False
        self._textarea: str | None = None
        self._text = ""
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._select_multiple = False

    def _add(self, name: str, value: str) -> None:
        self.forms[-1].append((name, value))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._in_form = True
            self.forms.append([])
        if not self._in_form:
            return
        if tag == "input" and "name" in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._add(a["name"], a.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "textarea" and "name" in a:
            self._textarea, self._text = a["name"], ""
        elif tag == "select" and "name" in a:
            self._select, self._select_first, self._select_chosen = a["name"], None, False
            self._select_multiple = "multiple" in a
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._add(self._select, value)
                self._select_chosen = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self._add(self._textarea, self._text.removeprefix("\n"))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and not self._select_multiple and self._select_first is not None:
                self._add(self._select, self._select_first)
            self._select = None
        elif tag == "form":
            self._in_form = False


def form_data(page: str) -> dict[str, list[str]]:
    """The fields of the page's main post form (the one with the most fields) as a browser would send them."""
    reader = _FormReader()
    reader.feed(page)
    data: dict[str, list[str]] = {}
    for name, value in max(reader.forms, key=len, default=[]):
        data.setdefault(name, []).append(value)
    return data
