"""Admin permissions of the roles for the sports space (merged by accounts.roles)."""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "sports.sportsresource": ("view", "add", "change"),
    "sports.openingperiod": ("view", "add", "change", "delete"),
    "sports.slot": ("view", "change"),
    "sports.booking": ("view", "change"),
    "sports.waitlistentry": ("view",),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
