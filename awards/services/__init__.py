"""Every write with a rule for the Lutèces d'Or. Views, admin actions and the demo call these; messages are
built in awards/notifications.py."""

from .jury import conflicts_refresh, juror_add, juror_declare, juror_declare_conflict, juror_score
from .links import INVALID_LINK, email_digest
from .nominations import (
    nomination_accept,
    nomination_confirm,
    nomination_from_token,
    nomination_propose,
    nomination_reject,
    nomination_token,
)
from .results import results_publish
from .votes import vote_confirm, vote_from_token, vote_request, vote_token

__all__ = [
    "INVALID_LINK",
    "conflicts_refresh",
    "email_digest",
    "juror_add",
    "juror_declare",
    "juror_declare_conflict",
    "juror_score",
    "nomination_accept",
    "nomination_confirm",
    "nomination_from_token",
    "nomination_propose",
    "nomination_reject",
    "nomination_token",
    "results_publish",
    "vote_confirm",
    "vote_from_token",
    "vote_request",
    "vote_token",
]
