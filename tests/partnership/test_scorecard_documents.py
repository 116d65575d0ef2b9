"""The agreement's PDF: checked by content when staff send it in the partnership's admin (a message beside the
field), then served publicly from the partnership's scorecard; and every scorecard change reaches the pages
cached for anonymous visitors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from partnership.constants import ScorecardTopic
from partnership.models import ProcurementRecord, ScorecardClause
from tests.factories import OrganisationFactory, PartnershipFactory, UserFactory
from tests.field_errors import field_error, form_data
from tests.partnership.factories import ClauseFactory, ContributionFactory, ProcurementRecordFactory
from tests.startups.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(db):
    return PartnershipFactory(slug="paris-convention", title="Convention de Paris")


def _post_agreement(client, partnership, upload, topic=ScorecardTopic.AGREEMENT):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:partnership_partnership_change", args=[partnership.pk])
    data = form_data(client.get(url).content.decode())
    data.update(
        {
            "clauses-TOTAL_FORMS": ["1"],
            "clauses-0-topic": [topic],
            "clauses-0-statement_fr": ["Convention signée le 3 mars"],
            "clauses-0-statement_en": ["Agreement signed on 3 March"],
            "clauses-0-source_title": ["Délibération 2026 DAE 12"],
            "clauses-0-order": ["0"],
            "clauses-0-document": upload,
        }
    )
    return client.post(url, data)


def test_staff_publish_the_agreement_pdf_and_anyone_reads_it_from_the_scorecard(client, partnership):
    response = _post_agreement(client, partnership, SimpleUploadedFile("ma convention.pdf", MINIMAL_PDF))
    assert response.status_code == 302
    clause = ScorecardClause.objects.get(partnership=partnership)
    assert clause.document.name.startswith("partnership/agreements/") and "ma convention" not in clause.document.name
    anonymous = Client()
    page = anonymous.get("/fr/partenariats/paris-convention/").content.decode()
    link = f"/donnees/partenariats/paris-convention/convention-{clause.pk}.pdf"
    assert f'href="{link}"' in page and "Lire la convention (PDF)" in page
    pdf = anonymous.get(link)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == MINIMAL_PDF
    assert "Read the agreement (PDF)" in anonymous.get("/en/partenariats/paris-convention/").content.decode()


def test_a_file_that_is_not_a_pdf_is_refused_beside_the_field_and_nothing_is_stored(client, partnership):
    upload = SimpleUploadedFile("convention.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = _post_agreement(client, partnership, upload)
    assert response.status_code == 200
    assert "n'est pas un PDF" in field_error(response.content.decode(), "clauses-0-document")
    assert not ScorecardClause.objects.exists()


def test_a_document_on_another_topic_is_refused_beside_the_field(client, partnership):
    response = _post_agreement(client, partnership, SimpleUploadedFile("c.pdf", MINIMAL_PDF), ScorecardTopic.DURATION)
    assert response.status_code == 200
    assert "rubrique « Convention »" in field_error(response.content.decode(), "clauses-0-document")


def test_no_pdf_is_served_for_a_clause_without_one_or_of_another_partnership(client, partnership):
    clause = ClauseFactory(partnership=partnership, topic=ScorecardTopic.AGREEMENT)
    assert client.get(f"/donnees/partenariats/paris-convention/convention-{clause.pk}.pdf").status_code == 404
    other = PartnershipFactory(slug="ailleurs")
    assert client.get(f"/donnees/partenariats/ailleurs/convention-{clause.pk}.pdf").status_code == 404
    assert other.pk


# --- the page cache (common/page_cache.py): the new tables belong to the partnership app, whose writes bump it


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_every_scorecard_change_shows_on_the_next_anonymous_request(
    page_cache_on, partnership, django_capture_on_commit_callbacks
):
    anonymous = Client()
    urls = [
        "/fr/partenariats/paris-convention/",
        "/fr/partenariats/comparer/",
        "/donnees/partenariats-tableau-de-bord.csv",
    ]
    for url in urls:
        anonymous.get(url)
        assert anonymous.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ContributionFactory(
            partnership=partnership,
            organisation=OrganisationFactory(name="Mécènes associés"),
            description="Mille heures de mécénat de compétences",
        )
    for url in urls:
        response = anonymous.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Mécènes associés" in response.content.decode(), url  # the comparison shows who and what kind
    assert "Mille heures de mécénat de compétences" in anonymous.get(urls[0]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ProcurementRecordFactory(partnership=partnership, decp_id="MARCHE-77")
    assert "MARCHE-77" in anonymous.get(urls[0]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ProcurementRecord.objects.filter(decp_id="MARCHE-77").delete()
    assert "MARCHE-77" not in anonymous.get(urls[0]).content.decode()


def test_a_clause_added_in_the_admin_shows_on_the_cached_page(
    page_cache_on, client, partnership, django_capture_on_commit_callbacks
):
    anonymous = Client()
    anonymous.get("/fr/partenariats/paris-convention/")
    with django_capture_on_commit_callbacks(execute=True):
        assert _post_agreement(client, partnership, SimpleUploadedFile("c.pdf", MINIMAL_PDF)).status_code == 302
    response = anonymous.get("/fr/partenariats/paris-convention/")
    assert response["X-Page-Cache"] == "miss"
    assert "Convention signée le 3 mars" in response.content.decode()
