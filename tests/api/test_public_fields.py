"""No personal data, ever: every field the API can return is declared public in api/public_fields.py.

The OpenAPI document is generated from the schemas that also shape every answer, so walking it lists every
field the API can return; the answers themselves are walked too. A new field fails here until it is declared.
"""

import pytest

from api.public_fields import PERSONAL_NAME_PARTS, PUBLIC_CONTACT_EXCEPTIONS, PUBLIC_FIELDS
from tests.factories import CommitmentFactory, InitiativeFactory, PartnerRoleFactory, PlaceFactory
from tests.startups.factories import CallFactory
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def reachable_schemas(document: dict) -> set[str]:
    """The component schemas any answer of any operation may contain."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref:
                name = ref.rsplit("/", 1)[1]
                if name not in found:
                    found.add(name)
                    walk(document["components"]["schemas"][name])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for operations in document["paths"].values():
        for operation in operations.values():
            walk(operation.get("responses", {}))
    return found


def test_every_field_of_the_openapi_document_is_declared_public(client):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]

    returned = {name: set(schemas[name].get("properties", {})) for name in reachable_schemas(document)}

    undeclared = {f"{name}.{field}" for name, fields in returned.items() for field in fields} - {
        f"{name}.{field}" for name, fields in PUBLIC_FIELDS.items() for field in fields
    }
    assert not undeclared, (
        f"Declare these fields in api/public_fields.py (after checking they are public): {undeclared}"
    )
    assert set(returned) == set(PUBLIC_FIELDS), "api/public_fields.py declares a schema the API no longer returns"
    for name, fields in returned.items():
        assert fields == PUBLIC_FIELDS[name], f"{name}: declared {sorted(PUBLIC_FIELDS[name] - fields)} not returned"
    for name, schema in schemas.items():
        assert schema.get("additionalProperties") is not True, name


def test_no_field_name_speaks_of_a_person_but_the_places_public_contact():
    suspicious = {
        f"{schema}.{field}"
        for schema, fields in PUBLIC_FIELDS.items()
        for field in fields
        if any(part in field for part in PERSONAL_NAME_PARTS)
    }
    assert suspicious == PUBLIC_CONTACT_EXCEPTIONS


def keys_of(value, path="") -> set[str]:
    if isinstance(value, dict):
        keys = set()
        for key, child in value.items():
            if key == "erreurs":  # keyed by the parameters refused
                keys.add(f"{path}{key}")
                continue
            keys |= {f"{path}{key}"} | keys_of(child, f"{path}{key}.")
        return keys
    if isinstance(value, list):
        return set().union(*(keys_of(child, f"{path}[].") for child in value)) if value else set()
    return set()


def test_answers_hold_nothing_but_declared_fields_and_no_ones_address(client):
    partnership = PartnerRoleFactory().partnership
    partnership.signatories.create(name="Jeanne Signataire", position="Maire")
    CommitmentFactory(partnership=partnership)
    InitiativeFactory(partnership=partnership, contact_name="Paul Contact", contact_email="paul@example.org")
    PlaceFactory(latitude=48.8, longitude=2.3, email="accueil@lieu.example", phone="0102030405")
    RegistrationFactory(session=SessionFactory(), person__email="stagiaire@example.org", person__first_name="Léa")
    CallFactory()
    declared = set().union(*PUBLIC_FIELDS.values())

    for url in ["partnerships", "commitments", "initiatives", "places", "places.geojson", "training-sessions", "calls"]:
        response = client.get(f"/api/v1/{url}")
        assert response.status_code == 200
        body = response.json()
        assert body["total"] >= 1, url
        names = {key.rsplit(".", 1)[-1] for key in keys_of(body)}
        assert names <= declared, (url, names - declared)
        for secret in (
            b"Jeanne",
            b"Paul Contact",
            b"paul@example.org",
            b"stagiaire@example.org",
            b"L\\u00e9a",
            "Léa".encode(),
        ):
            assert secret not in response.content, (url, secret)
