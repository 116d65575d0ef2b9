"""Admin permissions of the roles for the Lutèces d'Or (merged by accounts.roles). Jurors work from their own
pages (/fr/lutece-d-or/<édition>/jury/), not the admin."""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "awards.edition": ("view", "add", "change", "delete"),
    "awards.category": ("view", "add", "change", "delete"),
    "awards.criterion": ("view", "add", "change", "delete"),
    "awards.juror": ("view", "add", "change", "delete"),
    "awards.nomination": ("view", "change", "delete"),
    "awards.conflict": ("view",),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
