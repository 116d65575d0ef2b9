"""Admin permissions of this app's models for each role (merged by accounts.roles.setup_roles).

Reviewers do not use the admin: they work on their own pages (candidatures/evaluations/), which
show only the applications assigned to them.
"""

CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "startups.call": ("view", "add", "change", "delete"),
    "startups.criterion": ("view", "add", "change", "delete"),
    "startups.application": ("view", "change"),
    "startups.statuschange": ("view",),
    "startups.recommendation": ("view",),
    "startups.reviewassignment": ("view", "add", "delete"),
    "startups.score": ("view",),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {}
