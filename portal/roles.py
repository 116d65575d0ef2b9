"""Admin permissions of the roles for the portal's table (merged by accounts.roles): every city's staff read
the accessibility reports (they concern pages all cities share); superusers mark them handled."""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "portal.accessibilityreport": ("view",),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
