"""Role permissions for the alerts (merged by accounts.roles.setup_roles).

City staff see the alert subscriptions that include their city and may delete one (a person's request to be
forgotten).
"""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "alerts.subscription": ("view", "delete"),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
