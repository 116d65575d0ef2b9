"""Open-data files (Licence Ouverte 2.0), one convention for every dataset.

Each app declares its datasets as `Dataset` objects (the catalogue's and the places' in
`initiatives/opendata.py`, the partnerships' figures and commitments in `partnership/opendata.py`) and
publishes them with `dataset_urls()`. Every dataset then has, at stable URLs under /donnees/:

- `<name>.csv`: UTF-8 without BOM, comma, "\\n" line ends, a header row, column names in French
  (snake_case, as the national schemas), "|" between the values of a multi-valued cell;
- `<name>-excel.csv`: the same rows for a spreadsheet in French: UTF-8 with BOM, ";", CRLF;
- `<name>.json`: {"jeu_de_donnees", "licence", ..., "donnees": [rows]} with the same column names;
- `<name>.schema.json`: its Table Schema (frictionless), which the tests validate the CSV against;

each answered with `Access-Control-Allow-Origin: *` and `Link` headers to the licence and the schema.
In both CSV flavours a cell that a spreadsheet would run as a formula is made text (`safe_cell`); the
JSON gives the values as they are. The portal lists the datasets on its open-data page and in a DCAT-AP
catalogue (`portal/opendata.py`, /donnees/catalogue.jsonld).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.views.decorators.http import require_safe

from common.spreadsheets import excel_csv, safe_row

LICENCE = "Licence Ouverte 2.0 (Etalab)"
LICENCE_ID = "etalab-2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
PRODUCER = "Partenariats numériques"
MULTI_SEPARATOR = "|"
TABLE_SCHEMA_PROFILE = "https://frictionlessdata.io/schemas/table-schema.json"


@dataclass(frozen=True)
class Column:
    """One column of a dataset, as a Table Schema field."""

    name: str
    title: str
    description: str = ""
    type: str = "string"  # Table Schema types: string, integer, number, date, datetime, boolean
    format: str = ""  # "uri", "email" (strings)
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    pattern: str = ""
    minimum: int | None = None
    maximum: int | None = None

    def descriptor(self) -> dict[str, Any]:
        field_: dict[str, Any] = {"name": self.name, "title": self.title, "type": self.type}
        if self.description:
            field_["description"] = self.description
        if self.format:
            field_["format"] = self.format
        constraints: dict[str, Any] = {"required": self.required}
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        field_["constraints"] = constraints
        return field_


@dataclass(frozen=True)
class Dataset:
    """A dataset published as open data. `title` and `description` are translatable (French source);
    `columns` and `rows` are functions so that they are read at each request (figures come from every
    installed app). `schema_file`, when given, is a published Table Schema the file follows (the places:
    La Mednum's) instead of one built from the columns."""

    name: str  # the file name without extension: /donnees/<name>.csv
    namespace: str  # URL namespace of the app that publishes it; URL names are <prefix>_csv, _json ...
    prefix: str
    title: Promise | str
    description: Promise | str
    columns: Callable[[], list[Column]]
    rows: Callable[[], Iterable[dict[str, Any]]]
    modified: Callable[[], dt.datetime | dt.date | None]
    keywords: tuple[str, ...] = ()
    primary_key: str = "id"
    schema_file: Path | None = None
    conforms_to: tuple[str, ...] = ()  # other published schemas the file follows (their URLs)

    def column_names(self) -> list[str]:
        return [column.name for column in self.columns()]

    def url(self, kind: str) -> str:
        """The path of one of its files: kind is csv, excel, json or schema."""
        return reverse(f"{self.namespace}:{self.prefix}_{kind}")

    def filename(self, kind: str) -> str:
        return {
            "csv": f"{self.name}.csv",
            "excel": f"{self.name}-excel.csv",
            "json": f"{self.name}.json",
            "schema": f"{self.name}.schema.json",
        }[kind]

    def table_schema(self) -> dict[str, Any]:
        if self.schema_file is not None:
            return json.loads(self.schema_file.read_text(encoding="utf-8"))
        schema: dict[str, Any] = {
            "$schema": TABLE_SCHEMA_PROFILE,
            "name": self.name,
            "title": _french(self.title),
            "description": _french(self.description),
            "licenses": [{"name": LICENCE_ID, "title": LICENCE, "path": LICENCE_URL}],
            "fields": [column.descriptor() for column in self.columns()],
            "missingValues": [""],
        }
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        return schema


# ------------------------------------------------------------------------------------------------ files


def _french(text) -> str:
    """A translatable text in French, the files' language, whatever language the request asked for."""
    with translation.override("fr"):
        return str(text)


def as_csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> str:
    """The open-data CSV: UTF-8 (no BOM), comma, "\\n", header row, formula-safe cells."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_row(row) for row in rows)  # a title typed as "=..." stays text in a spreadsheet
    return buffer.getvalue()


def as_excel_csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> str:
    """The same rows for a spreadsheet in French: UTF-8 with BOM, ";", CRLF (common.spreadsheets)."""
    return excel_csv(columns, ([row.get(column) for column in columns] for row in rows))


def as_json(dataset: Dataset, rows: list[dict[str, Any]], *, schema_url: str = "") -> dict[str, Any]:
    return {
        "jeu_de_donnees": dataset.name,
        "titre": _french(dataset.title),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "producteur": PRODUCER,
        "schema": schema_url,
        "date_production": timezone.now().isoformat(timespec="seconds"),
        "nombre": len(rows),
        "donnees": rows,
    }


def _headers(response: HttpResponse, request: HttpRequest, dataset: Dataset, kind: str) -> HttpResponse:
    response["Content-Disposition"] = f'inline; filename="{dataset.filename(kind)}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["X-License"] = f"{LICENCE} ({LICENCE_ID})"
    links = [f'<{LICENCE_URL}>; rel="license"']
    if kind != "schema":
        links.append(f'<{request.build_absolute_uri(dataset.url("schema"))}>; rel="describedby"')
    response["Link"] = ", ".join(links)
    return response


def dataset_views(dataset: Dataset) -> dict[str, Callable[[HttpRequest], HttpResponse]]:
    @require_safe
    def csv_view(request: HttpRequest) -> HttpResponse:
        body = as_csv(dataset.column_names(), dataset.rows())
        response = HttpResponse(body, content_type="text/csv; charset=utf-8; header=present")
        return _headers(response, request, dataset, "csv")

    @require_safe
    def excel_view(request: HttpRequest) -> HttpResponse:
        body = as_excel_csv(dataset.column_names(), dataset.rows())
        response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8; header=present")
        return _headers(response, request, dataset, "excel")

    @require_safe
    def json_view(request: HttpRequest) -> HttpResponse:
        rows = list(dataset.rows())
        schema_url = request.build_absolute_uri(dataset.url("schema"))
        response = JsonResponse(
            as_json(dataset, rows, schema_url=schema_url), json_dumps_params={"ensure_ascii": False, "indent": 1}
        )
        return _headers(response, request, dataset, "json")

    @require_safe
    def schema_view(request: HttpRequest) -> HttpResponse:
        response = JsonResponse(dataset.table_schema(), json_dumps_params={"ensure_ascii": False, "indent": 1})
        return _headers(response, request, dataset, "schema")

    return {"csv": csv_view, "excel": excel_view, "json": json_view, "schema": schema_view}


def dataset_urls(dataset: Dataset) -> list:
    """The URL patterns of a dataset's four files, to include under /donnees/."""
    views = dataset_views(dataset)
    return [path(dataset.filename(kind), view, name=f"{dataset.prefix}_{kind}") for kind, view in views.items()]


def latest(*values: dt.datetime | dt.date | None) -> dt.datetime | dt.date | None:
    """The most recent of dates and datetimes (a date counts as its midnight), or None."""
    present = [value for value in values if value is not None]
    if not present:
        return None

    def key(value):
        if isinstance(value, dt.datetime):
            return value
        return dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)

    return max(present, key=key)
