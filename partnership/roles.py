"""What the roles may do with the partnership's scorecard (accounts/roles.py reads every app's roles.py).
The lines are edited as inlines of the partnership's admin page and on pages of their own (list, history),
scoped through their partnership."""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "partnership.partnercontribution": ("view", "add", "change", "delete"),
    "partnership.scorecardclause": ("view", "add", "change", "delete"),
    "partnership.procurementrecord": ("view", "add", "change", "delete"),
}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {
    "partnership.partnercontribution": ("view",),
    "partnership.scorecardclause": ("view",),
    "partnership.procurementrecord": ("view",),
}
