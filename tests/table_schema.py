"""Validation of an open-data file against its Table Schema with frictionless (the tool data.gouv.fr and
schema.data.gouv.fr use), in memory: frictionless refuses paths outside its base path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from frictionless import Dialect, Resource, Schema, formats


def schema_errors(data: bytes, schema: dict[str, Any] | Path, *, delimiter: str = ",") -> list[str]:
    """Every error frictionless finds in CSV `data` (UTF-8) against the schema: [] when the file is valid."""
    descriptor = json.loads(schema.read_text(encoding="utf-8")) if isinstance(schema, Path) else schema
    dialect = Dialect(controls=[formats.CsvControl(delimiter=delimiter)])
    resource = Resource(
        data, format="csv", encoding="utf-8", dialect=dialect, schema=Schema.from_descriptor(descriptor)
    )
    report = resource.validate()
    return [
        f"{error.type} ligne {getattr(error, 'row_number', '-')} colonne {getattr(error, 'field_name', '-')}: "
        f"{error.message}"
        for task in report.tasks
        for error in task.errors
    ] + [error.message for error in report.errors]
