"""Tools for tests/test_generated_input.py: a crawler that finds the portal's pages and forms the way a
person would (links and forms in the HTML, as each role), the URL patterns resolved from the URLconf with
hostile values in their converters, and Hypothesis strategies for hostile form values.

Bounded by default (a few seconds per role in `make test`); `FUZZ_SCALE=20` multiplies every budget for a
longer local run, `FUZZ_REPORT=path.json` writes the figures (requests, statuses, pages, forms).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern
from hypothesis import strategies as st

SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1")))

# Forms never submitted with generated values: they end the role's session or delete what the other
# forms need (their own tests cover them).
DESTRUCTIVE_ACTIONS = re.compile(r"/(logout|mes-donnees|delete|supprimer)/|/password/(change|set)/")


# ---------------------------------------------------------------------------------------------- HTML forms


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea", "button"
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    checked: bool = False


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: list[Field] = field(default_factory=list)

    @property
    def signature(self) -> tuple:
        """Forms with the same action and fields are one form (the search box of every changelist page is
        one); the admin's autocomplete forms differ by the field they serve."""
        route = route_of(self.action)
        names = tuple(sorted({f.name for f in self.fields}))
        served = tuple(f.value for f in self.fields if f.kind == "hidden") if route == "admin:autocomplete" else ()
        return (self.method, route, names, served)


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.page_url, a["href"]))
        elif tag == "form":
            self._form = Form(
                action=urljoin(self.page_url, a.get("action") or self.page_url),
                method=(a.get("method") or "get").lower(),
                enctype=a.get("enctype") or "application/x-www-form-urlencoded",
            )
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            self._form.fields.append(Field(a["name"], kind, a.get("value", ""), checked="checked" in a))
        elif tag == "select":
            self._select = Field(a["name"], "select", multiple="multiple" in a)
            self._form.fields.append(self._select)
            if a.get("data-app-label"):  # the admin's autocomplete: its JSON view is a GET form of its own
                self.forms.append(
                    Form(
                        action=urljoin(self.page_url, a.get("data-ajax--url") or "../autocomplete/"),
                        method="get",
                        enctype="",
                        fields=[
                            Field("app_label", "hidden", a["data-app-label"]),
                            Field("model_name", "hidden", a.get("data-model-name", "")),
                            Field("field_name", "hidden", a.get("data-field-name", "")),
                            Field("term", "search"),
                            Field("page", "number", "1"),
                        ],
                    )
                )
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.value = a.get("value", "")
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea")
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_page(url: str, html: str) -> tuple[list[Form], list[str]]:
    parser = _FormParser(url)
    parser.feed(html)
    return parser.forms, parser.links


# ---------------------------------------------------------------------------------------------- URLs


def route_of(url: str) -> str:
    """The URL pattern a URL resolves to (its view name, or its route), '' when none."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return match.view_name or match.route


def internal_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http", "https"):
        return None
    if parts.path.startswith("/static/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Pattern:
    route: str  # "fr/candidatures/<int:pk>/etape/<slug:step>/" (regex patterns keep their regex)
    converters: dict[str, str]  # name -> converter class name ("IntConverter", "SlugConverter"...)
    is_regex: bool


def url_patterns() -> list[Pattern]:
    """Every URL pattern of the URLconf, with the converters of its path parameters."""
    found: list[Pattern] = []

    def walk(resolver, prefix: str, converters: dict[str, str], is_regex: bool):
        for entry in resolver.url_patterns:
            pattern = entry.pattern
            regex = isinstance(pattern, RegexPattern)
            names = {name: type(conv).__name__ for name, conv in getattr(pattern, "converters", {}).items()}
            if isinstance(entry, URLResolver):
                walk(entry, prefix + str(pattern), converters | names, is_regex or regex)
            elif isinstance(entry, URLPattern):
                found.append(Pattern(prefix + str(pattern), converters | names, is_regex or regex))

    walk(get_resolver(), "", {}, False)
    return found


HOSTILE_PATH_VALUES = {
    "IntConverter": ["0", "2147483648", "9223372036854775808", "1" * 40],
    "SlugConverter": ["a" * 300, "-", "__", "x" * 5 + "-" * 50],
    "StringConverter": ["é" * 120, "<script>", "..%2F..", "a" * 2000, "%E2%80%AE", "null", "0" * 30],
    "PathConverter": ["a/b/../../c", "é/" * 20, "x" * 3000],
}


def fill_route(pattern: Pattern, values: dict[str, str]) -> str | None:
    """Replace `<conv:name>` in a path route by `values`; None for regex routes (allauth's keys, the
    admin's app index), which the crawler reaches through links."""
    if pattern.is_regex:
        return None
    route = pattern.route
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m.group(1), "1"), route)
    return "/" + path


# ---------------------------------------------------------------------------------------------- values

HOSTILE_SCALARS = [
    "",
    " ",
    "0",
    "-1",
    "-9223372036854775809",
    "2147483648",
    "9223372036854775808",
    "1" * 60,
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "1,5",
    "0x1F",
    "true",
    "on",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\x00",
    "a\x00b",
    "\u202etxt.exe",
    "𝕏𝕐𝕫 🙂",
    "\ud7ff\ue000\ufffd",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "2026-13-01",
    "31/12/9999",
    "25:61",
    "9999-12-31T23:59:59",
    "1900-01-01 00:00",
]


def text_values(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE_SCALARS),
        st.text(max_size=40),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
        st.datetimes().map(lambda d: d.isoformat(sep=" ")),
        st.integers(min_value=1, max_value=max_size).map(lambda n: "é" * n),
    )


def field_values(fld: Field, forged_ids: list[str], max_size: int) -> st.SearchStrategy[list[str]]:
    """Values for one field: missing, one, or several (a list where a scalar is expected); the form's own
    values (options, defaults), ids of rows the person should not reach, and hostile text."""
    own = [v for v in [fld.value, *fld.options] if v is not None]
    candidates = [st.sampled_from(own)] if own else []
    if forged_ids:
        candidates.append(st.sampled_from(forged_ids))
    candidates.append(text_values(max_size))
    one = st.one_of(*candidates)
    return st.lists(one, min_size=0, max_size=3)


def form_data(form: Form, forged_ids: list[str], max_size: int) -> st.SearchStrategy[dict[str, list[str]]]:
    """A submission of `form`: every field drawn; the CSRF token and the management form of formsets kept
    as the page gave them half of the time (so that the view gets past them)."""
    strategies = {}
    for fld in form.fields:
        if fld.name == "csrfmiddlewaretoken":
            strategies[fld.name] = st.just([fld.value])
        elif fld.kind == "file":
            continue
        elif fld.name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")):
            strategies[fld.name] = st.one_of(st.just([fld.value]), field_values(fld, [], 20))
        else:
            strategies[fld.name] = field_values(fld, forged_ids, max_size)
    return st.fixed_dictionaries(strategies) if strategies else st.just({})


ADMIN_LIST_VALUES = [
    "1",
    "-1",
    "0.1.-2",
    "1.2.3.4.5.6.7.8.9",
    "99",
    "x",
    "p=2&o=-1",
    "city__id__exact=1&o=9",
    "q=%00",
    "_popup=1",
]


def admin_list_params() -> st.SearchStrategy[dict[str, list[str]]]:
    """The admin changelist's own parameters (ordering, page, search, filters carried to the change page)."""
    values = st.lists(st.one_of(st.sampled_from(ADMIN_LIST_VALUES), text_values(200)), min_size=1, max_size=2)
    names = ("o", "p", "q", "_changelist_filters", "e", "all", "_to_field", "_popup")
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, values))


def encode_query(data: dict[str, list[str]]) -> str:
    return urlencode([(name, value) for name, values in data.items() for value in values])


def merge_query(url: str, data: dict[str, list[str]]) -> str:
    parts = urlsplit(url)
    query = encode_query(data)
    return parts.path + ("?" + query if query else "")


def query_params(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


# ---------------------------------------------------------------------------------------------- figures


@dataclass
class Figures:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    pages: set = field(default_factory=set)
    forms: set = field(default_factory=set)
    patterns: set = field(default_factory=set)

    def record(self, method: str, url: str, status: int) -> None:
        self.requests += 1
        self.statuses[status // 100 * 100] += 1
        if status >= 500:
            self.server_errors.append(f"{method} {url} -> {status}")

    def as_dict(self) -> dict:
        return {
            "requests": self.requests,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "server_errors": len(self.server_errors),
            "pages": len(self.pages),
            "forms": len(self.forms),
            "url_patterns_reached": len(self.patterns),
            "scale": SCALE,
        }
