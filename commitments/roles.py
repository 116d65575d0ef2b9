"""Admin permissions of the roles for the commitments' follow-up (merged by accounts.roles)."""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "commitments.attestationcontact": ("view", "add", "change", "delete"),
    "commitments.progressupdate": ("view", "add", "change"),
    "commitments.question": ("view", "change", "delete"),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
