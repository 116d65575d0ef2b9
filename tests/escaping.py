"""Tools of tests/test_escaping.py: hostile values for every text field of every model, put there through
the admin's own forms (parsed from the HTML, as a browser would post them) or, for what the admin does not
edit, written to the rows; and the search for a value that reached a page or an email unescaped.

Each (model, field) gets its own number N, carried by the value as `alert(N)`: a leak names its field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

# Fields that hold no text a person writes or reads: changing them would break the portal, not test it.
NOT_PROSE = {
    "accounts.user.password": "a password hash",
    "auth.group.name": "the role groups are looked up by name (accounts.roles); an extra group gets the payload "
    "through the admin",
    "auth.permission.codename": "Django's permission code names",
    "account.emailconfirmation.key": "a secret token",
    "admin.logentry.object_id": "points at the row the entry is about",
    "notifications.notification.kind": "names the email templates",
}
# Models that only hold Django's own bookkeeping.
NOT_CONTENT = {"contenttypes.contenttype", "sessions.session"}


def payloads(number: int, row: int | None = None) -> list[str]:
    """Hostile values carrying `alert(number)`, longest first; `row` makes them unique per row."""
    suffix = "" if row is None else f" {row}"
    return [
        f"<script>alert({number})</script>\"'><img src=x onerror=alert({number})>{{{{7*7}}}}{suffix}",
        f"\"'><svg/onload=alert({number})>{{{{7*7}}}}{suffix}",
        f"<svg/onload=alert({number})>{suffix.strip()}",
        # Shapes that pass the email and URL validators (a quoted local part; a path may hold quotes).
        f'"<svg/onload=alert({number})>"@{"" if row is None else f"r{row}."}example.org',
        f"https://example.org/{'' if row is None else row}\"'><svg/onload=alert({number})>",
    ]


def formulas(number: int, row: int | None = None) -> list[str]:
    """Spreadsheet formulas carrying `alert(number)` (CSV injection), longest first."""
    suffix = "" if row is None else f" {row}"
    return [
        f'=HYPERLINK("https://example.org/";"alert({number})"){suffix}',
        f"+alert({number}){suffix}",
        f"@alert({number}){suffix}",
    ]


def accepted_payload(model_field: models.Field, number: int, row: int | None = None, make=payloads) -> str | None:
    """The first hostile value the field itself accepts (length, choices, validators), or None."""
    for value in make(number, row):
        if model_field.max_length and len(value) > model_field.max_length:
            continue
        try:
            model_field.clean(value, None)
        except ValidationError:
            continue
        return value
    return None


def text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and f"{model._meta.label_lower}.{f.name}" not in NOT_PROSE
        and not f.primary_key
    ]


def content_models() -> list:
    return [m for m in apps.get_models() if m._meta.label_lower not in NOT_CONTENT and text_fields(m)]


def is_unique(model, model_field: models.Field) -> bool:
    if model_field.unique:
        return True
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and (
            model_field.name in constraint.fields or constraint.expressions
        ):
            return True
    return any(model_field.name in together for together in model._meta.unique_together)


def _manager(model):
    queryset = model._base_manager.all()
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset  # modeltranslation's rewriting


@dataclass
class Seeding:
    """Which number each (model, field) carries, and how its value got there."""

    make: Callable[..., list[str]] = payloads
    numbers: dict[str, int] = field(default_factory=dict)
    through_admin: set[str] = field(default_factory=set)
    refused_by_admin: dict[str, str] = field(default_factory=dict)
    through_rows: set[str] = field(default_factory=set)
    refused_by_field: set[str] = field(default_factory=set)

    def number(self, model, name: str) -> int:
        return self.number_for(f"{model._meta.label_lower}.{name}")

    def number_for(self, key: str) -> int:
        """The number of a (model, field), or of anything else that carries a value (a URL parameter)."""
        return self.numbers.setdefault(key, len(self.numbers) + 1)

    def key_of(self, number: int) -> str:
        return next((key for key, n in self.numbers.items() if n == number), f"#{number}")

    # --- what the admin does not edit -----------------------------------------------------------------

    def write_rows(self) -> None:
        """Every text field of every row not holding its hostile value yet, when the field accepts one.
        Fields the admin refused the value for stay as they are: their forms validate them."""
        for model in content_models():
            for model_field in text_fields(model):
                key = f"{model._meta.label_lower}.{model_field.name}"
                if key in self.refused_by_admin:
                    continue
                number = self.number(model, model_field.name)
                marker = f"alert({number})"
                rows = _manager(model).exclude(**{f"{model_field.attname}__contains": marker})
                if not is_unique(model, model_field):
                    value = accepted_payload(model_field, number, make=self.make)
                    if value is None:
                        self.refused_by_field.add(key)
                    elif rows.update(**{model_field.attname: value}):
                        self.through_rows.add(key)
                    continue
                for pk in rows.values_list("pk", flat=True):
                    value = accepted_payload(model_field, number, row=pk, make=self.make)
                    if value is None:
                        self.refused_by_field.add(key)
                        break
                    _manager(model).filter(pk=pk).update(**{model_field.attname: value})
                    self.through_rows.add(key)

    def missing(self) -> list[str]:
        """(model, field) pairs with a row that does not hold a hostile value although it could."""
        missing = []
        for model in content_models():
            if not _manager(model).exists():
                missing.append(f"{model._meta.label_lower}: no row")
                continue
            for model_field in text_fields(model):
                key = f"{model._meta.label_lower}.{model_field.name}"
                if key in self.refused_by_admin or key in self.refused_by_field:
                    continue
                marker = f"alert({self.number(model, model_field.name)})"
                if _manager(model).exclude(**{f"{model_field.attname}__contains": marker}).exists():
                    missing.append(key)
        return missing


# --- the admin's forms, as a browser posts them ----------------------------------------------------------


class FormFields(HTMLParser):
    """The successful controls of one <form id=...>: name -> list of values (disabled ones left out)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._option: dict | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        if "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "file", "image"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value") or "on")
                return
            self._add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._option = attrs
            self._text = []
        elif tag == "textarea" and name:
            self._textarea = name
            self._text = []

    def handle_data(self, data):
        if self._option is not None or self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "option" and self._option is not None:
            if "selected" in self._option:
                value = self._option.get("value")
                self._add(self._select, "".join(self._text).strip() if value is None else value)
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None


class SearchFormNames(HTMLParser):
    """The names of the controls of every GET form (search and filters): what a URL reflects."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (attrs.get("method") or "get").lower() == "get"
        elif self.inside and tag in ("input", "select", "textarea") and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def search_form_names(html: str) -> set[str]:
    parser = SearchFormNames()
    parser.feed(html)
    return parser.names


def form_data(html: str, form_id: str) -> dict[str, list[str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.data


def admin_text_inputs(response) -> dict[str, tuple]:
    """POST name -> (model, model field) for every text field of the admin form and its inlines."""
    context = response.context
    inputs = {}
    form = context["adminform"].form
    for name in form.fields:
        model_field = _model_text_field(form._meta.model, name)
        if model_field is not None:
            inputs[name] = (form._meta.model, model_field)
    for inline in context.get("inline_admin_formsets") or []:
        formset = inline.formset
        for index, inline_form in enumerate(formset.forms):
            for name in inline_form.fields:
                model_field = _model_text_field(formset.model, name)
                if model_field is not None:
                    inputs[f"{formset.prefix}-{index}-{name}"] = (formset.model, model_field)
    return inputs


def _model_text_field(model, name: str):
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a form field without a model field (password1...)
        return None
    return model_field if model_field in text_fields(model) else None


def admin_errors(response) -> dict[str, str]:
    """POST name -> first error, for the admin form and its inlines ("__all__" names a form-wide error)."""
    context = response.context
    errors = {}
    form = context["adminform"].form
    for name, messages in form.errors.items():
        errors[name] = messages[0]
    for inline in context.get("inline_admin_formsets") or []:
        formset = inline.formset
        for index, form_errors in enumerate(formset.errors):
            for name, messages in form_errors.items():
                errors[f"{formset.prefix}-{index}-{name}"] = messages[0]
        for message in formset.non_form_errors():
            errors[f"{formset.prefix}-__all__"] = message
    return errors


# --- what reached the output -------------------------------------------------------------------------------

# A hostile value as markup: any of these in HTML means a field reached it unescaped (or was marked safe).
RAW = re.compile(r"<(?:script>alert|img src=x onerror=alert|svg/onload=alert)\((\d+)\)", re.IGNORECASE)
MARKER = re.compile(r"alert\((\d+)\)")
# Escaped twice: the person reads "&lt;" instead of "<" (not a hole, but a sign of a mark_safe gone wrong).
DOUBLE = re.compile(r"&amp;(?:lt|gt|quot|#x27|#39);(?:script|img|svg|/script)?[^&]{0,40}alert\((\d+)\)")


@dataclass
class Findings:
    leaks: list[tuple[str, int, str]] = field(default_factory=list)  # (where, number, what)
    seen: set[int] = field(default_factory=set)

    def report(self, seeding: Seeding) -> list[str]:
        return [f"{where}: {seeding.key_of(number)} {what}" for where, number, what in self.leaks]

    def scan(self, where: str, text: str, *, html: bool = True, escaped_twice_ok: bool = False) -> None:
        self.seen.update(int(n) for n in MARKER.findall(text))
        if not html:
            return
        for match in RAW.finditer(text):
            start = max(match.start() - 60, 0)
            excerpt = text[start : match.end() + 20].replace("\n", " ")
            self.leaks.append((where, int(match.group(1)), f"unescaped in …{excerpt}…"))
        if escaped_twice_ok:
            return
        for match in DOUBLE.finditer(text):
            self.leaks.append((where, int(match.group(1)), f"escaped twice in …{match.group(0)}…"))
