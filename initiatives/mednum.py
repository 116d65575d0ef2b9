"""The national schema of digital mediation places, La Mednum "standard-mediation-num" v1.0.2 (a Table
Schema, Licence Ouverte 2.0, copied in `data/schema-mediation-num-v1.0.2.json`): its columns, reading one
row into Place values, and writing a Place as a row.

Writing follows v1.0.2 exactly: multiple values separated by "|", the short labels of its patterns,
telephone in the international form. Reading also takes the files made before April 2024 that still
circulate: ";" between values, the long labels of v1.0.0/v1.0.1 ("Gratuit : Je peux accéder…"), the
schema's past typos, column names in any case.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models

from common.identifiers import rna_is_valid, siret_is_valid
from common.spreadsheets import FORMULA_STARTS, safe_cell
from common.time import city_localtime

from . import hours
from .constants import (
    MEDNUM_ALIASES,
    MEDNUM_VALUES,
    PlaceAccessMode,
    PlaceFee,
    PlaceLabel,
    PlaceMobility,
    PlaceProgramme,
    PlacePublic,
    PlaceService,
    PlaceSpecificSupport,
    PlaceSupportMode,
)
from .validators import UNKNOWN_PIVOT

SCHEMA_NAME = "standard-mediation-num"
SCHEMA_VERSION = "1.0.2"
SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "schema-mediation-num-v1.0.2.json"
SCHEMA_URL = "https://schema.data.gouv.fr/LaMednum/standard-mediation-num/1.0.2/"
SEPARATOR = "|"

COLUMNS = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "itinerance",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
]
# v1.0.2 no longer requires `services` (it did up to v1.0.1).
REQUIRED_COLUMNS = ["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"]

# column -> (Place field, vocabulary)
MULTI_COLUMNS: dict[str, tuple[str, type[models.TextChoices]]] = {
    "itinerance": ("mobility", PlaceMobility),
    "services": ("services", PlaceService),
    "publics_specifiquement_adresses": ("publics", PlacePublic),
    "prise_en_charge_specifique": ("specific_support", PlaceSpecificSupport),
    "frais_a_charge": ("fees", PlaceFee),
    "dispositif_programmes_nationaux": ("national_programmes", PlaceProgramme),
    "formations_labels": ("labels", PlaceLabel),
    "modalites_acces": ("access_modes", PlaceAccessMode),
    "modalites_accompagnement": ("support_modes", PlaceSupportMode),
}

# Place field -> the column it comes from (to name the column when the model refuses a value).
FIELD_COLUMNS = {
    "identifier": "id",
    "pivot": "pivot",
    "name": "nom",
    "town": "commune",
    "postcode": "code_postal",
    "insee_code": "code_insee",
    "address": "adresse",
    "address_complement": "complement_adresse",
    "latitude": "latitude",
    "longitude": "longitude",
    "typology": "typologie",
    "phone": "telephone",
    "email": "courriels",
    "other_emails": "courriels",
    "website": "site_web",
    "other_websites": "site_web",
    "opening_hours": "horaires",
    "summary_fr": "presentation_resume",
    "description_fr": "presentation_detail",
    "source": "source",
    "parent_organisation": "structure_parente",
    "data_updated_on": "date_maj",
    "other_labels": "autres_formations_labels",
    "acceslibre_url": "fiche_acces_libre",
    "booking_url": "prise_rdv",
    **{field: column for column, (field, _vocabulary) in MULTI_COLUMNS.items()},
}

# The schema's telephone pattern: France and overseas prefixes, no leading 0, no spaces.
PHONE_PATTERN = re.compile(r"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$")
SUMMARY_MAX = 280

_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


class RowError(ValueError):
    """One reason a row is refused: the column, the value found there, and what is wrong with it."""

    def __init__(self, column: str, value: Any, message: str):
        self.column, self.value, self.message = column, "" if value is None else str(value), message
        super().__init__(f"{column} : {message}")


@dataclass
class ParsedRow:
    identifier: str
    values: dict[str, Any]


# ------------------------------------------------------------------------------------------------ header


def fold_column(name: Any) -> str:
    """A header cell as the schema spells column names: "Code_Postal", " code postal " -> "code_postal"."""
    text = str(name or "").replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


@dataclass
class Header:
    columns: dict[str, str]  # the file's column -> the schema's
    problems: list[str]


def read_header(columns: list[str]) -> Header:
    """Which schema column each of the file's columns is, and every reason the header is not the schema."""
    mapping: dict[str, str] = {}
    problems: list[str] = []
    seen: set[str] = set()
    unknown = []
    for column in columns:
        folded = fold_column(column)
        if folded not in COLUMNS:
            unknown.append(str(column))
        elif folded in seen:
            problems.append(f"colonne en double : {folded}")
        else:
            seen.add(folded)
            mapping[column] = folded
    if unknown:
        problems.append(f"colonne(s) hors du schéma : {', '.join(unknown)}")
    missing = [column for column in REQUIRED_COLUMNS if column not in seen]
    if missing:
        problems.append(f"colonne(s) manquante(s) {', '.join(missing)} (obligatoires : {', '.join(REQUIRED_COLUMNS)})")
    return Header(columns=mapping, problems=problems)


def missing_columns(columns) -> list[str]:
    present = {fold_column(column) for column in columns}
    return [column for column in REQUIRED_COLUMNS if column not in present]


# ------------------------------------------------------------------------------------------------ reading


def _text(row: dict, column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, list):
        value = SEPARATOR.join(str(item) for item in value)
    value = str(value).strip()
    if value.startswith("'") and value[1:2] in FORMULA_STARTS:
        value = value[1:]  # the quote a spreadsheet-safe export put before "=", "+", "-", "@"
    return value


def _required(row: dict, column: str) -> str:
    value = _text(row, column)
    if not value:
        raise RowError(column, value, "valeur obligatoire manquante")
    return value


def _bounded(row: dict, column: str, limit: int, *, required: bool = False) -> str:
    value = _required(row, column) if required else _text(row, column)
    if len(value) > limit:
        raise RowError(column, value, f"{len(value)} caractères, {limit} au plus")
    return value


def split_values(value: str, *, urls: bool = False) -> list[str]:
    """The values of a multi-valued cell: "|" since v1.0.2, ";" before (between web addresses, only a ";"
    followed by an address: one may hold a ";" of its own)."""
    separator = r"\||;(?=\s*https?://)" if urls else r"[|;]"
    return [part.strip() for part in re.split(separator, value) if part.strip()]


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    value = re.sub(r"\s+", " ", value).strip()
    return re.sub(r"\s*\(\s*", " (", value)  # "numériques(La Poste)" and "numériques (La Poste)" alike


@functools.cache
def _lookup(vocabulary: type[models.TextChoices]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for code, label in MEDNUM_VALUES[vocabulary].items():
        lookup[_fold(code)] = code
        lookup[_fold(label)] = code
    for alias, code in MEDNUM_ALIASES.get(vocabulary, {}).items():
        lookup[_fold(alias)] = code
    return lookup


def to_code(value: str, vocabulary: type[models.TextChoices]) -> str | None:
    """The portal's code of a label of the schema, of any version (long labels read by their part before " : ")."""
    lookup = _lookup(vocabulary)
    folded = _fold(value)
    return lookup.get(folded) or lookup.get(folded.split(" : ")[0].strip())


def _codes(row: dict, column: str, vocabulary: type[models.TextChoices]) -> list[str]:
    codes = []
    for part in split_values(_text(row, column)):
        code = to_code(part, vocabulary)
        if code is None:
            raise RowError(column, part, "valeur hors de la liste du schéma")
        if code not in codes:
            codes.append(code)
    return codes


def _decimal(row: dict, column: str, low: int, high: int) -> Decimal | None:
    value = _text(row, column).replace(",", ".")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise RowError(column, value, "nombre attendu") from None
    if not number.is_finite() or not low <= number <= high:
        raise RowError(column, value, f"hors de l'intervalle [{low}, {high}]")
    return number.quantize(Decimal("0.000001"))


def _urls(row: dict, column: str) -> list[str]:
    urls = split_values(_text(row, column), urls=True)
    for url in urls:
        if len(url) > 200:
            raise RowError(column, url, "adresse web de plus de 200 caractères")
        try:
            _url(url)
        except ValidationError:
            raise RowError(column, url, "adresse web invalide") from None
    return urls


def parse_row(row: dict) -> ParsedRow:
    """Place field values from one row (keys are schema columns), or RowError with the first reason it is
    refused. A column absent from the file leaves its fields out, so an update keeps what the portal has."""
    present = set(row)
    identifier = _bounded(row, "id", 150, required=True)
    values: dict[str, Any] = {"identifier": identifier}

    pivot = _required(row, "pivot").replace(" ", "")
    if pivot == UNKNOWN_PIVOT:
        pivot = ""
    elif not (siret_is_valid(pivot) or rna_is_valid(pivot)):
        raise RowError("pivot", pivot, f"ni un SIRET valide ni un numéro RNA (ou {UNKNOWN_PIVOT})")
    values["pivot"] = pivot

    values["name"] = _bounded(row, "nom", 200, required=True)
    values["town"] = _bounded(row, "commune", 150, required=True)
    postcode = _required(row, "code_postal")
    if not re.fullmatch(r"\d{5}", postcode):
        raise RowError("code_postal", postcode, "5 chiffres attendus")
    values["postcode"] = postcode
    if "code_insee" in present:
        insee = _text(row, "code_insee")
        if insee and not re.fullmatch(r"([013-9]\d|2[AB1-9])\d{3}", insee):
            raise RowError("code_insee", insee, "code officiel géographique attendu (5 caractères)")
        values["insee_code"] = insee
    values["address"] = _bounded(row, "adresse", 255, required=True)
    if "complement_adresse" in present:
        values["address_complement"] = _bounded(row, "complement_adresse", 255)

    if "latitude" in present or "longitude" in present:
        latitude, longitude = _decimal(row, "latitude", -90, 90), _decimal(row, "longitude", -180, 180)
        if (latitude is None) != (longitude is None):
            raise RowError(
                "latitude" if latitude is None else "longitude", "", "indiquez les deux coordonnées ou aucune"
            )
        values["latitude"], values["longitude"] = latitude, longitude

    if "typologie" in present:
        typology = split_values(_text(row, "typologie"))
        for code in typology:
            if not re.fullmatch(r"[A-Za-z0-9_]+", code):
                raise RowError("typologie", code, "codes data.inclusion attendus (par exemple TIERS_LIEUX|ASSO)")
        values["typology"] = ";".join(typology)
        if len(values["typology"]) > 200:
            raise RowError("typologie", _text(row, "typologie"), "200 caractères au plus")

    if "telephone" in present:
        values["phone"] = _bounded(row, "telephone", 30)
    if "courriels" in present:
        emails = split_values(_text(row, "courriels"))
        for email in emails:
            try:
                _email(email)
            except ValidationError:
                raise RowError("courriels", email, "adresse électronique invalide") from None
        values["email"], values["other_emails"] = (emails[0] if emails else ""), "\n".join(emails[1:])
    if "site_web" in present:
        urls = _urls(row, "site_web")
        values["website"], values["other_websites"] = (urls[0] if urls else ""), "\n".join(urls[1:])

    if "horaires" in present:
        opening = _bounded(row, "horaires", 255)
        if opening and not hours.is_valid(opening):
            raise RowError("horaires", opening, "pas dans la syntaxe OpenStreetMap opening_hours")
        values["opening_hours"] = opening

    if "presentation_resume" in present:
        values["summary_fr"] = _bounded(row, "presentation_resume", SUMMARY_MAX)
    if "presentation_detail" in present:
        values["description_fr"] = _bounded(row, "presentation_detail", 5000)
    if "source" in present:
        values["source"] = _bounded(row, "source", 200)
    if "structure_parente" in present:
        values["parent_organisation"] = _bounded(row, "structure_parente", 200)
    if "autres_formations_labels" in present:
        values["other_labels"] = _bounded(row, "autres_formations_labels", 500)

    updated = _required(row, "date_maj")
    try:
        values["data_updated_on"] = dt.date.fromisoformat(updated[:10])
    except ValueError:
        raise RowError("date_maj", updated, "date AAAA-MM-JJ attendue") from None

    for column, (field, vocabulary) in MULTI_COLUMNS.items():
        if column in present:
            values[field] = _codes(row, column, vocabulary)

    if "fiche_acces_libre" in present:
        values["acceslibre_url"] = next(iter(_urls(row, "fiche_acces_libre")), "")
    if "prise_rdv" in present:
        values["booking_url"] = next(iter(_urls(row, "prise_rdv")), "")
    return ParsedRow(identifier=identifier, values=values)


# ------------------------------------------------------------------------------------------------ writing


def international_phone(phone: str) -> str:
    """A phone number in the schema's form (+33180059880), or "" when it cannot be put in that form."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif re.fullmatch(r"0\d{9}", digits):
        digits = "+33" + digits[1:]
    if digits.startswith("+330"):
        digits = "+33" + digits[4:]
    return digits if PHONE_PATTERN.match(digits) else ""


def _multi(codes: list[str], vocabulary: type[models.TextChoices]) -> str:
    values = MEDNUM_VALUES[vocabulary]
    return SEPARATOR.join(values[code] for code in codes if code in values)


def _summary(text: str) -> str:
    """The short presentation within the schema's 280 characters, once a spreadsheet-safe quote is added."""
    if len(safe_cell(text)) > SUMMARY_MAX:
        return text[: SUMMARY_MAX - 2].rstrip() + "…"
    return text


def place_to_row(place) -> dict[str, Any]:
    """One place as a row of schema v1.0.2 (French texts: the schema is French)."""
    row: dict[str, Any] = {
        "id": place.open_data_id,
        "pivot": place.pivot or UNKNOWN_PIVOT,
        "nom": place.name,
        "commune": place.town,
        "code_postal": place.postcode,
        "code_insee": place.insee_code,
        "adresse": place.address,
        "complement_adresse": place.address_complement,
        "latitude": float(place.latitude) if place.has_coordinates else None,
        "longitude": float(place.longitude) if place.has_coordinates else None,
        "typologie": SEPARATOR.join(code for code in place.typology.split(";") if code),
        "telephone": international_phone(place.phone),
        "courriels": SEPARATOR.join(place.emails),
        "site_web": SEPARATOR.join(place.websites),
        "horaires": place.opening_hours,
        "presentation_resume": _summary(place.summary_fr or ""),
        "presentation_detail": place.description_fr or "",
        "source": place.source,
        "structure_parente": place.parent_organisation,
        "date_maj": (place.data_updated_on or city_localtime(place.updated_at).date()).isoformat(),
        "autres_formations_labels": place.other_labels,
        "fiche_acces_libre": place.acceslibre_url,
        "prise_rdv": place.booking_url,
    }
    for column, (field, vocabulary) in MULTI_COLUMNS.items():
        row[column] = _multi(getattr(place, field), vocabulary)
    return {column: row[column] for column in COLUMNS}
