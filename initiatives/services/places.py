"""Writes of digital-inclusion places: staff's edits and the import of a file in the national schema.

The import works in batches with a fixed number of queries each (read the batch's places by `id`, one
bulk insert, one bulk update, their history rows), never one query per row, so the national file
(tens of thousands of places) goes through in seconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.time import city_today
from partnership.models import City

from ..constants import PlaceKind
from ..mednum import FIELD_COLUMNS, RowError, parse_row
from ..models import Place

BATCH_SIZE = 1000
IMPORT_REASON = "import au schéma national"
# Arrondissements have their own INSEE code; the portal's City holds the commune's.
ARRONDISSEMENT_INSEE = [
    (re.compile(r"^751\d\d$"), "75056"),
    (re.compile(r"^6938\d$"), "69123"),
    (re.compile(r"^132\d\d$"), "13055"),
]
TRANSLATED_FR = {"summary_fr", "description_fr"}
VALUE_SHOWN = 80  # characters of a refused value quoted in the report


@transaction.atomic
def place_save(*, place: Place, changed_fields: Iterable[str]) -> Place:
    """Save a place edited by staff. A change dates the place's data today (the schema's `date_maj`, which
    the open data publishes), unless the person set that date themselves. The import does not use this:
    each row of a file brings its own `date_maj`."""
    changed = set(changed_fields)
    if changed and "data_updated_on" not in changed:
        place.data_updated_on = city_today()
    place.full_clean()
    place.save()
    return place


@dataclass
class RefusedRow:
    line: int
    identifier: str
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        name = f" (id « {self.identifier} »)" if self.identifier else ""
        value = self.value if len(self.value) <= VALUE_SHOWN else self.value[: VALUE_SHOWN - 1] + "…"
        return f"ligne {self.line}{name}, colonne {self.column}, valeur « {value} » : {self.reason}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows whose commune is not a city of the portal (the national file covers France)
    refused: list[RefusedRow] = field(default_factory=list)
    skipped_towns: Counter = field(default_factory=Counter)

    @property
    def read(self) -> int:
        return self.created + self.updated + self.unchanged + self.skipped + len(self.refused)

    @property
    def summary(self) -> str:
        return (
            f"{self.read} ligne(s) lue(s) : {self.created} créée(s), {self.updated} mise(s) à jour, "
            f"{self.unchanged} inchangée(s), {self.skipped} ignorée(s) (commune hors du portail), "
            f"{len(self.refused)} refusée(s)."
        )


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower().strip()
    return re.sub(r"[\s-]+\d.*$", "", value)  # "Paris 20e Arrondissement" -> "paris"


class CityResolver:
    """The portal City of a row: the one given on the command line, else by INSEE code, else by name;
    None when the commune is not one of the portal's cities."""

    def __init__(self, city: City | None = None):
        self.city = city
        cities = list(City.objects.all())
        self.by_insee = {c.insee_code: c for c in cities if c.insee_code}
        self.by_name = {_fold(c.name): c for c in cities}

    def __call__(self, town: str, insee: str) -> City | None:
        if self.city is not None:
            return self.city
        for pattern, commune in ARRONDISSEMENT_INSEE:
            if pattern.match(insee):
                insee = commune
        return self.by_insee.get(insee) or self.by_name.get(_fold(town))


class SlugMaker:
    """Readable, unique slugs for new places: the taken ones are read once, not once per row."""

    def __init__(self):
        self.taken = set(Place.objects.values_list("slug", flat=True))

    def __call__(self, name: str) -> str:
        base = slugify(name)
        if len(base) > 44:
            base = base[:44].rsplit("-", 1)[0]  # cut at a word boundary, room left for a suffix
        base = base.strip("-") or "lieu"
        slug, suffix = base, 2
        while slug in self.taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        self.taken.add(slug)
        return slug


def _model_errors(exc: ValidationError, values: dict) -> RowError:
    name, messages = next(iter(exc.message_dict.items()))
    column = FIELD_COLUMNS.get(name, name)
    return RowError(column, values.get(name, ""), " ".join(messages))


def _check(place: Place, values: dict) -> None:
    # The city is checked by the resolver and uniqueness by the batch (and the database): full_clean()
    # would otherwise cost queries for each row.
    try:
        place.full_clean(exclude=["city"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise _model_errors(exc, values) from None


def _same(held, read) -> bool:
    return held == read or (held in (None, "") and read in (None, ""))


@dataclass
class _Row:
    line: int
    values: dict
    city: City


class _Batch:
    def __init__(self, report: ImportReport, slugs: SlugMaker, is_example: bool):
        self.report, self.slugs, self.is_example = report, slugs, is_example
        self.rows: list[_Row] = []

    def add(self, row: _Row) -> None:
        self.rows.append(row)

    def _existing(self) -> dict[str, Place]:
        identifiers = [row.values["identifier"] for row in self.rows]
        existing = {place.identifier: place for place in Place.objects.filter(identifier__in=identifiers)}
        # A place exported without an identifier came out with its slug as `id`.
        missing = [identifier for identifier in identifiers if identifier not in existing]
        if missing:
            existing.update({place.slug: place for place in Place.objects.filter(identifier="", slug__in=missing)})
        return existing

    def flush(self) -> None:
        if not self.rows:
            return
        existing = self._existing()
        now = timezone.now()
        to_create: list[tuple[_Row, Place]] = []
        to_update: list[tuple[_Row, Place]] = []
        changed_fields: set[str] = set()
        for row in self.rows:
            values = dict(row.values)
            place = existing.get(values["identifier"])
            try:
                if place is None:
                    place = Place(kind=PlaceKind.INCLUSION_CENTRE, slug=self.slugs(values["name"]), city=row.city)
                    for name, value in values.items():
                        setattr(place, name, value)
                    place.is_example = self.is_example
                    _check(place, values)
                    to_create.append((row, place))
                    continue
                values["city_id"] = row.city.pk
                if self.is_example:
                    values["is_example"] = True
                changes = [name for name, value in values.items() if not _same(getattr(place, name), value)]
                if not changes:
                    self.report.unchanged += 1
                    continue
                for name in changes:
                    setattr(place, name, values[name])
                _check(place, values)
                place.updated_at = now
                changed_fields.update(changes)
                to_update.append((row, place))
            except RowError as exc:
                self._refuse(row, exc)
        try:
            with transaction.atomic():
                self._write(to_create, to_update, changed_fields)
        except IntegrityError:
            # Rare (a row taken by another process meanwhile): row by row, to say which one.
            self._write_one_by_one(to_create, to_update, changed_fields)
        self.rows.clear()

    def _write_one_by_one(self, to_create, to_update, changed_fields) -> None:
        for row, place in to_create:
            place.pk = None
            self._write_or_refuse(row, [(row, place)], [], changed_fields)
        for row, place in to_update:
            self._write_or_refuse(row, [], [(row, place)], changed_fields)

    def _write_or_refuse(self, row, to_create, to_update, changed_fields) -> None:
        try:
            with transaction.atomic():
                self._write(to_create, to_update, changed_fields)
        except IntegrityError as exc:
            self._refuse(row, RowError("id", row.values["identifier"], f"refusée par la base de données ({exc})"))

    def _write(self, to_create, to_update, changed_fields) -> None:
        if to_create:
            bulk_create_with_history([place for _row, place in to_create], Place, default_change_reason=IMPORT_REASON)
            self.report.created += len(to_create)
        if to_update:
            fields = {"updated_at", *("city" if name == "city_id" else name for name in changed_fields)}
            # modeltranslation keeps the original column equal to the French one: update it too (read in
            # French, the default language, whatever language the caller runs in).
            fields |= {name.removesuffix("_fr") for name in fields if name in TRANSLATED_FR}
            with translation.override(settings.LANGUAGE_CODE):
                bulk_update_with_history(
                    [place for _row, place in to_update], Place, sorted(fields), default_change_reason=IMPORT_REASON
                )
            self.report.updated += len(to_update)

    def _refuse(self, row: _Row, exc: RowError) -> None:
        self.report.refused.append(RefusedRow(row.line, row.values["identifier"], exc.column, exc.value, exc.message))


def places_import(
    *,
    rows: Iterable[tuple[int, dict]],
    city: City | None = None,
    total: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    is_example: bool = False,
) -> ImportReport:
    """Import (line number, row) pairs of the national schema (keys: the schema's column names).

    A valid row creates a place or updates the one with its `id` (a row equal to what the portal holds
    changes nothing); a row whose commune is not a portal city is skipped (unless `city` forces one); an
    invalid row is refused with its line, column, value and reason and changes nothing. `is_example`
    marks the places as illustrative data."""
    report = ImportReport()
    city_of = CityResolver(city)
    batch = _Batch(report, SlugMaker(), is_example)
    seen: dict[str, int] = {}
    read = 0
    for line, row in rows:
        read += 1
        try:
            parsed = parse_row(row)
            if parsed.identifier in seen:
                raise RowError("id", parsed.identifier, f"déjà utilisé ligne {seen[parsed.identifier]}")
            seen[parsed.identifier] = line
        except RowError as exc:
            identifier = str(row.get("id") or "").strip()
            report.refused.append(RefusedRow(line, identifier, exc.column, exc.value, exc.message))
            continue
        place_city = city_of(parsed.values["town"], parsed.values.get("insee_code", ""))
        if place_city is None:
            report.skipped += 1
            report.skipped_towns[parsed.values["town"]] += 1
            continue
        batch.add(_Row(line, parsed.values, place_city))
        if len(batch.rows) >= BATCH_SIZE:
            batch.flush()
            if progress is not None:
                progress(read, total or read)
    batch.flush()
    if progress is not None:
        progress(read, total or read)
    report.refused.sort(key=lambda refused: refused.line)
    return report
