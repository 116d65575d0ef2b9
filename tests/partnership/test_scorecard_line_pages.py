"""The scorecard's lines on admin pages of their own: a list across partnerships, each line's history, and a
partnership's lines beyond what its page adds at once (the inline's cap) stay editable on the partnership's page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from partnership.constants import ScorecardTopic
from partnership.models import PartnerContribution, ScorecardClause
from tests.factories import OrganisationFactory, PartnerRoleFactory, PartnershipFactory, city_agent
from tests.field_errors import field_error, form_data
from tests.partnership.factories import ContributionFactory
from tests.startups.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureautique(db):
    partnership = PartnershipFactory(slug="paris-bureautique", title="Bureautique", title_en="Office suite")
    PartnerRoleFactory(partnership=partnership, organisation=OrganisationFactory(name="Microsoft"))
    return partnership


@pytest.fixture
def agent(client, bureautique):
    client.force_login(city_agent(bureautique.city))
    return client


def _contribution(partnership, organisation, **extra):
    return {
        "partnership": str(partnership.pk),
        "organisation": str(organisation.pk),
        "kind": "hours",
        "description_fr": "200 heures de formation",
        "description_en": "200 hours of training",
        "value_eur": "",
        "value_basis_fr": "",
        "value_basis_en": "",
        "source_title": "Délibération du conseil",
        "source_url": "",
        "source_date": "",
        "order": "0",
        **extra,
    }


def test_city_staff_add_a_contribution_on_its_own_page_only_for_a_partner(agent, bureautique):
    url = reverse("admin:partnership_partnercontribution_add")
    stranger = OrganisationFactory(name="Éditeur sans rôle")
    response = agent.post(url, _contribution(bureautique, stranger))
    assert response.status_code == 200
    assert "ne fait pas partie des partenaires de ce partenariat" in field_error(
        response.content.decode(), "organisation"
    )
    english = agent.post(url.replace("/fr/", "/en/", 1), _contribution(bureautique, stranger))
    assert "is not one of this partnership's partners" in field_error(english.content.decode(), "organisation")
    microsoft = bureautique.roles.get().organisation
    assert agent.post(url, _contribution(bureautique, microsoft)).status_code == 302
    contribution = PartnerContribution.objects.get()
    assert contribution.organisation == microsoft
    section = Client().get("/fr/partenariats/paris-bureautique/").content.decode()
    assert "200 heures de formation" in section

    # the list across partnerships, then the line's history with who changed what
    listing = agent.get(reverse("admin:partnership_partnercontribution_changelist")).content.decode()
    assert "Microsoft" in listing and "Bureautique" in listing
    change = reverse("admin:partnership_partnercontribution_change", args=[contribution.pk])
    agent.post(change, _contribution(bureautique, microsoft, description_fr="250 heures de formation"))
    history = agent.get(reverse("admin:partnership_partnercontribution_history", args=[contribution.pk]))
    assert history.status_code == 200
    assert history.content.decode().count("<tr") >= 3  # the header, the creation and the change


def test_a_partnership_with_more_lines_than_its_page_adds_at_once_still_saves(agent, bureautique):
    microsoft = bureautique.roles.get().organisation
    for order in range(10):  # the partnership's page adds 8 at most; the lines' own page added the rest
        ContributionFactory(partnership=bureautique, organisation=microsoft, order=order)
    url = reverse("admin:partnership_partnership_change", args=[bureautique.pk])
    data = form_data(agent.get(url).content.decode())
    assert data["contributions-TOTAL_FORMS"] == ["10"]
    data["contributions-9-description_fr"] = ["Licences pour 80 postes"]
    response = agent.post(url, data)
    assert response.status_code == 302, field_error(response.content.decode(), "contributions-9-description_fr")
    assert PartnerContribution.objects.filter(description_fr="Licences pour 80 postes").count() == 1
    # adding an eleventh from this page is refused: only the lines it has, no more
    data["contributions-TOTAL_FORMS"] = ["11"]
    data.update({"contributions-10-organisation": [str(microsoft.pk)], "contributions-10-kind": ["money"]})
    data.update({"contributions-10-description_fr": ["Un de trop"], "contributions-10-order": ["10"]})
    response = agent.post(url, data)
    assert response.status_code == 200
    assert PartnerContribution.objects.filter(partnership=bureautique).count() == 10


def test_the_agreements_pdf_can_be_sent_on_the_clauses_own_page_and_is_checked_by_content(agent, bureautique):
    url = reverse("admin:partnership_scorecardclause_add")
    data = {
        "partnership": str(bureautique.pk),
        "topic": ScorecardTopic.AGREEMENT,
        "statement_fr": "Convention signée le 3 mars",
        "statement_en": "Agreement signed on 3 March",
        "document_url": "",
        "open_formats": "",
        "return_within_days": "",
        "source_title": "Délibération 2026 DAE 12",
        "source_url": "",
        "source_date": "",
        "order": "0",
    }
    fake = SimpleUploadedFile("convention.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = agent.post(url, {**data, "document": fake})
    assert response.status_code == 200
    assert "n'est pas un PDF" in field_error(response.content.decode(), "document")
    assert agent.post(url, {**data, "document": SimpleUploadedFile("c.pdf", MINIMAL_PDF)}).status_code == 302
    clause = ScorecardClause.objects.get()
    assert clause.document.name.startswith("partnership/agreements/")


def test_a_source_link_typed_without_its_scheme_is_kept_with_https(agent, bureautique):
    """The admin's web address fields, like the public forms, read "paris.fr/deliberation" as https://."""
    url = reverse("admin:partnership_procurementrecord_add")
    data = form_data(agent.get(url).content.decode())
    data.update(
        {
            "partnership": [str(bureautique.pk)],
            "decp_id": ["2026-0042"],
            "buyer_siret": ["21750001600019"],
            "nature": ["Marché"],
            "procedure": ["Appel d'offres ouvert"],
            "subject": ["Licences de bureautique"],
            "cpv_code": ["48000000-8"],
            "duration_months": ["36"],
            "notified_on": ["02/04/2026"],
            "amount": ["45000"],
            "holders": ["SIRET:32773318400516"],
            "source_url": ["www.paris.fr/deliberation"],
        }
    )
    response = agent.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert bureautique.procurement_records.get().source_url == "https://www.paris.fr/deliberation"
