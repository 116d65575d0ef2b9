import hashlib
import secrets

from django.db import transaction

from .models import CalendarFeed, User


@transaction.atomic
def user_update_profile(*, user: User, first_name: str, last_name: str, preferred_language: str) -> User:
    user.first_name = first_name
    user.last_name = last_name
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name", "preferred_language"])
    return user


# --- Personal calendar feed ----------------------------------------------------------------------------------


def calendar_token_digest(token: str) -> str:
    """What is stored of a feed token: its SHA-256 (the token is 256 random bits: no slow hash needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_issue(*, person: User) -> str:
    """Give `person` a new secret feed token and return it (the only time it is seen). A previous token stops
    working at once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(person=person).delete()
    feed = CalendarFeed(person=person, token_digest=calendar_token_digest(token))
    feed.full_clean()
    feed.save()
    return token


@transaction.atomic
def calendar_feed_revoke(*, person: User) -> bool:
    """Turn the person's feed off. Returns whether there was one."""
    deleted, _rows = CalendarFeed.objects.filter(person=person).delete()
    return bool(deleted)
