"""manage.py import_places FILE: digital-inclusion places from a CSV or JSON file in the national schema
(La Mednum standard-mediation-num v1.0.2, and the files of earlier versions that still circulate).

CSV: comma or semicolon separated (detected on the header line), UTF-8 with or without BOM; column names
in any case. Values separated by "|" (v1.0.2) or ";" (before), short or long labels.
JSON: a list of objects keyed by the schema's columns (or {"donnees": [...]}, the portal's open-data JSON).
The file is checked as an upload is: a regular file of at most --max-mb megabytes (checked before reading,
and never more than that read), recognised by its content (a spreadsheet, PDF, web page or other binary
file saved under a .csv name is refused with what it is), JSON nested beyond reason refused.
A file whose header is not the schema (a required column missing, a column the schema does not have, a
column twice) imports nothing. Each row is created, updated (by `id`), left unchanged, skipped (its
commune is not a portal city; --city puts every row in one city) or refused with its line, column, value
and reason; the command ends with the counts.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from initiatives.mednum import read_header
from initiatives.services import places_import
from partnership.models import City

PROGRESS_FROM = 500  # rows: below this, an import is quick enough to need no progress lines
# The national file of digital-inclusion places (about 20,000 places) weighs some 30 MB: room to grow,
# while a wrong or hostile file cannot fill the memory. --max-mb raises it.
MAX_MEGABYTES = 64

# What a file saved under the wrong name starts with.
SIGNATURES = {
    b"PK\x03\x04": "une archive ZIP (un classeur Excel .xlsx ou LibreOffice .ods ?)",
    b"\xd0\xcf\x11\xe0": "un classeur Excel ancien (.xls) ou un document Office",
    b"%PDF-": "un PDF",
    b"\x1f\x8b": "une archive gzip",
    b"MZ": "un programme Windows",
    b"\x7fELF": "un programme",
}


def read_rows(path: Path, *, max_bytes: int = MAX_MEGABYTES * 1024 * 1024) -> tuple[list[str], list[tuple[int, dict]]]:
    """(columns, [(line number, row)]) of a CSV or JSON file; CommandError when it cannot be read."""
    text = _read_text(path, max_bytes)
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        return _json_rows(text)
    return _csv_rows(text)


def read_schema_rows(path: Path, *, max_bytes: int = MAX_MEGABYTES * 1024 * 1024) -> list[tuple[int, dict]]:
    """The rows of a file keyed by the schema's column names; CommandError, and nothing read, when the
    header is not the schema's."""
    columns, rows = read_rows(path, max_bytes=max_bytes)
    header = read_header(columns)
    if header.problems:
        raise CommandError(
            f"Fichier hors du schéma standard-mediation-num : {' ; '.join(header.problems)}. Rien n'a été importé."
        )
    return [
        (line, {header.columns[key]: value for key, value in row.items() if key in header.columns})
        for line, row in rows
    ]


def _read_text(path: Path, max_bytes: int) -> str:
    try:
        if not path.is_file():  # a device or a pipe would be read forever
            raise CommandError(f"{path} n'est pas un fichier ordinaire.")
        size = path.stat().st_size
        if size > max_bytes:
            raise CommandError(
                f"{path} pèse {size // (1024 * 1024)} Mo ; la limite est de {max_bytes // (1024 * 1024)} Mo "
                "(--max-mb pour la relever). Rien n'a été importé."
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise CommandError(f"Lecture impossible de {path} : {exc}") from exc
    if len(data) > max_bytes:
        raise CommandError(f"{path} a grandi pendant la lecture au-delà de la limite. Rien n'a été importé.")
    kind = next((name for signature, name in SIGNATURES.items() if data.startswith(signature)), "")
    if not kind and data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        kind = "une page web (HTML)"
    if not kind and b"\x00" in data:
        kind = "un fichier binaire ou en UTF-16"
    if kind:
        raise CommandError(
            f"{path} n'est ni un CSV ni un JSON : c'est {kind}. Enregistrez-le au format CSV UTF-8 puis relancez."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"Lecture impossible de {path} : {exc}") from exc


def _json_rows(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        reason = "imbrication trop profonde" if isinstance(exc, RecursionError) else exc
        raise CommandError(f"JSON invalide : {reason}") from exc
    if isinstance(data, dict):  # the portal's open-data JSON: {"licence": ..., "donnees": [...]}
        data = data.get("donnees", data.get("data"))
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise CommandError("Le fichier JSON doit contenir une liste d'objets (un par lieu).")
    columns = sorted({key for item in data for key in item}) if data else []
    return columns, [(index, item) for index, item in enumerate(data, start=1)]


def _csv_rows(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = [column.strip() for column in (reader.fieldnames or [])]
    reader.fieldnames = columns
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, {key: value for key, value in row.items() if key is not None}))
    except csv.Error as exc:
        raise CommandError(f"CSV illisible ligne {reader.line_num} : {exc}") from exc
    return columns, rows


class Command(BaseCommand):
    help = "Importe des lieux de médiation numérique (CSV ou JSON au schéma La Mednum standard-mediation-num)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--max-mb",
            type=int,
            default=MAX_MEGABYTES,
            help=f"Taille maximale du fichier en mégaoctets (par défaut {MAX_MEGABYTES}).",
        )
        parser.add_argument(
            "--city",
            help="Ville du portail (slug) de tous les lieux ; par défaut, déduite de code_insee ou de commune.",
        )
        parser.add_argument(
            "--example",
            action="store_true",
            help="Marque les lieux importés comme exemples illustratifs (données fictives).",
        )

    def handle(self, *args, **options):
        city = None
        if options["city"]:
            city = City.objects.filter(slug=options["city"]).first()
            if city is None:
                raise CommandError(f"Ville inconnue : {options['city']!r}.")
        rows = read_schema_rows(options["file"], max_bytes=options["max_mb"] * 1024 * 1024)
        total = len(rows)
        progress = self._progress if total >= PROGRESS_FROM and options["verbosity"] > 0 else None
        report = places_import(rows=rows, city=city, total=total, progress=progress, is_example=options["example"])
        for refused in report.refused:
            self.stderr.write(f"Refusée : {refused}")
        if report.skipped and options["verbosity"] > 1:
            towns = ", ".join(f"{town} ({count})" for town, count in report.skipped_towns.most_common(10))
            self.stdout.write(f"Communes hors du portail : {towns}")
        style = self.style.SUCCESS if not report.refused else self.style.WARNING
        self.stdout.write(style(report.summary))

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done}/{total} lignes traitées ({done * 100 // max(total, 1)} %)")
