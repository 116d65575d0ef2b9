"""The national schema of digital mediation places (La Mednum "standard-mediation-num", table schema v0.2,
Licence Ouverte 2.0): its columns, reading one row into Place values, and writing a Place as a row.

Multi-valued cells hold values separated by ";". Vocabulary values are written exactly as the schema
spells them (`constants.MEDNUM_VALUES`); the reader also accepts a few other spellings seen in published
files and the portal's own codes.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models

from common.identifiers import rna_is_valid, siret_is_valid
from common.time import city_localtime

from . import hours
from .constants import (
    MEDNUM_ALIASES,
    MEDNUM_VALUES,
    PlaceAccessMode,
    PlaceFee,
    PlacePublic,
    PlaceService,
    PlaceSpecificSupport,
    PlaceSupportMode,
)
from .validators import UNKNOWN_PIVOT

SCHEMA_NAME = "standard-mediation-num"
SCHEMA_VERSION = "0.2.0"

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
REQUIRED_COLUMNS = ["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj", "services"]

# column -> (Place field, vocabulary)
MULTI_COLUMNS: dict[str, tuple[str, type[models.TextChoices]]] = {
    "services": ("services", PlaceService),
    "publics_specifiquement_adresses": ("publics", PlacePublic),
    "prise_en_charge_specifique": ("specific_support", PlaceSpecificSupport),
    "frais_a_charge": ("fees", PlaceFee),
    "modalites_acces": ("access_modes", PlaceAccessMode),
    "modalites_accompagnement": ("support_modes", PlaceSupportMode),
}

_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


class RowError(ValueError):
    """One reason a row is rejected; the message names the column."""


@dataclass
class ParsedRow:
    identifier: str
    values: dict[str, Any]


def missing_columns(columns) -> list[str]:
    present = {str(column).strip() for column in columns}
    return [column for column in REQUIRED_COLUMNS if column not in present]


def _text(row: dict, column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(str(item) for item in value)
    return str(value).strip()


def _required(row: dict, column: str) -> str:
    value = _text(row, column)
    if not value:
        raise RowError(f"{column} : valeur obligatoire manquante")
    return value


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"\s+", " ", value.replace("’", "'")).strip()


def _codes(row: dict, column: str, vocabulary: type[models.TextChoices]) -> list[str]:
    lookup: dict[str, str] = {}
    for code, label in MEDNUM_VALUES[vocabulary].items():
        lookup[_fold(label)] = code
        lookup[_fold(code)] = code
        lookup[_fold(label.split(" : ")[0])] = code
    for alias, code in MEDNUM_ALIASES.get(vocabulary, {}).items():
        lookup[_fold(alias)] = code
    codes = []
    for part in _split(_text(row, column)):
        code = lookup.get(_fold(part))
        if code is None:
            raise RowError(f"{column} : valeur inconnue « {part} »")
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
        raise RowError(f"{column} : nombre attendu, « {value} » reçu") from None
    if not number.is_finite() or not low <= number <= high:
        raise RowError(f"{column} : {value} est hors de l'intervalle [{low}, {high}]")
    return number.quantize(Decimal("0.000001"))


def _urls(row: dict, column: str) -> str:
    urls = _split(_text(row, column))
    for url in urls:
        try:
            _url(url)
        except ValidationError:
            raise RowError(f"{column} : adresse web invalide « {url} »") from None
    return urls[0] if urls else ""


def parse_row(row: dict) -> ParsedRow:
    """Place field values from one row of the schema, or RowError with the first reason it is rejected."""
    identifier = _required(row, "id")
    if len(identifier) > 150:
        raise RowError("id : 150 caractères au plus")
    values: dict[str, Any] = {"identifier": identifier}

    pivot = _required(row, "pivot").replace(" ", "")
    if pivot == UNKNOWN_PIVOT:
        pivot = ""
    elif not (siret_is_valid(pivot) or rna_is_valid(pivot)):
        raise RowError(f"pivot : « {pivot} » n'est ni un SIRET valide ni un numéro RNA (ou {UNKNOWN_PIVOT})")
    values["pivot"] = pivot

    values["name"] = _required(row, "nom")[:200]
    values["town"] = _required(row, "commune")[:150]
    postcode = _required(row, "code_postal")
    if not re.fullmatch(r"\d{5}", postcode):
        raise RowError(f"code_postal : « {postcode} » ne compte pas 5 chiffres")
    values["postcode"] = postcode
    insee = _text(row, "code_insee")
    if insee and not re.fullmatch(r"([013-9]\d|2[AB1-9])\d{3}", insee):
        raise RowError(f"code_insee : « {insee} » n'est pas un code INSEE")
    values["insee_code"] = insee
    values["address"] = _required(row, "adresse")[:255]
    values["address_complement"] = _text(row, "complement_adresse")[:255]

    latitude, longitude = _decimal(row, "latitude", -90, 90), _decimal(row, "longitude", -180, 180)
    if (latitude is None) != (longitude is None):
        raise RowError("latitude, longitude : indiquez les deux coordonnées ou aucune")
    values["latitude"], values["longitude"] = latitude, longitude

    typology = ";".join(_split(_text(row, "typologie")))
    if typology and not re.fullmatch(r"[A-Za-z0-9_]+(;[A-Za-z0-9_]+)*", typology):
        raise RowError(f"typologie : codes attendus (par exemple ASSO;TIERS_LIEUX), « {typology} » reçu")
    values["typology"] = typology[:200]

    phone = _text(row, "telephone")
    if len(phone) > 30:
        raise RowError("telephone : 30 caractères au plus")
    values["phone"] = phone
    emails = _split(_text(row, "courriels"))
    for email in emails:
        try:
            _email(email)
        except ValidationError:
            raise RowError(f"courriels : adresse invalide « {email} »") from None
    values["email"] = emails[0] if emails else ""
    values["website"] = _urls(row, "site_web")

    opening = _text(row, "horaires")
    if opening and not hours.is_valid(opening):
        raise RowError(f"horaires : « {opening} » n'est pas dans la syntaxe OpenStreetMap opening_hours")
    if len(opening) > 255:
        raise RowError("horaires : 255 caractères au plus")
    values["opening_hours"] = opening

    summary = _text(row, "presentation_resume")
    if len(summary) > 280:
        raise RowError(f"presentation_resume : {len(summary)} caractères, 280 au plus")
    values["summary_fr"] = summary
    values["description_fr"] = _text(row, "presentation_detail")
    values["source"] = _text(row, "source")[:200]
    values["parent_organisation"] = _text(row, "structure_parente")[:200]

    updated = _required(row, "date_maj")
    try:
        values["data_updated_on"] = dt.date.fromisoformat(updated[:10])
    except ValueError:
        raise RowError(f"date_maj : date AAAA-MM-JJ attendue, « {updated} » reçu") from None

    for column, (field, vocabulary) in MULTI_COLUMNS.items():
        values[field] = _codes(row, column, vocabulary)
    if not values["services"]:
        raise RowError("services : valeur obligatoire manquante")

    values["acceslibre_url"] = _urls(row, "fiche_acces_libre")
    values["booking_url"] = _urls(row, "prise_rdv")
    return ParsedRow(identifier=identifier, values=values)


def _multi(codes: list[str], vocabulary: type[models.TextChoices]) -> str:
    return ";".join(MEDNUM_VALUES[vocabulary][code] for code in codes if code in MEDNUM_VALUES[vocabulary])


def place_to_row(place) -> dict[str, Any]:
    """One place as a row of the schema (French texts: the schema is French)."""
    row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
    row.update(
        {
            "id": place.open_data_id,
            "pivot": place.pivot or UNKNOWN_PIVOT,
            "nom": place.name,
            "commune": place.town,
            "code_postal": place.postcode,
            "code_insee": place.insee_code,
            "adresse": place.address,
            "complement_adresse": place.address_complement,
            "latitude": float(place.latitude) if place.latitude is not None else None,
            "longitude": float(place.longitude) if place.longitude is not None else None,
            "typologie": place.typology,
            "telephone": place.phone,
            "courriels": place.email,
            "site_web": place.website,
            "horaires": place.opening_hours,
            "presentation_resume": place.summary_fr or "",
            "presentation_detail": place.description_fr or "",
            "source": place.source,
            "structure_parente": place.parent_organisation,
            "date_maj": (place.data_updated_on or city_localtime(place.updated_at).date()).isoformat(),
            "fiche_acces_libre": place.acceslibre_url,
            "prise_rdv": place.booking_url,
        }
    )
    for column, (field, vocabulary) in MULTI_COLUMNS.items():
        row[column] = _multi(getattr(place, field), vocabulary)
    return row
