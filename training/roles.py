"""Admin permissions of the roles for this app (merged by accounts.roles.setup_roles)."""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "training.programme": ("view", "add", "change", "delete"),
    "training.session": ("view", "add", "change"),
    "training.sessionday": ("view", "add", "change", "delete"),
    "training.registration": ("view", "change"),
    "training.attendance": ("view", "add", "change"),
}
