"""CSV that Excel in French opens cleanly: UTF-8 with a BOM, `;` between cells, CRLF line ends, and no
cell that a spreadsheet would run as a formula (CSV injection)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[\d\s().-]*")  # a phone number or a number cannot be a formula


def safe_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_row(row: dict) -> dict[str, str]:
    """A row for csv.DictWriter (the open-data files), each cell as safe_cell() makes it."""
    return {key: safe_cell(value) for key, value in row.items()}


def excel_csv(header: Iterable, rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()
