"""The import graph between the portal's own apps, read from the source with `ast` (nothing is imported).

    python tools/app_graph.py            # edges (with the importing modules) and cycles; exit 1 on a cycle
                                         # through imports (a relation to another app's model alone is not)
    python tools/app_graph.py --short    # edges only, one line each
    python tools/app_graph.py --root /tmp/before   # another checkout (e.g. a `git worktree add` of an old commit)

Every module of every app counts (tests and migrations excepted), and so does every import in it: at the
top, inside a function (the "hidden" ones), relative (`from ..models import X`), and the references by
name that Django resolves later: `apps.get_model("app", "Model")` / `get_model("app.Model")`,
`import_module("app.x")`, `import_string("app.x.y")`, `include("app.urls")` and a relation to
`"app.Model"` (ForeignKey, OneToOneField, ManyToManyField). tests/test_architecture.py reuses these
functions.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "accounts",
    "partnership",
    "initiatives",
    "sports",
    "startups",
    "training",
    "alerts",
    "awards",
    "commitments",
    "notifications",
    "api",
    "portal",
    "common",
    "config",
)
# Calls whose string argument names a model ("app.Model", or "app", "Model"): Django resolves it later.
MODEL_CALLS = {"get_model", "ForeignKey", "OneToOneField", "ManyToManyField"}


@dataclass(frozen=True)
class Import:
    """One reference from a module to another module (`target`, dotted), at a line of the source."""

    module: str  # the importing module, dotted
    target: str  # the module named (for `from a import b`: `a.b`, b may be a module)
    line: int
    how: str  # "import" (module level), "function" (inside a function), "string" (a dotted path to one of
    # the apps' modules written as a string: include(), handlers, settings, task names) or "model" (a
    # relation or get_model() naming another app's model)

    @property
    def source_app(self) -> str:
        return self.module.split(".")[0]

    @property
    def target_app(self) -> str:
        return self.target.split(".")[0]


def is_scanned(path: Path, root: Path = ROOT) -> bool:
    parts = path.relative_to(root).parts
    return not (
        "migrations" in parts
        or "tests" in parts
        or path.name.startswith("test_")
        or path.name == "conftest.py"
        or "__pycache__" in parts
    )


def app_modules(root: Path = ROOT, apps: Iterable[str] = APPS) -> Iterator[tuple[str, Path]]:
    """(dotted module name, path) of every scanned module of the apps."""
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            if is_scanned(path, root):
                parts = list(path.relative_to(root).with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts.pop()
                yield ".".join(parts), path


def _resolve_relative(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, name] if name else base)


def _first_string(node: ast.Call) -> str | None:
    if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        return node.args[0].value
    for keyword in node.keywords:
        if keyword.arg == "to" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
            return keyword.value.value
    return None


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _model_reference(node: ast.Call) -> str | None:
    """The app whose model a call names by string: `apps.get_model("training", "Session")`,
    `get_model("training.Session")`, `ForeignKey("training.Session", ...)` or `(to="training.Session")`."""
    name = _call_name(node)
    if name not in MODEL_CALLS:
        return None
    if name == "get_model" and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant):
        return node.args[0].value if isinstance(node.args[0].value, str) else None
    label = _first_string(node)
    return label.split(".")[0] if label and label.count(".") == 1 else None


def _module_in_string(value: str, modules: frozenset[str]) -> str | None:
    """The longest module of the apps (below an app's top package) that a dotted string starts with:
    "portal.errors.bad_request" -> "portal.errors"; "initiatives.change_initiative" -> None."""
    parts = value.split(".")
    if len(parts) < 2 or not all(part.isidentifier() for part in parts):
        return None
    for end in range(len(parts), 1, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def known_modules(root: Path = ROOT, apps: Iterable[str] = APPS) -> frozenset[str]:
    return frozenset(module for module, _ in app_modules(root, apps))


def imports_in_source(
    source: str,
    module: str,
    *,
    is_package: bool = False,
    apps: Iterable[str] = APPS,
    modules: frozenset[str] | None = None,
) -> list[Import]:
    """Every reference the source of `module` makes to a module of the apps (its own app included).
    `modules`: the apps' modules, to recognise a dotted path written as a string (read from disk if None)."""
    apps = set(apps)
    modules = known_modules(apps=apps) if modules is None else modules
    tree = ast.parse(source)
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        how = "function" if in_function else "import"
        if isinstance(node, ast.Import):
            found.extend(Import(module, alias.name, node.lineno, how) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve_relative(module, is_package, node.level, node.module) if node.level else node.module or ""
            for alias in node.names:
                target = base if alias.name == "*" else f"{base}.{alias.name}"
                found.append(Import(module, target, node.lineno, how))
        elif isinstance(node, ast.Call) and (app := _model_reference(node)):
            found.append(Import(module, app, node.lineno, "model"))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and (target := _module_in_string(node.value, modules))
        ):
            found.append(Import(module, target, node.lineno, "string"))
        inside = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(tree, False)
    return [item for item in found if item.target_app in apps]


def all_imports(root: Path = ROOT, apps: Iterable[str] = APPS) -> list[Import]:
    apps = tuple(apps)
    modules = known_modules(root, apps)
    found = []
    for module, path in app_modules(root, apps):
        source = path.read_text(encoding="utf-8")
        found += imports_in_source(source, module, is_package=path.name == "__init__.py", apps=apps, modules=modules)
    return found


def app_edges(imports: Iterable[Import]) -> dict[tuple[str, str], list[Import]]:
    """(importing app, imported app) -> the imports behind that edge (an app's imports of itself left out)."""
    edges: dict[tuple[str, str], list[Import]] = defaultdict(list)
    for item in imports:
        if item.source_app != item.target_app:
            edges[item.source_app, item.target_app].append(item)
    return dict(sorted(edges.items()))


def cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The groups of apps that reach each other (strongly connected components of more than one app),
    each given as one closed walk through all its apps, e.g. ["a", "b", "a"]."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
        graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def strongconnect(node: str) -> None:  # Tarjan; a dozen nodes, recursion is fine
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                strongconnect(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            strongconnect(node)
    return [_walk(component, graph) for component in sorted(components)]


def _walk(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A closed walk from the component's first app through every other one and back (shortest hops)."""
    members = set(component)

    def path(start: str, goal: str) -> list[str]:
        previous: dict[str, str | None] = {start: None}
        queue = [start]
        for node in queue:
            for succ in sorted(graph[node] & members):
                if succ not in previous:
                    previous[succ] = node
                    queue.append(succ)
        hops, node = [goal], previous[goal]
        while node is not None:
            hops.append(node)
            node = previous[node] if node != start else None
        return list(reversed(hops))

    walk = [component[0]]
    for goal in [*component[1:], component[0]]:
        if goal in walk and goal != component[0]:
            continue
        walk += path(walk[-1], goal)[1:]
    return walk


def elementary_cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Every cycle that passes through each app at most once, from its smallest app: ["a", "b", "a"]."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    found = []

    def extend(path: list[str]) -> None:
        for succ in sorted(graph[path[-1]]):
            if succ == path[0]:
                found.append([*path, succ])
            elif succ > path[0] and succ not in path:
                extend([*path, succ])

    for start in sorted(graph):
        extend([start])
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[argv.index("--root") + 1]).resolve() if "--root" in argv else ROOT
    imports = all_imports(root)
    edges = app_edges(imports)
    short = "--short" in argv
    for (source, target), items in edges.items():
        modules = sorted(
            {f"{item.module}:{item.line}" + ("" if item.how == "import" else f" ({item.how})") for item in items}
        )
        if short:
            print(f"{source} -> {target}  ({len(modules)})")
        else:
            print(f"{source} -> {target}  ({len(modules)} lines)")
            for module in modules:
                print(f"    {module}")
    code_edges = [edge for edge, items in edges.items() if any(item.how != "model" for item in items)]
    model_only = sorted(edge for edge in edges if edge not in code_edges)
    apps = {app for edge in edges for app in edge}
    print(f"\n{len(edges)} edges between {len(apps)} apps ({len(model_only)} by model references only)")
    found = cycles(code_edges)
    print(f"cycles through imports: {len(found)} (elementary: {len(elementary_cycles(code_edges))})")
    for walk in elementary_cycles(code_edges):
        print("  cycle: " + " -> ".join(walk))
    with_models = elementary_cycles(edges)
    print(f"cycles counting model references too: {len(cycles(edges))} (elementary: {len(with_models)})")
    for walk in with_models:
        hops = list(zip(walk, walk[1:], strict=False))
        note = ", ".join(f"{a} -> {b}" for a, b in hops if (a, b) in model_only)
        print("  cycle: " + " -> ".join(walk) + (f"  (model references only: {note})" if note else ""))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
