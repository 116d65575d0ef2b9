"""The sports desk refuses an over-long or empty block reason and changes nothing."""

import pytest

from sports.constants import SlotStatus
from tests.field_errors import length_error, too_long

from .factories import SlotFactory

pytestmark = pytest.mark.django_db


def test_an_over_long_block_reason_blocks_nothing_and_says_why(client, resource, paris_agent, mailoutbox):
    slot = SlotFactory(resource=resource)
    client.force_login(paris_agent)
    response = client.post(
        f"/fr/espace-sportif/accueil/creneaux/{slot.pk}/bloquer/", {"reason": too_long(200)}, follow=True
    )
    assert length_error(200) in response.content.decode()
    slot.refresh_from_db()
    assert (slot.status, slot.blocked_reason) == (SlotStatus.OPEN, "")
    assert not mailoutbox


def test_an_empty_block_reason_still_asks_for_one(client, resource, paris_agent):
    slot = SlotFactory(resource=resource)
    client.force_login(paris_agent)
    response = client.post(f"/fr/espace-sportif/accueil/creneaux/{slot.pk}/bloquer/", {"reason": ""}, follow=True)
    assert "Indiquez le motif du blocage." in response.content.decode()
