"""A job seeker's journey in a real browser: log in, register for a session, see the confirmation, cancel."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from training.models import Registration

from .factories import JobTrainingInitiativeFactory, ProgrammeFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_job_seeker_registers_sees_the_confirmation_and_cancels(page, mailoutbox):
    initiative = JobTrainingInitiativeFactory(partnership__city__name="Paris", partnership__city__slug="paris")
    session = SessionFactory(programme=ProgrammeFactory(initiative=initiative, title="Développement web"), capacity=2)
    person = UserFactory()

    page.goto("/fr/compte/login/?next=/fr/formations/")
    page.locator("#id_login").fill(person.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/fr/formations/")

    page.get_by_role("link", name="Développement web").click()
    page.locator(f'table a[href="{session.get_absolute_url()}"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session du")
    expect(page.locator("main")).to_contain_text("2 places restantes")
    page.get_by_role("link", name="S'inscrire à cette session").click()

    page.get_by_label("Votre situation").select_option("job_seeker_registered")
    page.get_by_label("Pourquoi souhaitez-vous suivre cette formation ?").fill("Devenir développeuse web.")
    page.get_by_label("Identifiant France Travail (facultatif)").fill("1234567A")
    page.get_by_label("J'accepte que mes réponses").check()
    page.get_by_role("button", name="Envoyer mon inscription").click()

    page.wait_for_url("**/fr/formations/mes-inscriptions/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mes inscriptions"
    expect(page.get_by_text("Votre inscription est confirmée.")).to_be_visible()
    expect(page.get_by_role("cell", name="Confirmée")).to_be_visible()
    assert any("Inscription confirmée" in m.subject for m in mailoutbox)

    page.get_by_role("link", name="Annuler — Développement web").click()
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    page.wait_for_url("**/fr/formations/mes-inscriptions/")
    expect(page.get_by_text("Votre inscription est annulée.")).to_be_visible()
    expect(page.get_by_role("cell", name="Annulée")).to_be_visible()
    assert Registration.objects.get(person=person).status == "cancelled"
