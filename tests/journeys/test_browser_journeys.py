"""Each kind of person's journey in a real browser, at a phone's width (390 px, the header's menu folded) and a
desktop's (1280 px), following links, buttons and labels as a person does. Only the first page is typed, and
a link read from an email.

Citizen: home → sports space → sign in → a booked slot; a second person (in English) joins the waitlist, the
first cancels, the second is promoted and told by email in English. Job seeker: an initiative → a training
registration → its .ics. Start-up: an initiative → a submitted application. Reviewer: login with a code → a
saved score. City staff: admin login with a code → a draft initiative published → seen in the catalogue."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sports.constants import BookingStatus
from sports.models import Booking
from startups import services as startup_services
from startups.constants import ApplicationStatus
from startups.models import Application, Score
from tests.accounts.conftest import give_totp, totp_code
from tests.factories import PASSWORD, InitiativeFactory, UserFactory
from tests.sports.factories import SlotFactory, SportsResourceFactory, in_days
from tests.startups.conftest import complete_draft, make_city_staff, move_to
from tests.startups.factories import MINIMAL_PDF, CallFactory, CriterionFactory, ReviewerFactory
from tests.training.factories import JobTrainingInitiativeFactory, ProgrammeFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = [
    pytest.param({"width": 390, "height": 844}, id="phone"),
    pytest.param({"width": 1280, "height": 900}, id="desktop"),
]


@pytest.fixture(params=VIEWPORTS)
def person_page(request, page):
    page.set_viewport_size(request.param)
    return page


def header_link(page, name: str) -> None:
    """Follow a header link, opening the phone's menu first when it is folded."""
    menu = page.locator("#site-menu")
    if menu.locator("> summary").is_visible() and menu.get_attribute("open") is None:
        menu.locator("> summary").click()
    page.locator("header").get_by_role("link", name=name, exact=True).click()


def sign_in(page, email: str) -> None:
    """On the login page the site led to: email, password, and on (the `next` brings the person back)."""
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def enter_code(page) -> None:
    page.locator("#id_code").fill(totp_code())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def show_week_with(page, button) -> None:
    """The slot may be in next week's page: go forward until its button shows."""
    for _ in range(3):
        if button.count():
            return
        page.get_by_role("link", name=re.compile("^(Semaine suivante|Next week)$")).click()


def emails_to(mailoutbox, address):
    return [message for message in mailoutbox if message.to == [address]]


def site_path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_a_citizen_books_a_slot_and_a_waitlisted_neighbour_is_promoted_when_she_cancels(
    person_page, _playwright_browser, live_server, mailoutbox
):
    page = person_page
    resource = SportsResourceFactory(name="Gymnase des Lilas", name_en="Lilas gym", capacity=1)
    SlotFactory(resource=resource, starts_at=in_days(3, 10), capacity=1)
    awa = UserFactory(email="awa@example.org", first_name="Awa")
    sam = UserFactory(email="sam@example.org", first_name="Sam", preferred_language="en")

    page.goto("/fr/")
    header_link(page, "Espace sportif")
    if page.get_by_role("heading", level=1).inner_text() != "Gymnase des Lilas":
        page.get_by_role("link", name="Gymnase des Lilas").first.click()
    expect(page.locator("main")).to_contain_text(
        "2 réservations par personne et par semaine."
    )  # the rules before booking
    page.get_by_role("link", name="Connectez-vous").click()
    sign_in(page, awa.email)
    book = page.get_by_role("button", name=re.compile("^Réserver le créneau de 10 h,"))
    show_week_with(page, book)
    book.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma réservation")
    expect(page.get_by_text("Votre créneau est réservé.")).to_be_visible()
    booking = Booking.objects.get(person=awa)
    assert booking.status == BookingStatus.CONFIRMED
    assert [m.subject for m in emails_to(mailoutbox, awa.email)][0].startswith("Réservation confirmée")

    # Sam, on his own phone or computer, in English: the slot is full, he joins its waitlist.
    context = _playwright_browser.new_context(
        base_url=live_server.url, bypass_csp=True, locale="en-GB", viewport=page.viewport_size
    )
    context.set_default_timeout(10_000)
    sam_page = context.new_page()
    try:
        sam_page.goto("/en/")
        header_link(sam_page, "Sports space")
        if sam_page.get_by_role("heading", level=1).inner_text() != "Lilas gym":
            sam_page.get_by_role("link", name="Lilas gym").first.click()
        sam_page.get_by_role("link", name="Sign in").last.click()
        sign_in(sam_page, sam.email)
        join = sam_page.get_by_role("button", name=re.compile("^Join the waitlist"))
        show_week_with(sam_page, join)
        join.click()
        assert "position 1" in sam_page.locator("main").inner_text()

        # Awa cannot come after all: from her space, her booking, cancelled.
        header_link(page, "Mon espace")
        page.get_by_role("link", name="Toutes mes réservations").click()
        page.get_by_role("link", name=re.compile("^Gymnase des Lilas — ")).click()
        page.get_by_role("button", name="Annuler cette réservation").click()
        expect(page.get_by_text("Votre réservation est annulée.")).to_be_visible()

        # Sam got the place and an email in English; its link opens his booking.
        promoted = Booking.objects.get(person=sam)
        assert promoted.status == BookingStatus.CONFIRMED
        (email,) = emails_to(mailoutbox, sam.email)
        assert email.subject.startswith("A place came free, your booking is confirmed: Lilas gym")
        link = re.search(r"https?://\S+/en/espace-sportif/reservations/\d+/", email.body).group(0)
        sam_page.goto(site_path(link))
        assert sam_page.get_by_role("heading", level=1).inner_text() == "My booking"
        assert "Confirmed" in sam_page.locator("main").inner_text()
    finally:
        context.close()


def test_a_job_seeker_goes_from_an_initiative_to_a_registration_and_its_calendar_file(person_page):
    page = person_page
    initiative = JobTrainingInitiativeFactory(title="Métiers du numérique", slug="metiers-du-numerique")
    SessionFactory(programme=ProgrammeFactory(initiative=initiative, title="Développement web"), capacity=2)
    person = UserFactory(email="lina@example.org")

    page.goto("/fr/")
    header_link(page, "Initiatives")
    page.get_by_role("link", name="Métiers du numérique", exact=True).click()
    page.locator(".initiative-actions").get_by_role("link", name=re.compile("^S'inscrire")).first.click()
    page.wait_for_load_state()
    if "/compte/login/" in page.url:
        sign_in(page, person.email)
    if page.get_by_role("link", name="S'inscrire à cette session").count():
        page.get_by_role("link", name="S'inscrire à cette session").first.click()
    page.get_by_label("Votre situation").select_option("job_seeker_registered")
    page.get_by_label("Pourquoi souhaitez-vous suivre cette formation ?").fill("Devenir développeuse web.")
    page.get_by_label("J'accepte que mes réponses").check()
    page.get_by_role("button", name="Envoyer mon inscription").click()
    expect(page.get_by_text("Votre inscription est confirmée.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Agenda \\(.ics\\)")).first.click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in content and "Développement web" in content


def test_a_start_up_goes_from_an_initiative_to_a_submitted_application(person_page):
    page = person_page
    call = CallFactory(title="Conseil aux start-ups", slug="conseil-start-ups")
    call.initiative.title = "Accompagnement des start-ups"
    call.initiative.save()
    CriterionFactory(call=call, name="Innovation", weight=3)
    founder = UserFactory(email="fondatrice@example.org")

    page.goto(call.initiative.get_absolute_url())
    page.locator(".initiative-actions").get_by_role("link", name=re.compile("^Candidater")).first.click()
    page.wait_for_load_state()
    if page.get_by_role("link", name="Candidater", exact=True).count():
        page.get_by_role("link", name="Candidater", exact=True).first.click()
    sign_in(page, founder.email)
    expect(page.locator("main")).to_contain_text("Sections complètes : 0 sur 5")
    page.get_by_label("Nom de l'entreprise").fill("Compost Connecté")
    page.get_by_label("SIRET").fill("732 829 320 00074")
    page.get_by_label("Forme juridique").select_option("sas")
    page.get_by_label("Date de création").fill("2023-05-02")
    page.get_by_label("Taille de l'équipe").fill("3")
    page.get_by_label("Stade de développement").select_option("prototype")
    page.get_by_label("Secteur").select_option("environment")
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
    page.get_by_label(re.compile("J'accepte que les informations")).check()
    page.get_by_role("button", name="Déposer ma candidature").click()
    expect(page.locator("h1")).to_have_text("Compost Connecté")
    assert "Déposée" in page.locator(".status-badge").inner_text()
    assert Application.objects.get(applicant=founder).status == ApplicationStatus.SUBMITTED


def test_a_reviewer_goes_from_login_to_a_saved_score(person_page):
    page = person_page
    from accounts.roles import setup_roles

    roles = setup_roles()
    call = CallFactory(title="Logiciels verts")
    innovation = CriterionFactory(call=call, name="Innovation", weight=3, order=0)
    staff = make_city_staff(call.initiative.partnership.city, roles)
    application = move_to(complete_draft(call, company_name="Compost Connecté"), ApplicationStatus.UNDER_REVIEW, staff)
    reviewer = ReviewerFactory(email="evaluatrice@example.org")
    give_totp(reviewer)
    startup_services.review_assign(application=application, reviewer=reviewer, assigned_by=staff)

    page.goto("/fr/")
    header_link(page, "Se connecter")
    sign_in(page, reviewer.email)
    enter_code(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Mon espace"  # reviewers land here
    header_link(page, "Mes évaluations")
    page.get_by_role("link", name=f"Candidature n° {application.pk}").click()  # the file stays closed until
    page.get_by_role("radio", name=re.compile("aucun lien personnel")).check()  # the reviewer declares no conflict
    page.get_by_role("button", name="Enregistrer ma déclaration").click()
    group = page.get_by_role("group", name=re.compile("Innovation"))
    group.get_by_label("Note (0 à 5)").select_option("4")
    group.get_by_label("Commentaire").fill("Une idée simple et utile.")
    page.get_by_role("button", name="Enregistrer mes notes").click()
    expect(page.get_by_text("Vos notes sont enregistrées.")).to_be_visible()
    score = Score.objects.get()
    assert (score.criterion, score.score, score.comment) == (innovation, 4, "Une idée simple et utile.")


def test_city_staff_go_from_the_admin_login_to_a_published_initiative_in_the_catalogue(person_page):
    page = person_page
    from accounts.roles import setup_roles

    roles = setup_roles()
    draft = InitiativeFactory(title="Bornes numériques en mairie", title_en="Digital kiosks", is_published=False)
    staff = make_city_staff(draft.partnership.city, roles, email="agent@example.org")
    give_totp(staff)

    page.goto("/fr/admin/")
    sign_in(page, staff.email)
    enter_code(page)
    page.get_by_role("link", name="Initiatives", exact=True).first.click()
    page.get_by_role("link", name="Bornes numériques en mairie").click()
    page.get_by_label("Publiée").check()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist, .alert-success, .success").first).to_be_visible()

    page.get_by_role("link", name="Voir le site").click()
    header_link(page, "Initiatives")
    page.get_by_role("link", name="Bornes numériques en mairie", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bornes numériques en mairie")
