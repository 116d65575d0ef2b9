"""manage.py import_places FILE: digital-inclusion places from a CSV or JSON file in the national schema.

CSV: comma or semicolon separated (detected on the header line), UTF-8 with or without BOM.
JSON: a list of objects keyed by the schema's columns (or {"data": [...]}).
A file that lacks a required column imports nothing. Each other row is imported or reported with the
reason it was rejected; the command ends with a summary (created, updated, rejected).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from initiatives.mednum import REQUIRED_COLUMNS, missing_columns
from initiatives.services import places_import
from partnership.models import City

PROGRESS_FROM = 500  # rows: below this, an import is quick enough to need no progress lines


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """(columns, [(line number, row)]) of a CSV or JSON file; CommandError when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"Lecture impossible de {path} : {exc}") from exc
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        return _json_rows(text)
    return _csv_rows(text)


def _json_rows(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"JSON invalide : {exc}") from exc
    if isinstance(data, dict):
        data = data.get("data")
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
        columns, rows = read_rows(options["file"])
        missing = missing_columns(columns)
        if missing:
            raise CommandError(
                f"Fichier hors du schéma standard-mediation-num : colonne(s) manquante(s) {', '.join(missing)} "
                f"(obligatoires : {', '.join(REQUIRED_COLUMNS)}). Rien n'a été importé."
            )
        total = len(rows)
        progress = self._progress if total >= PROGRESS_FROM and options["verbosity"] > 0 else None
        report = places_import(rows=rows, city=city, total=total, progress=progress, is_example=options["example"])
        for rejected in report.rejected:
            self.stderr.write(f"Rejetée : {rejected}")
        style = self.style.SUCCESS if not report.rejected else self.style.WARNING
        self.stdout.write(
            style(
                f"{total} ligne(s) lue(s) : {report.created} créée(s), {report.updated} mise(s) à jour, "
                f"{len(report.rejected)} rejetée(s)."
            )
        )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done}/{total} lignes traitées ({done * 100 // max(total, 1)} %)")
