"""The Lutèces d'Or's messages: the link that confirms a nomination (to the nominator's address), the link that
records a vote (to the voter's address: never stored elsewhere), and a juror's invitation (to their account,
in their language). Templates: awards/templates/notifications/email/awards/."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from notifications import kinds
from notifications.services import notify

from .constants import LINK_MAX_AGE
from .models import Juror, Nomination

NOMINATION_CONFIRM = kinds.register("awards.nomination_confirm")
VOTE_CONFIRM = kinds.register("awards.vote_confirm")
JUROR_INVITED = kinds.register("awards.juror_invited")


def _city(edition):
    return edition.partnership.city


def nomination_confirm(nomination: Nomination, *, token: str) -> None:
    category = nomination.category
    edition = category.edition
    notify(
        kind=NOMINATION_CONFIRM,
        key=f"{NOMINATION_CONFIRM}:{nomination.pk}:{timezone.now().timestamp():.6f}",
        email=nomination.nominator_email,
        language=nomination.language,
        city=_city(edition),
        context=lambda language: {
            "edition_title": str(edition.title),
            "category_name": str(category.name),
            "name": nomination.name,
            "confirm_path": reverse("awards:nomination_confirm", kwargs={"token": token}),
            "valid_days": LINK_MAX_AGE.days,
        },
    )


def vote_confirm(nomination: Nomination, *, email: str, language: str, token: str) -> None:
    category = nomination.category
    edition = category.edition
    notify(
        kind=VOTE_CONFIRM,
        key=f"{VOTE_CONFIRM}:{token[-27:]}",
        email=email,
        language=language,
        city=_city(edition),
        context=lambda language: {
            "edition_title": str(edition.title),
            "category_name": str(category.name),
            "name": nomination.name,
            "confirm_path": reverse("awards:vote_confirm", kwargs={"token": token}),
            "valid_days": LINK_MAX_AGE.days,
        },
    )


def juror_invited(juror: Juror) -> None:
    edition = juror.edition
    notify(
        kind=JUROR_INVITED,
        key=f"{JUROR_INVITED}:{juror.pk}",
        recipient=juror.user,
        city=_city(edition),
        context=lambda language: {
            "edition_title": str(edition.title),
            "jury_path": reverse("awards:jury", kwargs={"slug": edition.slug}),
        },
    )
