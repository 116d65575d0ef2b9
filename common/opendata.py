"""Open-data files (Licence Ouverte 2.0) built from rows: each app gives its rows, the same rows feed the CSV
and the JSON, so the two never disagree. The catalogue's file is `initiatives/opendata.py`, the partnerships'
figures `partnership/opendata.py`; the portal's open-data page lists them."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from common.spreadsheets import safe_row

LICENCE = "Licence Ouverte 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def as_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_row(row) for row in rows)  # a title typed as "=..." stays text in a spreadsheet
    return buffer.getvalue()


def as_json(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "dataset": name,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "producer": "Partenariats numériques",
        "generated_at": timezone.now().isoformat(),
        "count": len(rows),
        "data": rows,
    }


def csv_response(filename: str, columns: list[str], rows: list[dict[str, Any]]) -> HttpResponse:
    response = HttpResponse(as_csv(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


def json_response(name: str, rows: list[dict[str, Any]]) -> JsonResponse:
    return JsonResponse(as_json(name, rows), json_dumps_params={"ensure_ascii": False})
