"""Outside validators, run on our pages: axe-core (WCAG 2.1 A/AA) in Chromium and the W3C Nu HTML checker.

Other apps' tests may reuse `axe_violations(page)` and `nu_errors(html_by_name)`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


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
    return [
        f"{paths.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']} ({m.get('extract', '')[:80]!r})"
        for m in messages
    ]
