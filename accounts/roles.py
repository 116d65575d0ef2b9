"""The groups that carry the admin permissions of each role. `manage.py setup_roles` applies them.

City staff get the permissions below; which rows they see is limited to their cities by
`partnership.admin_scoping.CityScopedAdminMixin`. Each app may declare its own models in a
`<app>/roles.py` with dicts named CITY_STAFF_MODELS, REVIEWER_MODELS and PARTNER_VIEWER_MODELS
(`"app_label.model": ("view", "change", ...)`); they are merged with the ones below.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from common.app_hooks import app_modules

CITY_STAFF = "Agents de ville"
REVIEWERS = "Évaluateurs"
PARTNER_VIEWERS = "Partenaires (lecture)"


def group_names(user) -> frozenset[str]:
    """The names of the person's groups, read once per user object (one per request): the header, the second
    factor check and the reviewers' links all ask."""
    if not user.is_authenticated:
        return frozenset()
    names = getattr(user, "_group_names", None)
    if names is None:
        names = user._group_names = frozenset(user.groups.values_list("name", flat=True))
    return names


# app_label.model -> actions granted to city staff
CITY_STAFF_MODELS: dict[str, tuple[str, ...]] = {
    "partnership.city": ("view", "change"),
    "partnership.organisation": ("view", "add", "change"),
    "partnership.partnership": ("view", "add", "change", "delete"),
    "partnership.partnerroleassignment": ("view", "add", "change", "delete"),
    "partnership.signatory": ("view", "add", "change", "delete"),
    "partnership.commitment": ("view", "add", "change", "delete"),
    "initiatives.category": ("view",),
    "initiatives.initiative": ("view", "add", "change", "delete"),
    "initiatives.place": ("view", "add", "change", "delete"),
    "notifications.notification": ("view", "change"),
}
REVIEWER_MODELS: dict[str, tuple[str, ...]] = {}
PARTNER_VIEWER_MODELS: dict[str, tuple[str, ...]] = {
    "partnership.partnership": ("view",),
    "partnership.commitment": ("view",),
}


def _permissions(spec: dict[str, tuple[str, ...]]) -> list[Permission]:
    codenames = []
    for label, actions in spec.items():
        app_label, model = label.split(".")
        codenames += [(app_label, f"{action}_{model}") for action in actions]
    wanted = set(codenames)
    found = Permission.objects.filter(content_type__app_label__in={a for a, _ in wanted}).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def role_specs() -> dict[str, dict[str, tuple[str, ...]]]:
    """Each role's permissions: the ones above plus every app's `roles.py`."""
    specs = {
        CITY_STAFF: dict(CITY_STAFF_MODELS),
        REVIEWERS: dict(REVIEWER_MODELS),
        PARTNER_VIEWERS: dict(PARTNER_VIEWER_MODELS),
    }
    for _app, module in app_modules("roles", skip=("accounts",)):
        specs[CITY_STAFF].update(getattr(module, "CITY_STAFF_MODELS", {}))
        specs[REVIEWERS].update(getattr(module, "REVIEWER_MODELS", {}))
        specs[PARTNER_VIEWERS].update(getattr(module, "PARTNER_VIEWER_MODELS", {}))
    return specs


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    groups = {}
    for name, spec in role_specs().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(spec))
        groups[name] = group
    return groups
