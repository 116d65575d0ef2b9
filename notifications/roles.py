"""Role permissions for the notifications app (merged by accounts.roles.setup_roles).

City staff see the notifications about their city and may send failed ones again; they see the alert
subscriptions that include their city and may delete one (a person's request to be forgotten).
"""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "notifications.notification": ("view", "change"),
    "notifications.subscription": ("view", "delete"),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
