"""Role permissions for the outbox (merged by accounts.roles.setup_roles).

City staff see the notifications about their city and may send failed ones again.
"""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "notifications.notification": ("view", "change"),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
