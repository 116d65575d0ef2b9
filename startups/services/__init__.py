"""Every write with a rule. Views, admin actions and commands all call these."""

from .applications import (
    TRANSITIONS,
    application_attach_pitch_deck,
    application_create,
    application_submit,
    application_transition,
    application_update,
    call_closed_message,
    staff_targets,
)
from .calls import call_ensure_rubric
from .recommendations import (
    LINK_EXPIRED,
    LINK_INVALID,
    recommendation_from_token,
    recommendation_request,
    recommendation_respond,
    recommendation_token,
)
from .reviews import review_assign, review_declare_interests, review_score, review_unassign

__all__ = [
    "TRANSITIONS",
    "LINK_EXPIRED",
    "LINK_INVALID",
    "application_attach_pitch_deck",
    "application_create",
    "application_submit",
    "application_transition",
    "application_update",
    "call_closed_message",
    "call_ensure_rubric",
    "recommendation_from_token",
    "recommendation_request",
    "recommendation_respond",
    "recommendation_token",
    "review_assign",
    "review_declare_interests",
    "review_score",
    "review_unassign",
    "staff_targets",
]
