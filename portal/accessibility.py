"""The automatic test results that the accessibility statement shows.

`tests/a11y/` records, for every page it checks, the number of axe-core violations (WCAG 2.1 A/AA, in
Chromium) and of W3C Nu validator errors, with the date and the tools' versions, and writes them to
`GENERATED` (`var/`, not committed) at the end of the test run. The page reads that file when it exists, so
`make test` refreshes what a developer sees, and otherwise `COMMITTED`, the copy kept in the repository
(refresh it with `cp var/accessibility-results.json portal/accessibility_results.json` after a full run), so
a fresh clone shows the last committed results. The file's shape:

    {"generated_at": "2026-11-26T20:40:00+00:00",
     "tools": {"axe": "4.10.2", "vnu": "24.10.17", "chromium": "..."},
     "pages": {"/fr/": {"axe": 0, "nu": 0}, ...}}

A page checked by one tool only has the other count missing (None).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "var" / "accessibility-results.json"
COMMITTED = Path(__file__).resolve().parent / "accessibility_results.json"


@dataclass(frozen=True)
class PageResult:
    path: str
    axe: int | None
    nu: int | None


@dataclass(frozen=True)
class Results:
    generated_at: datetime | None
    tools: dict[str, str]
    pages: list[PageResult]
    source: str  # "generated" or "committed"

    @property
    def axe_total(self) -> int:
        return sum(page.axe or 0 for page in self.pages)

    @property
    def nu_total(self) -> int:
        return sum(page.nu or 0 for page in self.pages)

    @property
    def pages_with_problems(self) -> list[PageResult]:
        return [page for page in self.pages if (page.axe or 0) + (page.nu or 0) > 0]


def _parse(data: dict, source: str) -> Results:
    try:
        generated_at = datetime.fromisoformat(data["generated_at"])
    except (KeyError, TypeError, ValueError):
        generated_at = None
    pages = [
        PageResult(path=str(path), axe=counts.get("axe"), nu=counts.get("nu"))
        for path, counts in sorted((data.get("pages") or {}).items())
        if isinstance(counts, dict)
    ]
    tools = {str(name): str(version) for name, version in (data.get("tools") or {}).items()}
    return Results(generated_at=generated_at, tools=tools, pages=pages, source=source)


def load_results(paths: tuple[tuple[Path, str], ...] | None = None) -> Results | None:
    """The last results: the generated file, else the committed one; None when neither can be read."""
    for path, source in paths or ((GENERATED, "generated"), (COMMITTED, "committed")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("pages"):
            return _parse(data, source)
    return None
