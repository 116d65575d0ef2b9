"""The shared cache of public pages: anonymous visitors only, exact invalidation on commit, CSRF still valid,
nothing personal ever stored, 304s on the same versions (common/page_cache.py)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from common import page_cache
from initiatives.models import Initiative, Place
from initiatives.services.catalogue import initiative_save
from tests.factories import CityFactory, InitiativeFactory, PartnershipFactory, PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def initiative(db):
    paris = CityFactory(slug="paris", name="Paris", name_en="Paris")
    partnership = PartnershipFactory(city=paris, slug="paris-libre")
    return InitiativeFactory(partnership=partnership, title="Atelier vélo numérique", slug="atelier-velo")


def cached_pages(initiative):
    place = PlaceFactory(city=initiative.partnership.city, slug="lieu-public")
    return [
        "/fr/",
        "/fr/initiatives/",
        "/fr/initiatives/?q=atelier",
        f"/fr/initiatives/{initiative.slug}/",
        "/fr/partenariats/",
        f"/fr/partenariats/{initiative.partnership.slug}/",
        "/fr/partenariats/comparer/",
        "/fr/donnees-ouvertes/",
        "/fr/lieux/",
        f"/fr/lieux/{place.slug}/",
        "/fr/formations/",
        "/fr/appels/",
        "/en/initiatives/",
        "/donnees/initiatives.csv",
        "/donnees/partenariats-chiffres.json",
        "/api/v1/initiatives",
    ]


def test_the_second_anonymous_visit_is_served_from_the_cache_with_the_same_page(client, initiative):
    first = client.get("/fr/initiatives/")
    second = client.get("/fr/initiatives/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Atelier vélo numérique" in second.content.decode()
    assert "Cookie" in second["Vary"]
    assert not second.cookies


def test_the_query_string_is_normalised_and_each_language_has_its_own_copy(client, initiative):
    client.get("/fr/initiatives/?q=atelier&city=")
    assert client.get("/fr/initiatives/?city=&q=atelier")["X-Page-Cache"] == "hit"
    assert client.get("/fr/initiatives/?q=velo")["X-Page-Cache"] == "miss"
    english = client.get("/en/initiatives/?q=atelier")
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"


def test_a_change_through_a_service_shows_on_the_next_anonymous_request(
    client, initiative, django_capture_on_commit_callbacks
):
    client.get("/fr/initiatives/")
    client.get(f"/fr/initiatives/{initiative.slug}/")
    with django_capture_on_commit_callbacks(execute=True):
        initiative.title = "Atelier réparation"
        initiative_save(initiative=initiative, was_published=True)
    listing = client.get("/fr/initiatives/")
    assert listing["X-Page-Cache"] == "miss"
    assert "Atelier réparation" in listing.content.decode()
    assert "Atelier réparation" in client.get(f"/fr/initiatives/{initiative.slug}/").content.decode()


def test_a_deletion_in_the_admin_shows_on_the_next_anonymous_request(
    client, initiative, django_capture_on_commit_callbacks
):
    anonymous = Client()
    assert "Atelier vélo numérique" in anonymous.get("/fr/initiatives/").content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:initiatives_initiative_delete", args=[initiative.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Initiative.objects.filter(pk=initiative.pk).exists()
    assert "Atelier vélo numérique" not in anonymous.get("/fr/initiatives/").content.decode()


def test_an_import_of_places_shows_on_the_next_anonymous_request(
    client, initiative, tmp_path, django_capture_on_commit_callbacks
):
    from tests.initiatives.test_import import GOOD, write_csv

    CityFactory(slug="paris-ville", name="Paris ville", insee_code="75056")
    assert "Espace numérique République" not in client.get("/fr/lieux/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_places", str(write_csv(tmp_path, [GOOD])), stdout=io.StringIO(), stderr=io.StringIO())
    assert Place.objects.filter(name="Espace numérique République").exists()
    assert "Espace numérique République" in client.get("/fr/lieux/").content.decode()


def test_bulk_writes_that_send_no_signal_still_invalidate(client, initiative, django_capture_on_commit_callbacks):
    client.get("/fr/initiatives/")
    with django_capture_on_commit_callbacks(execute=True):
        Initiative.objects.filter(pk=initiative.pk).update(title="Titre changé en masse")
    assert "Titre changé en masse" in client.get("/fr/initiatives/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Initiative.objects.bulk_create(
            [
                InitiativeFactory.build(
                    partnership=initiative.partnership,
                    category=initiative.category,
                    slug="en-masse",
                    title="Créée en masse",
                )
            ]
        )
    assert "Créée en masse" in client.get("/fr/initiatives/").content.decode()
    with django_capture_on_commit_callbacks(execute=True), connection.cursor() as cursor:
        cursor.execute("UPDATE initiatives_initiative SET title_fr = %s WHERE slug = %s", ["Écrit en SQL", "en-masse"])
    assert "Écrit en SQL" in client.get("/fr/initiatives/").content.decode()


def test_a_rolled_back_write_keeps_the_copy_and_an_unrelated_write_keeps_the_catalogue(
    client, initiative, django_capture_on_commit_callbacks
):
    client.get("/fr/initiatives/")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                Initiative.objects.filter(pk=initiative.pk).update(title="Jamais vu")
                raise RuntimeError
        except RuntimeError:
            pass
        UserFactory()  # accounts: shown on no public page
    assert client.get("/fr/initiatives/")["X-Page-Cache"] == "hit"


def test_a_logged_in_person_is_never_served_nor_stores_a_cached_page(client, initiative):
    pages = cached_pages(initiative)
    person = UserFactory(first_name="Zéphyrine", last_name="Personnelle", email="zephyrine@exemple.test")
    anonymous = Client()
    for page in pages:  # anonymous first: the copies exist
        assert anonymous.get(page).status_code == 200, page
        assert anonymous.get(page)["X-Page-Cache"] == "hit", page
    client.force_login(person)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        if page.startswith("/api/"):  # reads no person: the shared copy (test_the_api_reads_no_cookie_...)
            assert response["X-Page-Cache"] == "hit", page
            continue
        assert "X-Page-Cache" not in response, page
        body = response.content.decode()
        if "html" in response["Content-Type"]:  # the person's own page: their logout form and its token
            assert reverse("account_logout") in body and "csrfmiddlewaretoken" in body, page
    page_cache.bump("initiatives")  # and the reverse: the person's visits fill nothing for the others
    for page in pages:
        response = anonymous.get(page)
        body = response.content.decode()
        assert "Zéphyrine" not in body and "zephyrine@exemple.test" not in body, page
        assert reverse("account_logout") not in body and "csrfmiddlewaretoken" not in body, page
        assert not response.cookies, page


def test_a_visitor_with_messages_or_a_session_is_not_served_from_the_cache(client, initiative):
    Client().get("/fr/initiatives/")
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in client.get("/fr/initiatives/")
    other = Client()
    other.cookies["sessionid"] = "abc"
    assert "X-Page-Cache" not in other.get("/fr/initiatives/")


def test_the_alert_form_keeps_a_valid_csrf_token_after_cached_pages(initiative):
    browser = Client(enforce_csrf_checks=True)
    for _ in range(2):
        assert browser.get("/fr/initiatives/").status_code == 200
    form = browser.get(reverse("alerts:subscribe"))
    assert "X-Page-Cache" not in form
    token = form.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()
    assert browser.get("/fr/").status_code == 200  # a cached page in between
    response = browser.post(
        reverse("alerts:subscribe"),
        {"email": "lecteur@exemple.test", "csrfmiddlewaretoken": token, "frequency": "daily"},
    )
    assert response.status_code in (200, 302)
    assert "CSRF" not in response.content.decode()


def test_etag_and_last_modified_answer_304_until_the_content_changes(
    client, initiative, django_capture_on_commit_callbacks
):
    first = client.get("/fr/initiatives/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/fr/initiatives/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/fr/initiatives/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        Initiative.objects.filter(pk=initiative.pk).update(title="Nouveau titre")
    again = client.get("/fr/initiatives/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_pages_are_rendered_when_the_cache_is_down(client, initiative, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for _ in range(2):
        response = client.get("/fr/initiatives/")
        assert response.status_code == 200
        assert "Atelier vélo numérique" in response.content.decode()
        assert "X-Page-Cache" not in response


def test_partnership_figures_are_computed_once_per_change_for_everyone(
    initiative, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from partnership.transparency import partnership_figures

    partnership = initiative.partnership

    def initiatives_figure():
        return next(f.value for f in partnership_figures([partnership])[partnership.pk] if f.key == "initiatives")

    assert initiatives_figure() == 1
    with django_assert_num_queries(0):
        assert initiatives_figure() == 1
    with django_capture_on_commit_callbacks(execute=True):
        InitiativeFactory(partnership=partnership)
    assert initiatives_figure() == 2


def test_a_seat_taken_and_a_scheduled_status_change_show_on_the_next_anonymous_request(
    client, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from tests.training.factories import SessionFactory, register
    from training import tasks
    from training.models import Session

    session = SessionFactory(capacity=3)
    url = reverse("training:programme_detail", args=[session.programme.slug])
    before = client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        register(session)
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert after.content != before.content  # the places left
    now = timezone.now()
    Session.objects.filter(pk=session.pk).update(
        registration_deadline=now - dt.timedelta(hours=3),
        starts_at=now - dt.timedelta(hours=2),
        ends_at=now - dt.timedelta(minutes=1),
    )
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.mark_finished_sessions.delay().get() == 1  # what beat runs
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_the_partnerships_counts_follow_each_change(initiative, django_capture_on_commit_callbacks):
    from partnership.selectors import partnership_list

    partnership = initiative.partnership
    assert partnership_list().get(pk=partnership.pk).initiative_count == 1
    assert partnership_list().get(pk=partnership.pk).initiative_count == 1  # read from the cache
    with django_capture_on_commit_callbacks(execute=True):
        InitiativeFactory(partnership=partnership)
        InitiativeFactory(partnership=partnership, is_published=False)
    assert partnership_list().get(pk=partnership.pk).initiative_count == 2


def test_the_seats_left_on_a_catalogue_card_follow_a_registration_for_anonymous_and_logged_in_visitors(
    client, django_capture_on_commit_callbacks
):
    from tests.training.factories import SessionFactory, register

    session = SessionFactory(capacity=3)
    initiative = session.programme.initiative
    url = reverse("initiatives:list") + f"?q={initiative.title.split()[0]}"
    member = Client()
    member.force_login(UserFactory())
    assert "3 places restantes" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert "3 places restantes" in member.get(url).content.decode()  # the actions are now kept for everyone
    with django_capture_on_commit_callbacks(execute=True):
        register(session)
    anonymous = client.get(url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert "2 places restantes" in anonymous.content.decode()
    assert "2 places restantes" in member.get(url).content.decode()


def test_the_catalogue_filters_kept_for_logged_in_visitors_follow_a_new_partnership_and_escape_the_search(
    initiative, django_capture_on_commit_callbacks
):
    member = Client()
    member.force_login(UserFactory())
    url = reverse("initiatives:list") + "?q=%3Cb%3Ev%C3%A9lo"
    first = member.get(url).content.decode()
    assert 'value="&lt;b&gt;vélo"' in first and "<b>vélo" not in first
    assert "Se déconnecter" in first and "csrfmiddlewaretoken" in first  # the header is still the person's own
    with django_capture_on_commit_callbacks(execute=True):
        PartnershipFactory(city=initiative.partnership.city, slug="paris-ecoles", title="Écoles connectées")
    second = member.get(url).content.decode()
    assert "Écoles connectées" in second
    anonymous = Client().get(url).content.decode()
    assert "Écoles connectées" in anonymous and "Se déconnecter" not in anonymous


def test_the_api_reads_no_cookie_so_a_logged_in_browser_gets_the_shared_copy(initiative):
    member = Client()
    member.force_login(UserFactory())
    first = Client().get("/api/v1/initiatives")
    assert first["X-Page-Cache"] == "miss"
    shared = member.get("/api/v1/initiatives")
    assert shared["X-Page-Cache"] == "hit"
    assert shared.content == first.content
    assert "Set-Cookie" not in shared and not shared.cookies
    page = member.get("/fr/initiatives/")  # a page that reads the person is still never served from the cache
    assert "X-Page-Cache" not in page


def test_a_logged_in_catalogue_reads_its_listing_once_per_change_then_only_the_person(
    initiative, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member = Client()
    member.force_login(UserFactory())
    url = reverse("initiatives:list")
    with CaptureQueriesContext(connection) as first:
        assert "Atelier vélo numérique" in member.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        assert "Atelier vélo numérique" in member.get(url).content.decode()
    listing = [query["sql"] for query in again.captured_queries if "initiatives_initiative" in query["sql"]]
    assert listing == [] and len(again) < len(first)  # the person (session, user, groups), nothing of the listing
    with django_capture_on_commit_callbacks(execute=True):
        InitiativeFactory(partnership=initiative.partnership, title="Fablab des Lilas")
    assert "Fablab des Lilas" in member.get(url).content.decode()
