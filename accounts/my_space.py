"""The account's section of "Mon espace": profile, language, second factor and personal data."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from common.app_hooks import SpaceItem, SpaceSection, my_space_sections

from .mfa import has_second_factor


@my_space_sections.register
def account_section(user) -> SpaceSection:
    languages = dict(settings.LANGUAGES)
    name = f"{user.first_name} {user.last_name}".strip()
    items = [
        SpaceItem(title=name or user.email, detail=user.email),
        SpaceItem(
            title=_("Langue des pages et des courriels"),
            detail=str(languages.get(user.preferred_language, user.preferred_language)),
        ),
        SpaceItem(
            title=_("Double authentification"),
            detail=_("activée") if has_second_factor(user) else _("non activée"),
        ),
    ]
    return SpaceSection(
        key="compte",
        title=_("Mon profil et mes données"),
        items=tuple(items),
        links=(
            (_("Modifier mon profil"), reverse("accounts:profile")),
            (_("Mes données personnelles"), reverse("accounts:my_data")),
        ),
        order=90,
    )
