"""The accessibility statement (RGAA model) with the last automatic results, and the form that reports a
problem to the staff."""

import json
from html import unescape

import pytest

from portal import accessibility
from portal.models import AccessibilityReport
from tests.a11y import validators
from tests.factories import CityFactory, UserFactory, city_agent

pytestmark = pytest.mark.django_db

RESULTS = {
    "generated_at": "2026-11-26T19:40:00+00:00",
    "tools": {"axe": "4.11.0", "vnu": "26.9.27", "chromium": "131.0"},
    "pages": {"/fr/": {"axe": 0, "nu": 0}, "/en/": {"axe": 2, "nu": 1}, "/fr/lieux/": {"nu": 0}},
}


@pytest.fixture
def results_file(tmp_path, monkeypatch):
    generated = tmp_path / "generated.json"
    generated.write_text(json.dumps(RESULTS))
    monkeypatch.setattr(accessibility, "GENERATED", generated)
    return generated


def test_the_statement_says_non_conforme_and_shows_the_last_run_in_french(client, results_file):
    response = client.get("/fr/accessibilite/")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for heading in (
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Dérogations pour charge disproportionnée",
        "Contenus non soumis à l'obligation d'accessibilité",
        "Établissement de cette déclaration d'accessibilité",
        "Retour d'information et contact",
        "Voies de recours",
    ):
        assert heading in html, heading
    assert "est non conforme avec le référentiel général d'amélioration de l'accessibilité" in html
    assert "Un audit manuel n'a pas été réalisé" in html
    assert "Les tests automatiques couvrent 3 pages" in html
    assert "Total des violations relevées par axe-core : 2" in html
    assert "axe-core, version 4.11.0" in html
    assert "Défenseur des droits, Libre réponse 71120" in html
    # the page with errors is listed among the non-conformities; a tool that did not run says so
    assert "<li><code>/en/</code></li>" in html
    assert "non testée" in html


def test_the_statement_reads_in_english(client, results_file):
    html = client.get("/en/accessibilite/").content.decode()
    assert "Accessibility statement" in html
    assert "non-compliant" in html
    assert "Automatic tests cover 3 pages" in html
    assert "a manual audit has not been done" in html.lower() or "no manual audit" in html.lower()
    assert "État de conformité" not in html


def test_a_fresh_clone_shows_the_committed_results(client, tmp_path, monkeypatch):
    monkeypatch.setattr(accessibility, "GENERATED", tmp_path / "absent.json")
    committed = json.loads(accessibility.COMMITTED.read_text())
    html = client.get("/fr/accessibilite/").content.decode()
    assert f"Les tests automatiques couvrent {len(committed['pages'])} pages" in html


def test_without_any_results_the_statement_says_so(client, tmp_path, monkeypatch):
    monkeypatch.setattr(accessibility, "GENERATED", tmp_path / "absent.json")
    monkeypatch.setattr(accessibility, "COMMITTED", tmp_path / "absent-too.json")
    html = client.get("/fr/accessibilite/").content.decode()
    assert "Aucun résultat de test automatique" in html
    assert "est non conforme" in html


def test_every_page_links_to_the_statement_from_its_footer(client):
    for url in ("/fr/", "/en/", "/fr/mentions-legales/"):
        html = client.get(url).content.decode()
        footer = html[html.index("<footer") :]
        assert 'href="' + url[:3] + '/accessibilite/"' in footer, url
    assert "Accessibilité : non conforme" in client.get("/fr/").content.decode()
    assert "Accessibility: non-compliant" in client.get("/en/").content.decode()


def test_a_summary_is_written_only_after_a_run_that_checked_every_page(tmp_path, monkeypatch):
    monkeypatch.setattr(validators, "_found", {})
    monkeypatch.setattr(validators, "_tools", {"vnu": "26.9.27"})
    target = tmp_path / "summary.json"
    validators._record("/fr/", "nu", 0)
    assert validators.write_summary({"/fr/", "/en/"}, target) is False
    assert not target.exists()
    validators._record("/en/", "nu", 3)
    validators._record("/en/", "axe", 1)
    validators._record("/fr/candidatures/recommandation/eyJyIjoxfQ:1xWlm1:TLZ0/", "nu", 0)
    validators._record("/fr/lieux/lieu-2908/", "axe", 2)
    assert validators.write_summary({"/fr/", "/en/"}, target) is True
    written = json.loads(target.read_text())
    assert written["pages"] == {"/en/": {"nu": 3, "axe": 1}, "/fr/": {"nu": 0}}
    # the pages built from test data are counted, and named only when they have a problem
    assert written["other_pages"] == {"count": 2, "axe": 2, "nu": 0, "with_problems": ["/fr/lieux/lieu-2908/"]}
    assert written["tools"] == {"vnu": "26.9.27"}
    results = accessibility.load_results(((target, "generated"),))
    assert (results.axe_total, results.nu_total) == (3, 3)
    assert results.pages_with_problems == ["/en/", "/fr/lieux/lieu-2908/"]


def test_the_statement_counts_the_other_pages_the_tests_checked_without_listing_their_test_data(client, results_file):
    results_file.write_text(
        json.dumps({**RESULTS, "other_pages": {"count": 100, "axe": 0, "nu": 1, "with_problems": ["/fr/lieux/x/"]}})
    )
    html = unescape(client.get("/fr/accessibilite/").content.decode())
    assert "Les tests automatiques couvrent 3 pages" in html
    assert "Les tests vérifient aussi 100 autres pages, avec des données de test" in html
    assert "Total des erreurs relevées par le validateur HTML : 2." in html
    assert "<li><code>/fr/lieux/x/</code></li>" in html
    english = unescape(client.get("/en/accessibilite/").content.decode())
    assert "The tests also check 100 other pages, with test data" in english


# --- reporting a problem -------------------------------------------------------------------------------------


def _report(client, language="fr", **data):
    body = {"page_url": "/fr/lieux/", "description": "La carte ne se lit pas au clavier.", "email": "", "name": ""}
    body.update(data)
    return client.post(f"/{language}/accessibilite/signaler/", body)


def test_a_report_without_account_reaches_every_citys_staff_in_their_language(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    paris, lyon = CityFactory(slug="paris"), CityFactory(slug="lyon")
    paris_agent, lyon_agent = city_agent(paris), city_agent(lyon)
    lyon_agent.preferred_language = "en"
    lyon_agent.save()
    chief = UserFactory(is_staff=True, is_superuser=True)
    UserFactory(email="habitant@example.org")  # not staff: not told
    with django_capture_on_commit_callbacks(execute=True):
        response = _report(client, email="lea@example.org", name="Léa")
    assert response.status_code == 302
    assert response["Location"] == "/fr/accessibilite/signalement-envoye/"
    report = AccessibilityReport.objects.get()
    assert (report.page_url, report.email, report.name, report.language, report.is_handled) == (
        "/fr/lieux/",
        "lea@example.org",
        "Léa",
        "fr",
        False,
    )
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {paris_agent.email, lyon_agent.email, chief.email}
    assert by_address[paris_agent.email].subject.endswith("Nouveau signalement d'accessibilité sur le portail")
    assert "La carte ne se lit pas au clavier." in by_address[paris_agent.email].body
    assert f"/fr/admin/portal/accessibilityreport/{report.pk}/change/" in by_address[paris_agent.email].body
    assert by_address[lyon_agent.email].subject.endswith("New accessibility report on the portal")
    assert f"/en/admin/portal/accessibilityreport/{report.pk}/change/" in by_address[lyon_agent.email].body
    assert "Signalement envoyé" in client.get(response["Location"]).content.decode()


def test_a_report_without_description_is_refused_next_to_the_field_in_english(client):
    response = _report(client, language="en", description="")
    html = response.content.decode()
    assert response.status_code == 200
    assert AccessibilityReport.objects.count() == 0
    assert 'id="error_1_id_description"' in html or "This field is required." in html
    assert "aria-invalid" in html or "is-invalid" in html


def test_a_bad_email_is_refused_next_to_the_field(client):
    html = _report(client, email="pas-une-adresse").content.decode()
    assert AccessibilityReport.objects.count() == 0
    assert "Saisissez une adresse de courriel valide." in html


def test_a_bot_filling_the_hidden_field_is_thanked_and_nothing_is_stored(client, mailoutbox):
    city_agent(CityFactory(slug="paris"))
    response = _report(client, site_web="https://spam.example")
    assert response.status_code == 302
    assert AccessibilityReport.objects.count() == 0
    assert mailoutbox == []


def test_more_than_five_reports_an_hour_from_one_address_are_refused(client):
    for _ in range(5):
        assert _report(client).status_code == 302
    assert _report(client).status_code == 429
    assert AccessibilityReport.objects.count() == 5


def test_city_staff_read_reports_in_the_admin_and_only_superusers_mark_them_handled(client):
    from portal.services import accessibility_report_create

    report = accessibility_report_create(description="Contraste <b>faible</b>", page_url="/fr/")
    agent = city_agent(CityFactory(slug="paris"))
    client.force_login(agent)
    listing = client.get("/fr/admin/portal/accessibilityreport/")
    assert listing.status_code == 200
    assert "Contraste &lt;b&gt;faible&lt;/b&gt;" in listing.content.decode()
    client.post(f"/fr/admin/portal/accessibilityreport/{report.pk}/change/", {"is_handled": "on"})
    report.refresh_from_db()
    assert report.is_handled is False
    chief = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(chief)
    response = client.post(
        f"/fr/admin/portal/accessibilityreport/{report.pk}/change/", {"is_handled": "on", "staff_note": "Corrigé."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.is_handled, report.staff_note) == (True, "Corrigé.")
    assert client.get("/fr/admin/portal/accessibilityreport/add/").status_code == 403


def test_a_reporters_name_and_address_are_exported_erased_with_the_account_and_dropped_after_a_year(client):
    import datetime as dt

    from django.utils import timezone

    from accounts.privacy import apply_retention, personal_data_export, user_erase

    person = UserFactory(email="ines.report@example.org")
    mine = AccessibilityReport.objects.create(
        description="Le menu ne s'ouvre pas au clavier.", name="Inès", email="Ines.Report@example.org"
    )
    other = AccessibilityReport.objects.create(description="Contraste faible.", name="Paul", email="paul@example.org")
    exported = personal_data_export(user=person)
    assert [r["description"] for r in exported["accessibility_reports"]] == ["Le menu ne s'ouvre pas au clavier."]

    user_erase(user=person)
    mine.refresh_from_db()
    assert (mine.name, mine.email, mine.description) == ("", "", "Le menu ne s'ouvre pas au clavier.")
    other.refresh_from_db()
    assert other.email == "paul@example.org"  # someone else's report is untouched

    assert apply_retention(now=timezone.now())["purged"] == 0
    assert apply_retention(now=timezone.now() + dt.timedelta(days=366))["purged"] >= 1
    other.refresh_from_db()
    assert (other.name, other.email) == ("", "")
