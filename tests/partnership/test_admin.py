import pytest

from accounts.roles import CITY_STAFF, PARTNER_VIEWERS, setup_roles
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    OrganisationFactory,
    PartnerRoleFactory,
    PartnershipFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    setup_roles()
    return CityFactory(slug="paris", name="Paris"), CityFactory(slug="lyon", name="Lyon")


@pytest.fixture
def lyon_staff(cities):
    from django.contrib.auth.models import Group

    user = StaffFactory(email="agent.lyon@example.org")
    user.groups.add(Group.objects.get(name=CITY_STAFF))
    cities[1].staff.add(user)
    return user


def test_staff_dashboard_lists_only_their_citys_commitments(client, cities, lyon_staff):
    paris, lyon = cities
    CommitmentFactory(partnership=PartnershipFactory(city=paris), title="Engagement parisien", progress=10)
    CommitmentFactory(partnership=PartnershipFactory(city=lyon), title="Engagement lyonnais", progress=20)
    client.force_login(lyon_staff)
    html = client.get("/fr/admin/").content.decode()
    assert "Engagements à faire avancer" in html
    assert "Engagement lyonnais" in html
    assert "Engagement parisien" not in html


def test_partner_viewer_sees_its_partnerships_figures_read_only(client, cities):
    from django.contrib.auth.models import Group

    microsoft = OrganisationFactory(name="Microsoft")
    ours = PartnershipFactory(city=cities[0], title="Le nôtre")
    theirs = PartnershipFactory(city=cities[1], title="Un autre")
    PartnerRoleFactory(partnership=ours, organisation=microsoft)
    viewer = StaffFactory(email="lecture@microsoft.example")
    viewer.groups.add(Group.objects.get(name=PARTNER_VIEWERS))
    microsoft.viewers.add(viewer)
    client.force_login(viewer)

    listing = client.get("/fr/admin/partnership/partnership/").content.decode()
    assert "Le nôtre" in listing and "Un autre" not in listing
    page = client.get(f"/fr/admin/partnership/partnership/{ours.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Initiatives publiées" in html
    assert 'name="_save"' not in html  # read-only
    assert client.post(f"/fr/admin/partnership/partnership/{ours.pk}/change/", {"title_fr": "x"}).status_code == 403
    assert client.get(f"/fr/admin/partnership/partnership/{theirs.pk}/change/").status_code == 404
