"""Admin permissions of the roles for places' error reports (merged by accounts.roles). Reports come from the
public form; staff read them, write the team's note, mark them handled (an action, through the service)
and delete spam."""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "initiatives.placereport": ("view", "change", "delete"),  # delete: spam
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
