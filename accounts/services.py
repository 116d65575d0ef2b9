from django.db import transaction

from .models import User


@transaction.atomic
def user_update_profile(*, user: User, first_name: str, last_name: str, preferred_language: str) -> User:
    user.first_name = first_name
    user.last_name = last_name
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name", "preferred_language"])
    return user
