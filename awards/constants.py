"""The Lutèces d'Or: statuses, limits and the licences a nominated project may carry."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SCORE_MIN = 0
SCORE_MAX = 5
# A confirmation link (nomination or vote) is valid this long.
LINK_MAX_AGE = timedelta(days=7)
# Public forms, per client address (accounts.throttling.client_ip), counted in the cache.
NOMINATIONS_PER_ADDRESS_PER_HOUR = 10
VOTES_PER_ADDRESS_PER_HOUR = 30
# Free-mail providers: a juror writing from one of these belongs to no organisation by their address.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "outlook.fr",
        "hotmail.com",
        "hotmail.fr",
        "live.fr",
        "yahoo.com",
        "yahoo.fr",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "sfr.fr",
        "protonmail.com",
        "proton.me",
        "icloud.com",
        "gmx.fr",
        "example.org",
        "example.com",
    }
)


class NominationKind(models.TextChoices):
    PROJECT = "project", _("Projet de logiciel libre")
    COMPANY = "company", _("Entreprise du logiciel libre")


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("En attente de confirmation")  # the nominator has not clicked the link yet
    CONFIRMED = "confirmed", _("Confirmée, à modérer")
    ACCEPTED = "accepted", _("Retenue")
    REJECTED = "rejected", _("Écartée")


# The statuses that count: the nominator confirmed their address.
COUNTED_STATUSES = (NominationStatus.CONFIRMED, NominationStatus.ACCEPTED, NominationStatus.REJECTED)


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("déclaré par le juré")
    EMAIL_DOMAIN = "email_domain", _("domaine de l'adresse du juré")
    ORGANISATION = "organisation", _("organisation déclarée par le juré")


class Prize(models.TextChoices):
    JURY = "jury", pgettext_lazy("prix", "Prix du jury")
    PUBLIC = "public", pgettext_lazy("prix", "Prix du public")


class EditionPhase(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    NOMINATIONS = "nominations", _("Propositions ouvertes")
    JURY = "jury", _("Délibération du jury")
    RESULTS = "results", _("Résultats publiés")


# OSI-approved licences, by their SPDX identifier (https://spdx.org/licenses/, "OSI Approved").
OSI_LICENCES = (
    "0BSD",
    "AFL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-2.0",
    "Artistic-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSL-1.0",
    "CDDL-1.0",
    "CECILL-2.1",
    "ECL-2.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "ISC",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "LPPL-1.3c",
    "MIT",
    "MIT-0",
    "MPL-1.1",
    "MPL-2.0",
    "MS-PL",
    "MS-RL",
    "NCSA",
    "OFL-1.1",
    "OSL-3.0",
    "PostgreSQL",
    "Python-2.0",
    "UPL-1.0",
    "Unlicense",
    "W3C",
    "Zlib",
)
LICENCE_CHOICES = [(identifier, identifier) for identifier in OSI_LICENCES]
