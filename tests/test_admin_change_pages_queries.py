"""Admin change pages with inlines: the query count does not grow with the inline rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, PartnerRoleFactory, PartnershipFactory, UserFactory
from tests.sports.factories import BookingFactory, SlotFactory

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_slot_page_with_5_or_50_bookings(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    counts = []
    for rows in (5, 50):
        slot = SlotFactory(capacity=60)
        for number in range(1, rows + 1):
            BookingFactory(slot=slot, place_number=number)
        _count(client, f"/fr/admin/sports/slot/{slot.pk}/change/")  # warm the caches (content types...)
        counts.append(_count(client, f"/fr/admin/sports/slot/{slot.pk}/change/"))
    assert counts[0] == counts[1]


def test_partnership_page_with_5_or_50_partners(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    counts = []
    for rows in (5, 50):
        partnership = PartnershipFactory()
        for _ in range(rows):
            PartnerRoleFactory(partnership=partnership, organisation=OrganisationFactory())
        counts.append(_count(client, f"/fr/admin/partnership/partnership/{partnership.pk}/change/"))
    # The autocomplete widget loads each selected organisation on its own (Django's widget): 1 per row.
    assert counts[1] - counts[0] <= 45
