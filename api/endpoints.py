"""The API's lists: each reads a feature app's selector, filters it with the pages' FilterSets (api/filters.py),
orders it so that pages never overlap or skip a row, and turns each row into the public fields of
api/schemas.py. A fixed number of queries per list, whatever the number of rows (tests/api)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Router

from initiatives import hours
from initiatives.selectors import initiative_list, place_directory
from partnership.selectors import commitment_list, partnership_list
from startups.selectors import call_list
from training.selectors import public_sessions

from . import filters, schemas
from .http import ApiError

router = Router()

ERRORS = {400: schemas.Erreur, 404: schemas.Erreur, 429: schemas.Erreur}


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    to_rows: Callable[[Iterable[Model]], list[dict[str, Any]]],
    *,
    max_page_size: int = filters.MAX_PAGE_SIZE,
    key: str = "resultats",
) -> dict[str, Any]:
    """One page of `queryset` (already in a total order) and the links to its neighbours."""
    number, size = filters.page_numbers(request, max_page_size=max_page_size)
    total = queryset.count()
    pages = math.ceil(total / size)
    if number > max(pages, 1):
        raise ApiError(
            404,
            _("Cette page n'existe pas."),
            {"page": [_("%(pages)s page(s) en tout.") % {"pages": pages}]},
        )
    rows = list(queryset[(number - 1) * size : number * size])
    with translation.override("fr"):  # links to the French pages, whatever the request's language
        results = to_rows(rows)
    return {
        "total": total,
        "page": number,
        "pages": pages,
        "par_page": size,
        "suivante": _page_url(request, number + 1) if number < pages else None,
        "precedente": _page_url(request, number - 1) if number > 1 else None,
        key: results,
    }


def _en(value: str | None) -> str | None:
    return value or None


class Links:
    """Absolute links to the rows' French pages, one `reverse()` per kind of page instead of one per row: the
    page's address is reversed once with a mark in place of the slug or id, then the mark is replaced."""

    MARKS = {"slug": "identifiant-a-remplacer", "pk": "987654321987"}

    def __init__(self, request: HttpRequest):
        self.request = request
        self.templates: dict[str, str] = {}

    def __call__(self, name: str, **kwargs: Any) -> str:
        ((key, value),) = kwargs.items()
        if name not in self.templates:
            with translation.override("fr"):
                self.templates[name] = self.request.build_absolute_uri(reverse(name, kwargs={key: self.MARKS[key]}))
        return self.templates[name].replace(self.MARKS[key], str(value))


class OpenStates:
    """Whether each place is open now: computed once per distinct opening-hours expression in an answer."""

    def __init__(self):
        self.now = timezone.now()
        self.known: dict[str, bool | None] = {}

    def __call__(self, expression: str) -> bool | None:
        if expression not in self.known:
            state = hours.state_at(expression, self.now)
            self.known[expression] = state.is_open if state.known else None
        return self.known[expression]


# --- partnerships and commitments ------------------------------------------------------------------------------


def partnership_rows(request: HttpRequest, partnerships: Iterable) -> list[dict[str, Any]]:
    link = Links(request)
    return [
        {
            "id": p.pk,
            "identifiant_url": p.slug,
            "titre": p.title_fr,
            "titre_en": _en(p.title_en),
            "resume": p.summary_fr,
            "resume_en": _en(p.summary_en),
            "ville": p.city.slug,
            "statut": p.status,
            "date_annonce": p.announced_on,
            "date_signature": p.signed_on,
            "date_debut": p.starts_on,
            "date_fin": p.ends_on,
            "precision_dates": p.dates_note_fr or "",
            "source": p.source_title,
            "lien_source": p.source_url,
            "partenaires": [
                {
                    "organisation": role.organisation.name,
                    "identifiant_url": role.organisation.slug,
                    "type": role.organisation.kind,
                    "role": role.role,
                    "site_web": role.organisation.website,
                }
                for role in p.roles.all()
            ],
            "nombre_initiatives": p.initiative_count,
            "nombre_engagements": p.commitment_count,
            "url": link("portal:detail", slug=p.slug),
            "mis_a_jour_le": p.updated_at,
        }
        for p in partnerships
    ]


@router.get(
    "/partnerships",
    response={200: schemas.PagePartenariats, **ERRORS},
    summary="Partenariats",
    tags=["partenariats"],
    openapi_extra={"parameters": filters.openapi_parameters(filters.PartnershipApiFilter)},
)
def partnerships(request: HttpRequest):
    """Les partenariats numériques signés par les villes, avec leurs partenaires et leurs chiffres."""
    queryset = filters.validated(filters.PartnershipApiFilter, request, partnership_list())
    return paginate(request, queryset.order_by("pk"), lambda rows: partnership_rows(request, rows))


def commitment_rows(commitments: Iterable) -> list[dict[str, Any]]:
    return [
        {
            "id": c.pk,
            "partenariat": c.partnership.slug,
            "ville": c.partnership.city.slug,
            "intitule": c.title_fr,
            "intitule_en": _en(c.title_en),
            "description": c.description_fr or "",
            "description_en": _en(c.description_en),
            "statut": c.status,
            "avancement": c.progress,
            "ordre": c.order,
            "initiatives": [initiative.slug for initiative in c.published_initiatives],
        }
        for c in commitments
    ]


@router.get(
    "/commitments",
    response={200: schemas.PageEngagements, **ERRORS},
    summary="Engagements",
    tags=["partenariats"],
    openapi_extra={"parameters": filters.openapi_parameters(filters.CommitmentApiFilter)},
)
def commitments(request: HttpRequest):
    """Ce que chaque partenariat a promis, son statut et son avancement."""
    queryset = filters.validated(filters.CommitmentApiFilter, request, commitment_list())
    return paginate(request, queryset.order_by("pk"), commitment_rows)


# --- the catalogue ----------------------------------------------------------------------------------------------


def initiative_rows(request: HttpRequest, initiatives: Iterable) -> list[dict[str, Any]]:
    link = Links(request)
    return [
        {
            "id": i.pk,
            "identifiant_url": i.slug,
            "titre": i.title_fr,
            "titre_en": _en(i.title_en),
            "resume": i.summary_fr,
            "resume_en": _en(i.summary_en),
            "description": i.description_fr or "",
            "description_en": _en(i.description_en),
            "comment_participer": i.how_to_take_part_fr or "",
            "comment_participer_en": _en(i.how_to_take_part_en),
            "ville": i.partnership.city.slug,
            "partenariat": i.partnership.slug,
            "categorie": i.category.slug,
            "public": i.audience,
            "statut": i.status,
            "technologie": i.technology,
            "date_debut": i.starts_on,
            "date_fin": i.ends_on,
            "lieu": i.place.slug if i.place_id else None,
            "url": link("initiatives:detail", slug=i.slug),
            "publiee_le": i.published_at,
            "mis_a_jour_le": i.updated_at,
        }
        for i in initiatives
    ]


@router.get(
    "/initiatives",
    response={200: schemas.PageInitiatives, **ERRORS},
    summary="Initiatives",
    tags=["catalogue"],
    openapi_extra={"parameters": filters.openapi_parameters(filters.InitiativeApiFilter)},
)
def initiatives(request: HttpRequest):
    """Le catalogue des initiatives publiées. `q` cherche dans les titres, résumés et descriptions (recherche
    plein texte en français et en anglais, résultats les plus pertinents d'abord)."""
    queryset = filters.validated(filters.InitiativeApiFilter, request, initiative_list())
    if "rank" not in queryset.query.annotations:  # PostgreSQL's search orders by relevance, then by id
        queryset = queryset.order_by("pk")
    return paginate(request, queryset, lambda rows: initiative_rows(request, rows))


# --- places -----------------------------------------------------------------------------------------------------


def place_rows(request: HttpRequest, places: Iterable) -> list[dict[str, Any]]:
    link, is_open = Links(request), OpenStates()
    return [
        {
            "id": p.open_data_id,
            "identifiant_url": p.slug,
            "pivot": p.pivot,
            "nom": p.name,
            "ville": p.city.slug,
            "commune": p.town,
            "code_postal": p.postcode,
            "code_insee": p.insee_code,
            "adresse": p.address,
            "complement_adresse": p.address_complement,
            "latitude": float(p.latitude) if p.latitude is not None else None,
            "longitude": float(p.longitude) if p.longitude is not None else None,
            "typologie": [code for code in p.typology.split(";") if code],
            "telephone": p.phone,
            "courriels": [p.email] if p.email else [],
            "site_web": p.website,
            "horaires": p.opening_hours,
            "ouvert_maintenant": is_open(p.opening_hours),
            "presentation_resume": p.summary_fr or "",
            "presentation_detail": p.description_fr or "",
            "source": p.source,
            "structure_parente": p.parent_organisation,
            "date_maj": p.data_updated_on,
            "services": p.services,
            "publics_specifiquement_adresses": p.publics,
            "prise_en_charge_specifique": p.specific_support,
            "frais_a_charge": p.fees,
            "modalites_acces": p.access_modes,
            "modalites_accompagnement": p.support_modes,
            "fiche_acces_libre": p.acceslibre_url,
            "prise_rdv": p.booking_url,
            "url": link("places:detail", slug=p.slug),
        }
        for p in places
    ]


def place_features(request: HttpRequest, places: Iterable) -> list[dict[str, Any]]:
    link, is_open = Links(request), OpenStates()
    return [
        {
            "type": "Feature",
            "id": p.slug,
            "geometry": {"type": "Point", "coordinates": [float(p.longitude), float(p.latitude)]},
            "properties": {
                "identifiant_url": p.slug,
                "nom": p.name,
                "adresse": f"{p.address}, {p.postcode} {p.town}",
                "url": link("places:detail", slug=p.slug),
                "ouvert_maintenant": is_open(p.opening_hours),
            },
        }
        for p in places
    ]


def _places(request: HttpRequest) -> QuerySet:
    queryset = filters.validated(
        filters.PlaceApiFilter, request, place_directory(), extra=("format",), now=timezone.now()
    )
    return queryset.order_by("name", "pk")


def _geojson(request: HttpRequest) -> dict[str, Any]:
    places = (
        _places(request)
        .exclude(latitude__isnull=True)
        .exclude(longitude__isnull=True)
        .only("pk", "slug", "name", "address", "postcode", "town", "latitude", "longitude", "opening_hours")
    )
    page = paginate(
        request,
        places.select_related(None),
        lambda rows: place_features(request, rows),
        max_page_size=filters.MAX_GEOJSON_PAGE_SIZE,
        key="features",
    )
    return {"type": "FeatureCollection", **page}


PLACE_PARAMETERS = filters.openapi_parameters(filters.PlaceApiFilter)


@router.get(
    "/places",
    response={200: schemas.PageLieux, **ERRORS},
    summary="Lieux de médiation numérique",
    tags=["lieux"],
    openapi_extra={
        "parameters": [
            *PLACE_PARAMETERS,
            {
                "name": "format",
                "in": "query",
                "required": False,
                "description": "geojson : la même réponse que /places.geojson.",
                "schema": {"type": "string", "enum": ["json", "geojson"]},
            },
        ]
    },
)
def places(request: HttpRequest):
    """Les lieux de médiation numérique, champs du schéma national de La Mednum. `bbox` limite la liste à un
    rectangle de carte ; `format=geojson` répond en GeoJSON (comme /places.geojson)."""
    answer_format = request.GET.get("format", "json")
    if answer_format == "geojson":
        return JsonResponse(_geojson(request), json_dumps_params={"ensure_ascii": False})
    if answer_format != "json":
        raise ApiError(400, _("Paramètres refusés."), {"format": [_("json ou geojson.")]})
    return paginate(request, _places(request), lambda rows: place_rows(request, rows))


@router.get(
    "/places.geojson",
    response={200: schemas.LieuxGeoJSON, **ERRORS},
    summary="Lieux de médiation numérique (GeoJSON)",
    tags=["lieux"],
    openapi_extra={
        "parameters": filters.openapi_parameters(filters.PlaceApiFilter, max_page_size=filters.MAX_GEOJSON_PAGE_SIZE)
    },
)
def places_geojson(request: HttpRequest):
    """Les lieux qui ont des coordonnées, en GeoJSON compact pour une carte (jusqu'à 1 000 par page) : nom,
    adresse, lien vers sa page, ouvert ou non. Avec `bbox`, seulement ceux du rectangle affiché."""
    if "format" in request.GET:
        raise ApiError(400, _("Paramètres refusés."), {"format": [_("Paramètre inconnu.")]})
    return _geojson(request)


# --- training sessions ------------------------------------------------------------------------------------------


def session_rows(request: HttpRequest, sessions: Iterable) -> list[dict[str, Any]]:
    now, link = timezone.now(), Links(request)
    rows = []
    for s in sessions:
        programme = s.programme
        rows.append(
            {
                "id": s.pk,
                "programme": programme.slug,
                "programme_titre": programme.title_fr,
                "programme_titre_en": _en(programme.title_en),
                "metier": programme.trade,
                "ville": programme.initiative.partnership.city.slug,
                "date_debut": s.starts_at,
                "date_fin": s.ends_at,
                "date_limite_inscription": s.registration_deadline,
                "lieu": s.place.slug if s.place_id else None,
                "a_distance": s.is_remote,
                "modalites_a_distance": s.remote_details_fr or "",
                "modalites_a_distance_en": _en(s.remote_details_en),
                "informations_pratiques": s.practical_info_fr or "",
                "informations_pratiques_en": _en(s.practical_info_en),
                "places": s.capacity,
                "places_restantes": s.seats_left,
                "statut": s.status,
                "inscriptions_ouvertes": s.registration_is_open(now),
                "cout_stagiaire": programme.cost_to_trainee,
                "duree_heures": programme.duration_hours,
                "url": link("training:session_detail", pk=s.pk),
                "mis_a_jour_le": s.updated_at,
            }
        )
    return rows


@router.get(
    "/training-sessions",
    response={200: schemas.PageSessions, **ERRORS},
    summary="Sessions de formation",
    tags=["formations"],
    openapi_extra={"parameters": filters.openapi_parameters(filters.SessionApiFilter)},
)
def training_sessions(request: HttpRequest):
    """Les sessions des formations publiées (toutes, annulées comprises : voir `statut`), avec les places
    restantes. Aucune donnée sur les personnes inscrites, seulement leur nombre."""
    queryset = filters.validated(filters.SessionApiFilter, request, public_sessions())
    return paginate(request, queryset.order_by("starts_at", "pk"), lambda rows: session_rows(request, rows))


# --- calls for applications -------------------------------------------------------------------------------------


def call_rows(request: HttpRequest, calls: Iterable) -> list[dict[str, Any]]:
    now, link = timezone.now(), Links(request)
    return [
        {
            "id": c.pk,
            "identifiant_url": c.slug,
            "titre": c.title_fr,
            "titre_en": _en(c.title_en),
            "resume": c.summary_fr,
            "resume_en": _en(c.summary_en),
            "qui_peut_candidater": c.eligibility_fr,
            "qui_peut_candidater_en": _en(c.eligibility_en),
            "offre": c.offer_fr,
            "offre_en": _en(c.offer_en),
            "propose": [
                name
                for name, flag in (
                    ("conseil", c.offers_advice),
                    ("financement", c.offers_funding),
                    ("mentorat", c.offers_mentoring),
                )
                if flag
            ],
            "ville": c.initiative.partnership.city.slug,
            "categorie": c.initiative.category.slug,
            "initiative": c.initiative.slug,
            "date_ouverture": c.opens_at,
            "date_cloture": c.closes_at,
            "etat": c.state(now),
            "recommandation_exigee": c.requires_recommendation,
            "url": link("startups:call_detail", slug=c.slug),
            "publie_le": c.published_at,
            "mis_a_jour_le": c.updated_at,
        }
        for c in calls
    ]


@router.get(
    "/calls",
    response={200: schemas.PageAppels, **ERRORS},
    summary="Appels à candidatures",
    tags=["appels"],
    openapi_extra={"parameters": filters.openapi_parameters(filters.CallApiFilter)},
)
def calls(request: HttpRequest):
    """Les appels à candidatures publiés (à venir, ouverts et clos : voir `etat`)."""
    queryset = filters.validated(filters.CallApiFilter, request, call_list().published())
    return paginate(request, queryset.order_by("closes_at", "pk"), lambda rows: call_rows(request, rows))
