"""Writes of digital-inclusion places: staff's edits and the import of a file in the national schema."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from common.time import city_today
from partnership.models import City

from ..constants import PlaceKind
from ..mednum import RowError, parse_row
from ..models import Place

BATCH_SIZE = 200
# Arrondissements have their own INSEE code; the portal's City holds the commune's.
ARRONDISSEMENT_INSEE = [
    (re.compile(r"^751\d\d$"), "75056"),
    (re.compile(r"^6938\d$"), "69123"),
    (re.compile(r"^132\d\d$"), "13055"),
]


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
class RejectedRow:
    line: int
    identifier: str
    reason: str

    def __str__(self) -> str:
        name = f" (id « {self.identifier} »)" if self.identifier else ""
        return f"ligne {self.line}{name} : {self.reason}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"{self.created} créé(s), {self.updated} mis à jour, {len(self.rejected)} rejeté(s)"


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower().strip()
    return re.sub(r"[\s-]+\d.*$", "", value)  # "Paris 20e Arrondissement" -> "paris"


class CityResolver:
    """The portal City of a row: the one given on the command line, else by INSEE code, else by name."""

    def __init__(self, city: City | None = None):
        self.city = city
        cities = list(City.objects.all())
        self.by_insee = {c.insee_code: c for c in cities if c.insee_code}
        self.by_name = {_fold(c.name): c for c in cities}

    def __call__(self, values: dict) -> City:
        if self.city is not None:
            return self.city
        insee = values.get("insee_code", "")
        for pattern, commune in ARRONDISSEMENT_INSEE:
            if pattern.match(insee):
                insee = commune
        city = self.by_insee.get(insee) or self.by_name.get(_fold(values["town"]))
        if city is None:
            raise RowError(f"commune : « {values['town']} » n'est pas une ville du portail (option --city)")
        return city


def _unique_slug(values: dict) -> str:
    """A readable slug from the name; on a clash, the smallest free "-N" suffix (two queries at most)."""
    base = slugify(values["name"])
    if len(base) > 44:
        base = base[:44].rsplit("-", 1)[0]  # cut at a word boundary, room left for a suffix
    base = base.strip("-") or "lieu"
    if not Place.objects.filter(slug=base).exists():
        return base
    taken = set(Place.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True))
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


def _save_row(values: dict, city_of: CityResolver, is_example: bool) -> bool:
    """Create or update the place of one parsed row; True when created. Raises RowError."""
    identifier = values["identifier"]
    place = (
        Place.objects.filter(identifier=identifier).first()
        or Place.objects.filter(identifier="", slug=identifier).first()  # a place exported without an id
    )
    created = place is None
    if created:
        place = Place(kind=PlaceKind.INCLUSION_CENTRE, slug=_unique_slug(values))
    place.city = city_of(values)
    for name, value in values.items():
        setattr(place, name, value)
    if is_example:
        place.is_example = True
    try:
        # Constraints are left to the database (checked on save): validating them here costs a query each.
        place.full_clean(validate_constraints=False)
    except ValidationError as exc:
        reasons = "; ".join(f"{name} : {' '.join(messages)}" for name, messages in exc.message_dict.items())
        raise RowError(reasons) from None
    try:
        with transaction.atomic():
            place.save()
    except IntegrityError as exc:
        raise RowError(f"refusée par la base de données ({exc})") from None
    return created


def places_import(
    *,
    rows: Iterable[tuple[int, dict]],
    city: City | None = None,
    total: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    is_example: bool = False,
) -> ImportReport:
    """Import (line number, row) pairs of the national schema. A valid row creates a place or updates the
    one with its identifier (`is_example` marks them as illustrative data); an invalid row is reported with its reason and changes nothing. Rows are saved
    in batches, each row in its own savepoint, so one bad row never undoes the others."""
    report = ImportReport()
    city_of = CityResolver(city)
    seen: dict[str, int] = {}
    batch: list[tuple[int, dict]] = []
    read = 0

    def flush() -> None:
        with transaction.atomic():
            for line, values in batch:
                try:
                    with transaction.atomic():
                        created = _save_row(values, city_of, is_example)
                except RowError as exc:
                    report.rejected.append(RejectedRow(line, values["identifier"], str(exc)))
                else:
                    report.created += created
                    report.updated += not created
        batch.clear()
        if progress is not None:
            progress(read, total or read)

    for line, row in rows:
        read += 1
        try:
            parsed = parse_row(row)
            if parsed.identifier in seen:
                raise RowError(f"id : déjà utilisé ligne {seen[parsed.identifier]}")
            seen[parsed.identifier] = line
        except RowError as exc:
            report.rejected.append(RejectedRow(line, str(row.get("id") or "").strip(), str(exc)))
            continue
        batch.append((line, parsed.values))
        if len(batch) >= BATCH_SIZE:
            flush()
    flush()
    report.rejected.sort(key=lambda rejected: rejected.line)
    return report
