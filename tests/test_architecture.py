"""How the apps depend on each other, read from the source with `ast` (no database, nothing imported).

The graph is `tools/app_graph.py`'s (`python tools/app_graph.py` prints it): every module but tests and
migrations, imports inside functions and relative ones included, and the references Django resolves by name
(a relation to "app.Model", `get_model`, a dotted path written as a string: `include()`, handlers,
settings, task names).

The rule the code follows (checked on main when these tests were written):

    common <- partnership <- notifications <- accounts <- {initiatives, sports, startups, training, alerts, awards, commitments}
           <- {portal, api} <- config

An app imports only apps to its left; a feature app may also import `initiatives` (the catalogue) and no
other feature app; nothing imports `portal` but `config/urls.py` and the settings (URLs, error handlers);
`api` (the query API) sits beside `portal` on the pages' side: it reads the apps, nothing but the URLs and
the settings name it, and it and `portal` do not import each other.
One exception, a reference and not an import: `partnership.Commitment.initiatives` is a many-to-many to
"initiatives.Initiative" (KNOWN_MODEL_REFERENCES). Discovery by convention (`<app>/notifications.py`,
`transparency.py`, `alerts.py`, `place_actions.py`, read with `import_module(f"{app}...")`) is not an edge.

Each check is a function of the imports (or of a module's source) and is shown to fail on a small fixture.
"""

import ast
from pathlib import Path

import pytest

from tools.app_graph import (
    APPS,
    ROOT,
    Import,
    all_imports,
    app_edges,
    app_modules,
    cycles,
    elementary_cycles,
    imports_in_source,
    known_modules,
)

FEATURES = {"initiatives", "sports", "startups", "training", "alerts", "awards", "commitments"}
LAYER = {
    "common": 0,
    "partnership": 1,
    "notifications": 2,
    "accounts": 3,
    **dict.fromkeys(FEATURES, 4),
    "portal": 5,
    "api": 5,  # the query API, on the pages' side
    "config": 6,
}
CATALOGUE = "initiatives"
# Edges against the rule that are model references only, with the reason they stay.
KNOWN_MODEL_REFERENCES = {
    ("partnership", "initiatives"): "Commitment.initiatives, a many-to-many to the catalogue, edited on the "
    "commitment's admin page; moving it to Initiative is a migration and an admin change of its own",
}
PORTAL_IMPORTERS = ("config.urls", "config.settings.")  # the URLs and error handlers, and CSRF_FAILURE_VIEW

# The models whose status changes have rules (transitions, emails, seats): only their app's services write
# these fields. Checked against the models below, so that the table cannot drift.
LIFECYCLE = {
    "Application": ("startups", {"status"}),
    "Recommendation": ("startups", {"status"}),
    "Registration": ("training", {"status", "confirmed_at"}),
    "Session": ("training", {"status"}),
    "Booking": ("sports", {"status"}),
    "Slot": ("sports", {"status"}),
    "WaitlistEntry": ("sports", {"status"}),
    "Notification": ("notifications", {"status"}),
    "Subscription": ("alerts", {"is_confirmed", "confirmed_at", "unsubscribed_at"}),
    "Nomination": ("awards", {"status", "confirmed_at"}),
    "ProgressUpdate": ("commitments", {"status"}),
    "Question": ("commitments", {"status"}),
    "PlaceReport": ("initiatives", {"status", "handled_at"}),
}
# Models with a `status` field edited like any other field (staff choose it on the form): no rule behind it.
EDITORIAL_STATUS = {"Partnership", "Commitment", "Initiative"}
STATUS_FIELDS = set().union(*(fields for _, fields in LIFECYCLE.values()))
WRITE_METHODS = {"update", "create", "get_or_create", "update_or_create", "bulk_update"}

ALL_IMPORTS = all_imports()
EDGES = app_edges(ALL_IMPORTS)


# --- the checks ---------------------------------------------------------------------------------------


def direction_violations(imports: list[Import]) -> list[str]:
    """Imports from an app to an app at its level or above (a feature app may import the catalogue)."""
    found = []
    for (source, target), items in app_edges(imports).items():
        if LAYER[target] < LAYER[source] or (source in FEATURES and target == CATALOGUE):
            continue
        if (source, target) in KNOWN_MODEL_REFERENCES:
            items = [item for item in items if item.how != "model"]
        found += [f"{item.module}:{item.line} ({source} -> {target}: {item.target})" for item in items]
    return sorted(found)


def cycle_walks(imports: list[Import]) -> list[list[str]]:
    edges = app_edges(imports)
    return cycles(
        edge
        for edge, items in edges.items()
        if edge not in KNOWN_MODEL_REFERENCES or any(item.how != "model" for item in items)
    )


def portal_importers(imports: list[Import], app: str = "portal") -> list[str]:
    """Modules that import `app` (the pages layer, or the API beside it) other than the URLs and settings."""
    return sorted(
        f"{item.module}:{item.line}"
        for item in imports
        if item.target_app == app and item.source_app != app and not item.module.startswith(PORTAL_IMPORTERS)
    )


def views_importers(imports: list[Import]) -> list[str]:
    """Modules outside the pages layer that import another app's views (`app.views`, `app.views.x`)."""
    return sorted(
        f"{item.module}:{item.line} ({item.target})"
        for item in imports
        if item.source_app not in {"portal", item.target_app} and item.target.split(".")[1:2] == ["views"]
    )


def _may_write_status(path: str, model_app: str | None) -> bool:
    """By kind of file: the app's services (any app's when the model is not known), demo data loaders.
    Tests, factories and migrations are not read at all."""
    parts = path.split("/")
    if parts[1].startswith("demo") or parts[-1] == "load_demo.py":
        return True
    return parts[1].startswith("services") and model_app in (None, parts[0])


def _chain_root(node: ast.expr) -> str | None:
    """`Booking.objects.filter(...).update` -> "Booking"."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def status_writes(source: str, path: str, models: dict[str, str]) -> list[str]:
    """Lifecycle status written in `path` (relative, "app/module.py") where it may not be.
    `models`: every model class name of the apps -> its app (a write on another model is not one)."""
    found = []

    def flag(node: ast.AST, what: str, model: str | None) -> None:
        model_app = LIFECYCLE[model][0] if model in LIFECYCLE else None
        if not _may_write_status(path, model_app):
            found.append(f"{path}:{node.lineno}: {what}")

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Attribute) and sub.attr in STATUS_FIELDS:
                        flag(node, f"{ast.unparse(sub)} = ...", None)
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) >= 2:
                name = node.args[1]
                if isinstance(name, ast.Constant) and name.value in STATUS_FIELDS:
                    flag(node, f"setattr(..., {name.value!r})", None)
                continue
            if isinstance(func, ast.Name) and func.id in LIFECYCLE:
                model = func.id  # Booking(status=...)
            elif isinstance(func, ast.Attribute) and func.attr in WRITE_METHODS:
                model = _chain_root(func.value)
                if model in models and model not in LIFECYCLE:
                    continue  # another model's write
            else:
                continue
            fields = LIFECYCLE[model][1] if model in LIFECYCLE else STATUS_FIELDS
            keys = {keyword.arg for keyword in node.keywords}
            for keyword in node.keywords:
                if keyword.arg in {"defaults", "create_defaults"} and isinstance(keyword.value, ast.Dict):
                    keys |= {key.value for key in keyword.value.keys if isinstance(key, ast.Constant)}
            for field in sorted(keys & fields):
                flag(node, f"{ast.unparse(func)}({field}=...)", model)
    return found


# Exceptions defined in services that are not how a service refuses (they never reach a person), and the
# families still to be turned into a ValidationError with a code, with what they are.
SERVICE_EXCEPTIONS_ALLOWED = {
    "NotificationRetryLater": "a signal from delivery to its Celery task (retry with backoff), caught there",
}
# Refusal families still to turn into ValidationErrors (sports' BookingError is one since the waitlist).
SERVICE_EXCEPTIONS_TO_CONVERT: dict[str, str] = {}


def service_exception_classes(source: str, path: str) -> list[str]:
    """The exception families a services module defines that are not ValidationErrors: a second way to
    refuse. A class is an exception when a base is named *Error/*Exception or is one defined before it; a
    family is reported once, by its root (SlotFull(BookingError) is BookingError's)."""
    if not path.split("/")[1].startswith("services"):
        return []
    validation, other, roots = {"ValidationError"}, set(), []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases}
        if bases & validation:
            validation.add(node.name)
        elif bases & other:
            other.add(node.name)
        elif any(base.endswith(("Error", "Exception")) for base in bases):
            other.add(node.name)
            roots.append(f"{path}:{node.name}")
    return roots


def _model_classes() -> dict[str, tuple[str, set[str]]]:
    """Class name -> (app, names assigned in its body), for every class of the apps' models modules."""
    classes = {}
    for module, path in app_modules():
        if module.split(".")[1:2] != ["models"]:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                assigned = {
                    target.id
                    for statement in node.body
                    if isinstance(statement, ast.Assign)
                    for target in statement.targets
                    if isinstance(target, ast.Name)
                }
                classes[node.name] = (module.split(".")[0], assigned)
    return classes


MODEL_CLASSES = _model_classes()
MODEL_APPS = {name: app for name, (app, _) in MODEL_CLASSES.items()}


def _imports(source: str, module: str) -> list[Import]:
    return imports_in_source(source, module, modules=known_modules())


# --- the code as it is ---------------------------------------------------------------------------------


def test_the_graph_reads_every_app_and_the_imports_hidden_in_functions():
    assert {app for edge in EDGES for app in edge} == set(APPS)
    hidden = {item.module for item in ALL_IMPORTS if item.how == "function" and item.source_app != item.target_app}
    assert "portal.management.commands.load_demo" in hidden
    assert any(item.how == "string" and item.target == "portal.errors" for item in ALL_IMPORTS)  # handler404


def test_no_cycle_between_apps():
    assert cycle_walks(ALL_IMPORTS) == []


def test_each_app_imports_only_the_apps_below_it():
    assert direction_violations(ALL_IMPORTS) == []


def test_the_known_model_references_are_still_references_only():
    for edge, reason in KNOWN_MODEL_REFERENCES.items():
        assert edge in EDGES, f"{edge} is gone: remove it from KNOWN_MODEL_REFERENCES ({reason})"
        assert {item.how for item in EDGES[edge]} == {"model"}, EDGES[edge]


def test_nothing_imports_the_pages_layer_but_the_urls_and_settings():
    assert portal_importers(ALL_IMPORTS) == []
    assert ("config", "portal") in EDGES


def test_nothing_imports_the_api_but_the_urls_and_settings():
    assert portal_importers(ALL_IMPORTS, "api") == []
    assert ("config", "api") in EDGES
    assert portal_importers(_imports("from api.filters import PlaceApiFilter\n", "portal.views"), "api") == [
        "portal.views:1"
    ]


def test_no_module_outside_the_pages_layer_imports_another_apps_views():
    assert views_importers(ALL_IMPORTS) == []


def test_lifecycle_status_is_written_only_by_its_apps_services():
    found = []
    for _module, path in app_modules():
        relative = str(path.relative_to(ROOT))
        found += status_writes(path.read_text(encoding="utf-8"), relative, MODEL_APPS)
    assert found == []


def test_the_lifecycle_table_matches_the_models():
    for name, (app, fields) in LIFECYCLE.items():
        assert name in MODEL_CLASSES and MODEL_CLASSES[name][0] == app, name
        assert fields <= MODEL_CLASSES[name][1], (name, fields - MODEL_CLASSES[name][1])
    with_status = {name for name, (_, assigned) in MODEL_CLASSES.items() if "status" in assigned}
    # A new model with a status: decide whether it is a lifecycle (services only) or editorial.
    assert with_status == {name for name, (_, fields) in LIFECYCLE.items() if "status" in fields} | EDITORIAL_STATUS


def test_services_refuse_with_a_validation_error_only():
    found = []
    for _module, path in app_modules():
        found += service_exception_classes(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    roots = {entry.rsplit(":", 1)[1] for entry in found}
    left = sorted(set(roots) - set(SERVICE_EXCEPTIONS_ALLOWED) - set(SERVICE_EXCEPTIONS_TO_CONVERT))
    assert left == [], found
    gone = sorted(set(SERVICE_EXCEPTIONS_TO_CONVERT) - roots)
    assert gone == [], f"{gone} no longer exist: remove them from SERVICE_EXCEPTIONS_TO_CONVERT"


# --- each check fails when it should ---------------------------------------------------------------------


def test_the_cycle_check_sees_a_cycle_through_a_hidden_import():
    imports = _imports("def f():\n    from accounts.models import User\n", "notifications.services.outbox")
    imports += _imports("from notifications.services import notify\n", "accounts.notifications")
    assert cycle_walks(imports) == [["accounts", "notifications", "accounts"]]
    assert cycles([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]) == [["a", "b", "c", "a"]]
    assert elementary_cycles([("a", "b"), ("b", "a"), ("b", "c"), ("c", "a")]) == [
        ["a", "b", "a"],
        ["a", "b", "c", "a"],
    ]


def test_the_direction_check_refuses_upward_and_sideways_imports():
    upward = _imports("from ..models import x\nfrom accounts.models import User\n", "partnership.views")
    assert direction_violations(upward) == ["partnership.views:2 (partnership -> accounts: accounts.models.User)"]
    sideways = _imports("def f():\n    from training.models import Session\n", "sports.services")
    assert direction_violations(sideways) == ["sports.services:2 (sports -> training: training.models.Session)"]
    by_name = _imports('x = models.ForeignKey("startups.Application", on_delete=models.CASCADE)\n', "alerts.models")
    assert direction_violations(by_name) == ["alerts.models:1 (alerts -> startups: startups)"]
    catalogue = _imports("from initiatives.models import Initiative\n", "training.models")
    assert direction_violations(catalogue) == []
    # The known reference stays a reference: an import on the same edge is refused.
    code_import = _imports("from initiatives.selectors import initiative_list\n", "partnership.transparency")
    assert direction_violations(code_import) != []


def test_the_pages_layer_check_sees_a_string_and_a_relative_import():
    assert portal_importers(_imports('HANDLER = "portal.errors.page_not_found"\n', "training.views")) == [
        "training.views:1"
    ]
    assert portal_importers(_imports("from portal import views\n", "alerts.urls")) == ["alerts.urls:1"]
    assert portal_importers(_imports('handler404 = "portal.errors.page_not_found"\n', "config.urls")) == []


def test_the_views_check_sees_another_apps_views_not_the_apps_own():
    assert views_importers(_imports("from training import views\n", "sports.urls")) == [
        "sports.urls:1 (training.views)"
    ]
    assert views_importers(_imports("def f():\n    from initiatives.views.places import x\n", "sports.admin")) == [
        "sports.admin:2 (initiatives.views.places.x)"
    ]
    assert views_importers(_imports("from . import views\n", "sports.urls")) == []
    assert views_importers(_imports("from training.views import x\n", "portal.urls")) == []


@pytest.mark.parametrize(
    ("path", "source", "flagged"),
    [
        ("startups/admin.py", "def save_model(self, request, obj, form, change):\n    obj.status = 'accepted'\n", 1),
        ("training/tasks.py", "Registration.objects.filter(pk=1).update(status='cancelled')\n", 1),
        ("sports/views.py", "Booking(slot=slot, status='confirmed').save()\n", 1),
        ("alerts/views.py", "Subscription.objects.update_or_create(email=e, defaults={'is_confirmed': True})\n", 1),
        ("notifications/admin.py", "def f(qs):\n    qs.update(status='pending')\n", 1),
        ("training/services.py", "Booking.objects.create(slot=slot, status='confirmed')\n", 1),  # not its app
        ("startups/views.py", "setattr(application, 'status', 'withdrawn')\n", 1),
        ("sports/services.py", "Booking.objects.create(slot=slot, status='confirmed')\n", 0),
        ("startups/services/applications.py", "application.status = 'submitted'\n", 0),
        ("alerts/demo.py", "subscription.is_confirmed = True\n", 0),
        ("portal/management/commands/load_demo.py", "slot.status = 'blocked'\n", 0),
        ("partnership/admin.py", "Commitment.objects.filter(pk=1).update(status='done')\n", 0),  # editorial
        ("startups/views.py", "Application.objects.filter(status='submitted').count()\n", 0),  # a read
        ("portal/errors.py", "HttpResponse(body, status=404)\n", 0),
    ],
)
def test_the_status_check_flags_writes_outside_the_apps_services(path, source, flagged):
    assert len(status_writes(source, path, MODEL_APPS)) == flagged


def test_the_graph_reads_relative_imports_and_references_by_name():
    source = (
        "from .models import A\n"
        "from .. import selectors\n"
        "def f():\n"
        "    apps.get_model('training', 'Session')\n"
        "    include('sports.urls')\n"
        "    'initiatives.change_initiative'\n"
    )
    found = {
        (item.target, item.how)
        for item in imports_in_source(source, "startups.services.reviews", modules=known_modules())
    }
    assert found == {
        ("startups.services.models.A", "import"),
        ("startups.selectors", "import"),
        ("training", "model"),
        ("sports.urls", "string"),
    }


def test_the_graph_reads_the_modules_of_the_repository_only():
    modules = dict(app_modules())
    assert "tools.app_graph" not in modules and "startups.services" in modules
    assert not any("migrations" in Path(path).parts for path in modules.values())


def test_the_error_convention_check_sees_a_second_way_to_refuse():
    source = (
        "class SeatsGone(Exception):\n    pass\n"
        "class LastSeatGone(SeatsGone):\n    pass\n"
        "class Refused(ValidationError):\n    pass\n"
        "class StillRefused(Refused):\n    pass\n"
        "class Options:\n    pass\n"
    )
    assert service_exception_classes(source, "training/services.py") == ["training/services.py:SeatsGone"]
    assert service_exception_classes(source, "training/views.py") == []
