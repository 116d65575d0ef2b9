"""The whole journey in a real browser: sign up, confirm, apply section by section, submit, staff accept,
and the applicant sees "Acceptée"."""

import re

import pytest
from playwright.sync_api import expect

from startups import services
from startups.constants import ApplicationStatus
from startups.models import Application

from .conftest import make_city_staff
from .factories import MINIMAL_PDF, CallFactory, CriterionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "fondatrice@example.org"
PASSWORD = "un-mot-de-passe-tres-solide-2026"


def test_a_startup_signs_up_applies_and_sees_its_application_accepted(page, mailoutbox, roles):
    call = CallFactory(title="Conseil aux start-ups", slug="conseil-start-ups")
    CriterionFactory(call=call, name="Innovation", weight=3)
    staff = make_city_staff(call.initiative.partnership.city, roles)

    # Sign up through the real form, then follow the confirmation link from the email.
    page.goto("/fr/compte/signup/")
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main form button.btn-primary").click()
    page.wait_for_load_state()
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.locator("main form button.btn-primary").click()
    page.wait_for_load_state()
    if "/compte/login/" in page.url:
        page.locator("#id_login").fill(EMAIL)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button.btn-primary").click()
        page.wait_for_load_state()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()

    # Find the call and apply.
    page.goto("/fr/")
    page.get_by_role("link", name="Appels à candidatures").first.click()
    page.get_by_role("link", name="Conseil aux start-ups").click()
    page.get_by_role("link", name="Candidater").click()
    expect(page.locator("main")).to_contain_text("Sections complètes : 0 sur 5")

    page.get_by_label("Nom de l'entreprise").fill("Compost Connecté")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator("body")).to_contain_text("Brouillon enregistré")
    page.get_by_label("SIRET").fill("732 829 320 00075")  # a typo: wrong check digit
    page.get_by_label("Forme juridique").select_option("sas")
    page.get_by_label("Date de création").fill("2023-05-02")
    page.get_by_label("Taille de l'équipe").fill("3")
    page.get_by_label("Stade de développement").select_option("prototype")
    page.get_by_label("Secteur").select_option("environment")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("main")).to_contain_text("sa clé de contrôle est fausse")
    page.get_by_label("SIRET").fill("732 829 320 00074")
    page.get_by_role("button", name="Continuer").click()

    page.get_by_label("Votre produit ou service").fill("Des capteurs pour les composteurs de quartier.")
    page.get_by_label("Ce que vous attendez de l'accompagnement").fill("Du conseil commercial.")
    page.get_by_role("button", name="Continuer").click()

    page.locator("#id_contact_name").fill("Camille Martin")
    page.get_by_role("button", name="Continuer").click()

    page.get_by_label("Présentation de votre projet (PDF)").set_input_files(
        {"name": "deck.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    page.get_by_role("button", name="Continuer").click()

    expect(page.locator("main")).to_contain_text("Sections complètes : 4 sur 5")
    page.get_by_label(re.compile("J'accepte que les informations")).check()
    page.get_by_role("button", name="Déposer ma candidature").click()
    expect(page.locator("h1")).to_have_text("Compost Connecté")
    assert "Déposée" in page.locator(".status-badge").inner_text()

    # Staff decide (through the same service the admin uses).
    application = Application.objects.get(siret="73282932000074")
    for status in (ApplicationStatus.UNDER_REVIEW, ApplicationStatus.SHORTLISTED):
        services.application_transition(application=application, to_status=status, actor=staff)
    services.application_transition(
        application=application, to_status=ApplicationStatus.ACCEPTED, actor=staff, message="Bienvenue !"
    )

    page.goto("/fr/candidatures/")
    assert "Acceptée" in page.locator(".status-badge").first.inner_text()
    expect(page.locator("main")).to_contain_text("Bienvenue !")
    subjects = [m.subject for m in mailoutbox]
    assert any("Acceptée" in s for s in subjects)
