"""Admin permissions of the roles for the places and the sports space (merged by accounts.roles)."""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "initiatives.place": ("view", "add", "change", "delete"),
    "initiatives.sportsresource": ("view", "add", "change"),
    "initiatives.openingperiod": ("view", "add", "change", "delete"),
    "initiatives.slot": ("view", "change"),
    "initiatives.booking": ("view", "change"),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
