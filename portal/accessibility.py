"""The automatic test results that the accessibility statement shows.

`tests/a11y/` records, for every page it checks, the number of axe-core violations (WCAG 2.1 A/AA, in
Chromium) and of W3C Nu validator errors, with the date and the tools' versions, and writes them to
`GENERATED` (`var/`, not committed) at the end of the test run. The page reads that file when it exists, so
`make test` refreshes what a developer sees, and otherwise `COMMITTED`, the copy kept in the repository
(refresh it with `cp var/accessibility-results.json portal/accessibility_results.json` after a full run), so
a fresh clone shows the last committed results. The file's shape:

    {"generated_at": "2026-11-26T20:40:00+00:00",
     "tools": {"axe": "4.10.2", "vnu": "24.10.17", "chromium": "..."},
     "pages": {"/fr/": {"axe": 0, "nu": 0}, ...},
     "other_pages": {"count": 100, "axe": 0, "nu": 0, "with_problems": []}}

`pages` are the portal's pages built from the demo data, listed by address; `other_pages` counts the other
pages the tests checked, whose addresses hold test data (ids, signed links), and names only those with a
problem.

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
    # The other pages the tests checked (forms, personal and staff pages, with test data in their addresses):
    # how many, their totals, and the addresses of those with a problem.
    other_count: int = 0
    other_axe: int = 0
    other_nu: int = 0
    other_with_problems: tuple[str, ...] = ()

    @property
    def axe_total(self) -> int:
        return sum(page.axe or 0 for page in self.pages) + self.other_axe

    @property
    def nu_total(self) -> int:
        return sum(page.nu or 0 for page in self.pages) + self.other_nu

    @property
    def pages_with_problems(self) -> list[str]:
        listed = [page.path for page in self.pages if (page.axe or 0) + (page.nu or 0) > 0]
        return listed + list(self.other_with_problems)


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
    others = data.get("other_pages") if isinstance(data.get("other_pages"), dict) else {}
    return Results(
        generated_at=generated_at,
        tools=tools,
        pages=pages,
        source=source,
        other_count=_count(others.get("count")),
        other_axe=_count(others.get("axe")),
        other_nu=_count(others.get("nu")),
        other_with_problems=tuple(str(path) for path in others.get("with_problems") or () if str(path).startswith("/")),
    )


def _count(value) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


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
