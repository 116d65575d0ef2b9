"""Outside validators, run on our pages: axe-core (WCAG 2.1 A/AA) in Chromium and the W3C Nu HTML checker.

Other apps' tests may reuse `axe_violations(page)` and `nu_errors(html_by_name)`.

Both record what they found on each page (a path such as "/fr/" and the number of violations or errors);
at the end of a run that checked every page of `tests/a11y/test_pages.py`, `write_summary()` (called from
`tests/conftest.py`) writes them to `var/accessibility-results.json`, which the accessibility statement
shows (portal/accessibility.py says how the committed copy is refreshed).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SUMMARY = ROOT / "var" / "accessibility-results.json"

# What this run found: {"/fr/": {"axe": 0, "nu": 0}}, and the tools' versions.
_found: dict[str, dict[str, int]] = {}
_tools: dict[str, str] = {}


def _record(path: str, tool: str, count: int) -> None:
    if path.startswith("/"):  # the harness's own broken pages have no path
        page = _found.setdefault(path, {})
        page[tool] = page.get(tool, 0) + count


def found() -> dict:
    """What this process found, in a form pytest-xdist carries from a test process to the controller."""
    return {"pages": _found, "tools": _tools}


def merge(results: dict | None) -> None:
    """Add what another test process found (pytest-xdist) to this process's results."""
    for path, counts in (results or {}).get("pages", {}).items():
        for tool, count in counts.items():
            _record(path, tool, count)
    _tools.update({name: version for name, version in (results or {}).get("tools", {}).items() if version})


def _package_version(name: str) -> str:
    try:
        return json.loads((ROOT / "node_modules" / name / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return ""


def write_summary(required: set[str], path: Path = SUMMARY) -> bool:
    """Write this run's results when it checked every page of `required` with at least one tool; a partial
    run (one app's tests) leaves the last complete summary alone. Returns whether it wrote."""
    for tool in ("axe", "nu"):
        if required <= {page for page, counts in _found.items() if tool in counts}:
            break
    else:
        return False
    # The statement lists the portal's pages (`required`, built from the demo data) by address. The other pages
    # the tests checked carry test data in their addresses (ids, signed links): they are counted, and only those
    # with a problem are named.
    others = {page: counts for page, counts in _found.items() if page not in required}
    summary = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tools": {name: version for name, version in _tools.items() if version},
        "pages": dict(sorted((page, counts) for page, counts in _found.items() if page in required)),
        "other_pages": {
            "count": len(others),
            "axe": sum(counts.get("axe", 0) for counts in others.values()),
            "nu": sum(counts.get("nu", 0) for counts in others.values()),
            "with_problems": sorted(page for page, counts in others.items() if sum(counts.values())),
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def require_axe() -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: npm ci (make test does it)")


def require_vnu() -> None:
    if not VNU.exists() or not shutil.which("java"):
        pytest.skip("the W3C Nu validator needs npm's vnu-jar and Java")


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page; return the violations as {id, impact, help, targets}."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    split = urlsplit(page.url)
    if split.scheme.startswith("http"):
        _record(split.path + (f"?{split.query}" if split.query else ""), "axe", len(result["violations"]))
        _tools["axe"] = _package_version("axe-core")
        _tools["chromium"] = page.context.browser.version if page.context.browser else ""
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def nu_errors(pages: dict[str, str]) -> list[str]:
    """Validate HTML documents with the W3C Nu checker; return 'name: message' for each error."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, html in pages.items():
            path = Path(folder) / f"{name.strip('/').replace('/', '_') or 'root'}.html"
            path.write_text(html, encoding="utf-8")
            paths[str(path)] = name
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *paths],
            capture_output=True,
            text=True,
            timeout=120,
        )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    per_page = dict.fromkeys(pages, 0)
    for m in messages:
        name = paths.get(m.get("url", "").removeprefix("file:"))
        if name in per_page:
            per_page[name] += 1
    for name, count in per_page.items():
        _record(name, "nu", count)
    _tools["vnu"] = _package_version("vnu-jar")
    return [
        f"{paths.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']} ({m.get('extract', '')[:80]!r})"
        for m in messages
    ]
