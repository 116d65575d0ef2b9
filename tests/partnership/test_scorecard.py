"""The partnership scorecard: what each partner brings, the agreement, its duration, renewal and exit clauses,
open standards, product dependencies and linked procurement records, each line with its source, and
"non publié" where nothing is published: on the partnership page, on the comparison page, in the open data."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from partnership.constants import ScorecardTopic
from partnership.demo import SOURCE_TITLE
from partnership.models import PartnerContribution, ProcurementRecord
from tests.factories import OrganisationFactory, PartnerRoleFactory, PartnershipFactory, UserFactory
from tests.field_errors import field_error, form_data
from tests.partnership.factories import ClauseFactory, ContributionFactory, ProcurementRecordFactory
from tests.table_schema import schema_errors

pytestmark = pytest.mark.django_db


def _section(response) -> str:
    """The scorecard's section as a person reads it (tags dropped, spaces folded)."""
    page = response.content.decode()
    start = page.index('id="tableau-de-bord-titre"')
    text = re.sub(r"<[^>]+>", " ", page[start : page.index("</section>", start)])
    return re.sub(r"\s+([,.)])", r"\1", re.sub(r"\s+", " ", text.replace("&#x27;", "'")))


def _cells(response) -> list[str]:
    """The line of the comparison's scorecard table, one text per row (its label first)."""
    page = response.content.decode()
    start = page.index('id="tableau-de-bord-titre"')
    table = page[start : page.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


@pytest.fixture
def bureautique(db):
    partnership = PartnershipFactory(slug="paris-bureautique", title="Bureautique", title_en="Office suite")
    microsoft = OrganisationFactory(name="Microsoft")
    PartnerRoleFactory(partnership=partnership, organisation=microsoft)
    ContributionFactory(partnership=partnership, organisation=microsoft)
    ContributionFactory(
        partnership=partnership, organisation=microsoft, value_eur=None, value_basis="", value_basis_en="", order=1
    )
    ClauseFactory(
        partnership=partnership,
        topic=ScorecardTopic.EXIT,
        statement="Les données sont rendues en fin de contrat",
        statement_en="The data is returned at the end",
        open_formats="CSV|ODS",
        return_within_days=30,
    )
    ProcurementRecordFactory(partnership=partnership, decp_id="2026-0153", amount=Decimal("45000"))
    return partnership


def test_the_demo_partnership_page_shows_what_the_article_says_and_non_publie_elsewhere(client, demo_data):
    section = _section(client.get("/fr/partenariats/paris-microsoft/"))
    assert "Tableau de bord du partenariat" in section
    assert "Microsoft — Apport de nature non précisée" in section
    assert "un espace sportif numérique à la Porte de Montreuil" in section
    assert "Valeur : non publiée" in section
    assert f"Source : {SOURCE_TITLE} (date non publiée)" in section
    for label in ("Convention", "Durée", "Renouvellement", "Sortie et réversibilité", "Marchés publics liés"):
        assert f"{label} non publié" in section
    assert section.count("non publié ") == 7  # every topic but the contributions


def test_the_free_software_partnership_shows_its_free_platform_in_english(client, demo_data):
    section = _section(client.get("/en/partenariats/paris-logiciel-libre/"))
    assert "Partnership scorecard" in section
    assert (
        "Open standards and free software The city decided to move its public-procurement tool to a free-software platform."
        in section
    )
    assert "ASS2L — Contribution of unspecified kind" in section
    assert "Agreement not published" in section
    assert "Value: not published" in section
    assert "non publié" not in section


def test_each_line_shows_its_value_and_its_source_in_french(client, bureautique):
    section = _section(client.get("/fr/partenariats/paris-bureautique/"))
    assert "Microsoft — Licences de logiciels : Licences de bureautique pour 40 postes" in section
    assert (
        "Valeur : 12 000 € (Prix public des licences) Source : Convention de partenariat, dimanche 1er mars 2026"
        in section
    )
    assert "Valeur : non publiée" in section
    assert "Formats ouverts de restitution : CSV, ODS Délai de restitution : 30 jours" in section
    assert (
        "Marché 2026-0153, notifié le jeudi 2 avril 2026, 45 000 € HT : Licences de logiciels de bureautique" in section
    )
    assert "Titulaires : SIRET 32773318400516" in section
    assert "Source : Données essentielles de la commande publique (date non publiée)" in section
    assert "Convention non publié" in section
    assert section.count("non publié ") == 5  # agreement, duration, renewal, open standards, dependencies
    assert (
        'href="https://www.example.org/convention"'
        in client.get("/fr/partenariats/paris-bureautique/").content.decode()
    )


def test_each_line_shows_its_value_and_its_source_in_english(client, bureautique):
    section = _section(client.get("/en/partenariats/paris-bureautique/"))
    assert "Microsoft — Software licences: Office licences for 40 workstations" in section or (
        "Microsoft — Software licences : Office licences for 40 workstations" in section
    )
    assert (
        "Value: €12,000 (Public price of the licences) Source: Convention de partenariat, Sunday 1 March 2026"
        in section
    )
    assert "Value: not published" in section
    assert "Open formats for returning the data: CSV, ODS Time to return the data: 30 days" in section
    assert "Contract 2026-0153, notified on Thursday 2 April 2026, €45,000 excluding VAT" in section
    assert "Duration not published" in section


def test_the_comparison_lines_the_demo_partnerships_up_with_non_publie(client, demo_data):
    response = client.get("/fr/partenariats/comparer/")
    header, *lines = _cells(response)
    assert header.index("Partenariat numérique Lyon – Microsoft") < header.index("Paris et le logiciel libre")
    assert "Partenariat numérique Paris – Microsoft" in header
    by_label = {line.split(" ", 1)[0]: line for line in lines}
    assert by_label["Convention"] == "Convention non publié non publié non publié"
    assert "plateforme libre" in by_label["Standards"]
    assert len(re.findall(r"non publié(?!e)", by_label["Standards"])) == 2
    assert lines[0].startswith("Ce que chaque partenaire apporte Microsoft")
    english = client.get("/en/partenariats/comparer/")
    assert "Scorecards side by side" in english.content.decode()
    assert _cells(english)[1 + 1] == "Agreement not published not published not published"


@pytest.mark.parametrize("count", [2, 20])
def test_the_comparison_page_query_count_does_not_grow_with_partnerships(client, django_assert_max_num_queries, count):
    for _ in range(count):
        partnership = PartnershipFactory()
        ContributionFactory(partnership=partnership)
        ClauseFactory(partnership=partnership, topic=ScorecardTopic.AGREEMENT, statement="Non publiée : secret")
        ProcurementRecordFactory(partnership=partnership)
    with django_assert_max_num_queries(30):
        response = client.get("/fr/partenariats/comparer/")
    assert response.status_code == 200
    assert response.content.decode().count("Non publiée : secret") == count


def test_the_scorecard_is_in_the_open_data_with_missing_lines_and_its_schema(client, demo_data, bureautique):
    response = client.get("/donnees/partenariats-tableau-de-bord.csv")
    schema = client.get("/donnees/partenariats-tableau-de-bord.schema.json").json()
    assert schema_errors(response.content, schema) == []
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    mine = [row for row in rows if row["partenariat"] == "paris-bureautique"]
    assert [row["rubrique"] for row in mine] == [
        "contributions",
        "contributions",
        "agreement",
        "duration",
        "renewal",
        "exit",
        "open_standards",
        "dependencies",
        "procurement",
    ]
    exit_row = next(row for row in mine if row["rubrique"] == "exit")
    assert exit_row["formats_ouverts"] == "CSV|ODS" and exit_row["delai_restitution_jours"] == "30"
    assert exit_row["publie"] == "True" or exit_row["publie"] == "true"
    assert next(row for row in mine if row["rubrique"] == "agreement")["publie"].lower() == "false"
    assert mine[0]["valeur_euros"] == "12000.0" and mine[1]["valeur_euros"] == ""
    assert mine[0]["source_date"] == "2026-03-01"
    free = [row for row in rows if row["partenariat"] == "paris-logiciel-libre" and row["rubrique"] == "open_standards"]
    assert "plateforme libre" in free[0]["constat"] and free[0]["source_titre"] == SOURCE_TITLE


def test_procurement_records_are_in_the_open_data_with_decp_names(client, bureautique):
    response = client.get("/donnees/partenariats-marches-publics.csv")
    schema = client.get("/donnees/partenariats-marches-publics.schema.json").json()
    assert schema_errors(response.content, schema) == []
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["id"] == "2026-0153"
    assert row["acheteur_id"] == "21750001600019"
    assert row["date_notification"] == "2026-04-02"
    assert row["montant"] == "45000.0"
    assert row["titulaires"] == "SIRET:32773318400516"
    catalogue = client.get("/donnees/catalogue.jsonld").json()
    names = {dataset["dct:identifier"] for dataset in catalogue["dcat:dataset"]}
    assert {"partenariats-tableau-de-bord", "partenariats-marches-publics"} <= names


def _admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_decp_errors_are_shown_next_to_each_field_in_the_admin(client, bureautique):
    _admin(client)
    url = reverse("admin:partnership_partnership_change", args=[bureautique.pk])
    data = form_data(client.get(url).content.decode())
    data.update(
        {
            "procurement_records-0-decp_id": ["2026 0153;"],
            "procurement_records-0-buyer_siret": ["21750001600018"],
            "procurement_records-0-cpv_code": ["4800"],
            "procurement_records-0-holders": ["SIREN:123|SIRET:32773318400517"],
            "procurement_records-0-amount": ["0"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "sans espace ni aucun des signes" in field_error(page, "procurement_records-0-decp_id")
    assert "clé de contrôle est fausse" in field_error(page, "procurement_records-0-buyer_siret")
    assert "8 chiffres" in field_error(page, "procurement_records-0-cpv_code")
    holders = field_error(page, "procurement_records-0-holders")
    assert "« SIREN:123 » : écrivez le type d'identifiant" in holders
    assert "« 32773318400517 » : ce SIRET n'existe pas" in holders
    assert field_error(page, "procurement_records-0-amount")
    assert ProcurementRecord.objects.get().decp_id == "2026-0153"


def test_staff_add_a_contribution_from_the_partnership_admin_and_the_page_shows_it(client, bureautique):
    _admin(client)
    url = reverse("admin:partnership_partnership_change", args=[bureautique.pk])
    data = form_data(client.get(url).content.decode())
    organisation = OrganisationFactory(name="Fondation libre")
    data.update(
        {
            # the foundation becomes a partner in the same save
            "roles-TOTAL_FORMS": ["2"],
            "roles-1-organisation": [str(organisation.pk)],
            "roles-1-role": ["partner"],
            "contributions-TOTAL_FORMS": ["3"],
            "contributions-2-organisation": [str(organisation.pk)],
            "contributions-2-kind": ["hours"],
            "contributions-2-description_fr": ["200 heures de formation"],
            "contributions-2-description_en": ["200 hours of training"],
            "contributions-2-value_eur": [""],
            "contributions-2-source_title": ["Délibération du conseil"],
            "contributions-2-order": ["2"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, field_error(response.content.decode(), "contributions-2-organisation")
    assert PartnerContribution.objects.filter(organisation=organisation, value_eur=None).exists()
    section = _section(Client().get("/fr/partenariats/paris-bureautique/"))
    assert "Fondation libre — Heures de travail ou d'accompagnement : 200 heures de formation" in section
    assert "Source : Délibération du conseil (date non publiée)" in section


def test_a_contribution_is_refused_next_to_the_field_unless_its_organisation_is_a_partner(client, bureautique):
    _admin(client)
    url = reverse("admin:partnership_partnership_change", args=[bureautique.pk])
    data = form_data(client.get(url).content.decode())
    stranger = OrganisationFactory(name="Éditeur sans rôle")
    contribution = {
        "contributions-TOTAL_FORMS": ["3"],
        "contributions-2-organisation": [str(stranger.pk)],
        "contributions-2-kind": ["money"],
        "contributions-2-description_fr": ["Un apport"],
        "contributions-2-order": ["2"],
    }
    response = client.post(url, {**data, **contribution})
    assert response.status_code == 200
    assert "ne fait pas partie des partenaires de ce partenariat" in field_error(
        response.content.decode(), "contributions-2-organisation"
    )
    assert not PartnerContribution.objects.filter(organisation=stranger).exists()

    # Removing Microsoft from the partners while its contributions stay is refused too, and nothing is lost.
    removal = {**data, "roles-0-DELETE": ["on"]}
    response = client.post(url, removal)
    assert response.status_code == 200
    assert "ne fait pas partie des partenaires" in field_error(
        response.content.decode(), "contributions-0-organisation"
    )
    assert bureautique.roles.count() == 1 and bureautique.contributions.count() == 2
    english = client.post(url.replace("/fr/", "/en/", 1), {**data, **contribution})
    assert "is not one of this partnership's partners" in field_error(
        english.content.decode(), "contributions-2-organisation"
    )
