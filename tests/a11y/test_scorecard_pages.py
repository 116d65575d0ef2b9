"""The partnership pages with their scorecard, and the comparison of the scorecards, pass axe-core (WCAG 2.1 AA)
and the W3C Nu validator, in French and English: the three demo partnerships, and one whose every line is
filled (a value and its basis, the agreement's PDF, the exit clauses, a procurement record)."""

import pytest

from partnership.constants import ScorecardTopic
from tests.a11y.validators import axe_violations, nu_errors, require_axe, require_vnu
from tests.factories import PartnershipFactory
from tests.partnership.factories import ClauseFactory, ContributionFactory, ProcurementRecordFactory
from tests.startups.factories import pdf_file

PAGES = [
    f"/{language}/partenariats/{slug}/"
    for language in ("fr", "en")
    for slug in ("paris-microsoft", "lyon-microsoft", "paris-logiciel-libre", "tableau-complet")
] + ["/fr/partenariats/comparer/", "/en/partenariats/comparer/"]


def full_scorecard() -> None:
    partnership = PartnershipFactory(slug="tableau-complet", title="Tableau complet", title_en="Full scorecard")
    ContributionFactory(partnership=partnership)
    ContributionFactory(partnership=partnership, value_eur=None, source_url="", source_date=None)
    ClauseFactory(partnership=partnership, topic=ScorecardTopic.AGREEMENT, document=pdf_file("convention.pdf"))
    ClauseFactory(partnership=partnership, topic=ScorecardTopic.EXIT, open_formats="CSV|ODS", return_within_days=60)
    ClauseFactory(partnership=partnership, topic=ScorecardTopic.OPEN_STANDARDS, source_title="", source_date=None)
    ProcurementRecordFactory(partnership=partnership, procedure="Procédure adaptée", duration_months=36)


@pytest.mark.django_db
def test_scorecard_pages_are_valid_html(client, demo_data):
    require_vnu()
    full_scorecard()
    pages = {}
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    assert nu_errors(pages) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_scorecard_pages_have_no_axe_violations(page, demo_data):
    require_axe()
    full_scorecard()
    found = {}
    for url in PAGES:
        page.goto(url)
        assert page.locator("h1").count() == 1
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
