"""Generated input: no request answers a server error.

As each role (anonymous, a citizen with registrations, bookings, an application and alerts, a city agent,
a reviewer, a superuser), a crawler follows the links and forms of the pages from every URL pattern of the
URLconf, the admin included (changelists with their filters, search, ordering and pages, add and change
pages). Then:
- every URL pattern is requested with hostile values in its path converters (huge ids, long slugs,
  unicode, traversal) next to the real ids the crawler found;
- every form found (GET filters of the catalogue, places, training, calls; POST forms as each role;
  the admin's add/change forms, changelist search/ordering/page/_changelist_filters) is submitted with
  values Hypothesis generates: huge strings, unicode, NUL, negative and huge numbers, wrong types, lists
  where one value is expected, dates out of range, ids of another city's rows.

Bounded for `make test` (a fixed seed, a few examples per form); `FUZZ_SCALE=20` runs a longer campaign
and `FUZZ_REPORT=/tmp/fuzz.json` writes its figures (see the module docstring of tests/generated_input.py).
"""

from __future__ import annotations

import json
import os
import time
import traceback
from collections import Counter, defaultdict

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import resolve
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from accounts.roles import CITY_STAFF
from partnership.models import City
from tests.factories import UserFactory
from tests.generated_input import (
    DESTRUCTIVE_ACTIONS,
    HOSTILE_PATH_VALUES,
    SCALE,
    Figures,
    Form,
    admin_list_params,
    encode_query,
    fill_route,
    form_data,
    internal_path,
    merge_query,
    parse_page,
    route_of,
    url_patterns,
)

pytestmark = pytest.mark.django_db

# Pages each role crawls (seeds included): staff see the admin's ~250 URL patterns.
PAGES_PER_ROLE = {"city-staff": 180, "superuser": 110, "citizen": 60, "anonymous": 50, "reviewer": 30}
VARIANTS_PER_ROUTE = 1 * SCALE  # pages crawled per URL pattern and set of query parameters
EXAMPLES_PER_FORM = 2 * SCALE
MAX_TEXT = 2_000 * SCALE  # longest generated string (the request cap stays Django's)


class Visitor:
    """A browser for one role: a CSRF-enforcing test client that records every answer."""

    def __init__(self, role: str, figures: Figures, user=None):
        self.role = role
        self.figures = figures
        # FUZZ_SURVEY=1: list every server error instead of stopping (and shrinking) at the first one.
        self.survey = bool(os.environ.get("FUZZ_SURVEY"))
        self.client = Client(enforce_csrf_checks=True, raise_request_exception=not self.survey)
        if user is not None:
            self.client.force_login(user)

    def send(self, method: str, url: str, **kwargs):
        response = getattr(self.client, method)(url, **kwargs)
        self.figures.record(method.upper(), f"[{self.role}] {url}", response.status_code)
        if response.status_code >= 500 and getattr(response, "exc_info", None):
            exc = response.exc_info[1]
            where = traceback.extract_tb(response.exc_info[2])[-1]
            self.figures.server_errors[-1] += (
                f" {type(exc).__name__}: {str(exc)[:200]} at {where.filename}:{where.lineno}"
                f" data={str(kwargs.get('data'))[:600]}"
            )
        if not self.survey:
            assert response.status_code < 500, f"[{self.role}] {method.upper()} {url} -> {response.status_code}"
        return response


@pytest.fixture
def portal(django_capture_on_commit_callbacks):
    """The demo data and its accounts, and a citizen with a row in each feature (so that their own pages
    and forms exist)."""
    from sports.models import Slot
    from startups.models import Call
    from tests.startups.factories import ApplicationFactory
    from tests.training.factories import register
    from training.models import Session

    call_command("load_demo", verbosity=0)
    citizen = UserFactory(email="citoyenne@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        session = Session.objects.filter(status="open").order_by("pk").first()
        if session is not None:
            register(session, person=citizen)
        slot = Slot.objects.filter(status="open").order_by("starts_at").first()
        if slot is not None:
            from sports.services import booking_create

            booking_create(slot=slot, person=citizen)
        call = Call.objects.order_by("pk").first()
        if call is not None:
            ApplicationFactory(call=call, applicant=citizen)
    from django.contrib.auth import get_user_model

    users = {u.email.split("@")[0]: u for u in get_user_model().objects.all()}
    paris_staff = users["agent.paris"]
    assert paris_staff.groups.filter(name=CITY_STAFF).exists()
    assert City.objects.filter(slug="lyon").exists()
    return {
        "anonymous": None,
        "citizen": citizen,
        "city-staff": paris_staff,
        "reviewer": users["evaluateur"],
        "superuser": users["admin"],
    }


def crawl(visitor: Visitor, seeds: list[str], forms: dict, ids_seen: set, urls_by_route: dict) -> None:
    """Follow links from `seeds`, at most VARIANTS_PER_ROUTE pages per URL pattern and set of query
    parameters, collecting the forms and the ids in the URLs."""
    queue = list(dict.fromkeys(seeds))
    seen_keys: Counter = Counter()
    visited: set[str] = set()
    while queue and len(visited) < PAGES_PER_ROLE[visitor.role] * SCALE:
        url = queue.pop(0)
        if url in visited or DESTRUCTIVE_ACTIONS.search(url):
            continue
        route = route_of(url)
        key = (route, tuple(sorted({name for name, _ in _params(url)})))
        if seen_keys[key] >= VARIANTS_PER_ROUTE:
            continue
        seen_keys[key] += 1
        visited.add(url)
        response = visitor.send("get", url)
        visitor.figures.pages.add(url)
        if route:
            visitor.figures.patterns.add(route)
            match = resolve(url.split("?")[0])
            urls_by_route[match.route].append({k: str(v) for k, v in match.kwargs.items()})
            ids_seen.update(str(v) for v in match.kwargs.values() if str(v).isdigit())
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page_forms, links = parse_page("http://testserver" + url, response.content.decode(errors="replace"))
        for form in page_forms:
            action = internal_path(form.action)
            if action is None or DESTRUCTIVE_ACTIONS.search(action):
                continue
            form.action = action
            forms.setdefault((visitor.role, form.signature), form)
            for fld in form.fields:
                ids_seen.update(v for v in fld.options if v.isdigit())
        for link in links:
            path = internal_path(link)
            if path and path not in visited:
                queue.append(path)


def _params(url: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl, urlsplit

    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


FILE_NAMES = st.sampled_from(["deck.pdf", 'a"b\r\nX-Injected: 1.pdf', "é" * 300 + ".pdf", "../../x.pdf", ".pdf"])
FILE_BODIES = st.sampled_from([b"", b"%PDF-1.4\n%%EOF", b"<svg onload=alert(1)>", b"\x00" * 100])


def submit_generated(visitor: Visitor, form: Form, forged_ids: list[str]) -> None:
    files = [f.name for f in form.fields if f.kind == "file"]
    in_admin = "/admin/" in form.action
    strategy = st.tuples(
        form_data(form, forged_ids, MAX_TEXT),
        st.lists(st.tuples(FILE_NAMES, FILE_BODIES), min_size=len(files), max_size=len(files)),
        st.booleans(),
        admin_list_params() if in_admin else st.just({}),
    )

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(strategy)
    def one_submission(drawn):
        data, uploads, urlencoded, list_params = drawn
        note(f"[{visitor.role}] {form.method.upper()} {form.action}")
        if form.method == "get":
            visitor.send("get", merge_query(form.action, list_params | data))
            return
        action = form.action
        if list_params:  # added to the action's own query (a change form keeps its _changelist_filters)
            action += ("&" if "?" in action else "?") + encode_query(list_params)
        if files or not urlencoded:
            payload = {name: values for name, values in data.items() if values}
            for name, (filename, body) in zip(files, uploads, strict=True):
                payload[name] = _upload(filename, body)
            visitor.send("post", action, data=payload)
        else:
            visitor.send("post", action, data=encode_query(data), content_type="application/x-www-form-urlencoded")

    one_submission()


# Who submits a form first found by several roles (bounded runs submit each form once): a city agent for
# the admin (forged ids of the other city), a citizen for the public pages.
ROLES = ["city-staff", "citizen", "anonymous", "superuser", "reviewer"]


def test_generated_requests_never_answer_a_server_error(portal):
    started = time.monotonic()
    figures = Figures()
    patterns = url_patterns()
    forms: dict = {}
    ids_seen: set[str] = set()
    urls_by_route: dict[str, list[dict]] = defaultdict(list)
    visitors = {role: Visitor(role, figures, portal[role]) for role in ROLES}

    # 1. Crawl from every URL pattern without parameters (and the admin for staff), as each role.
    seeds = [url for p in patterns if not p.converters and (url := fill_route(p, {}))]
    if SCALE == 1:
        seeds = [seed for seed in seeds if not seed.startswith("/en/")]
    public = [seed for seed in seeds if "/admin/" not in seed]
    for role in ROLES:
        start = seeds if role in ("superuser", "city-staff") else ["/fr/admin/", *public]
        crawl(visitors[role], start, forms, ids_seen, urls_by_route)

    # 2. Every URL pattern with hostile values in its converters, next to real values found by the crawl.
    forged_ids = sorted(ids_seen, key=int)[: 40 * SCALE] + ["0", "9223372036854775808"]
    for pattern in patterns:
        real = (urls_by_route.get(pattern.route) or [{}])[0]
        for name, converter in pattern.converters.items():
            for hostile in HOSTILE_PATH_VALUES.get(converter, ["x"])[: 1 if SCALE == 1 else None]:
                url = fill_route(pattern, {**real, name: hostile})
                if url is None:
                    continue
                roles = ["city-staff" if "/admin/" in url else "citizen"] if SCALE == 1 else ROLES
                for role in roles:
                    visitors[role].send("get", url)
                    if SCALE > 1:
                        visitors[role].send("post", url, data={"x": "1"})

    # 3. Every form found, with generated values (the forged ids include other cities' rows).
    submitted = set()
    for (role, signature), form in sorted(forms.items(), key=lambda item: (ROLES.index(item[0][0]), str(item[0][1]))):
        if SCALE == 1 and signature in submitted:
            continue
        submitted.add(signature)
        figures.forms.add((role, signature))
        submit_generated(visitors[role], form, forged_ids)

    report = figures.as_dict() | {"seconds": round(time.monotonic() - started, 1)}
    print(json.dumps(report))
    if os.environ.get("FUZZ_REPORT"):
        with open(os.environ["FUZZ_REPORT"], "w", encoding="utf-8") as handle:
            json.dump(report | {"server_error_requests": figures.server_errors}, handle, indent=2, ensure_ascii=False)
    assert figures.server_errors == []
    # The crawl reached the portal: public pages, the citizen's pages and the admin's forms.
    assert len(figures.patterns) >= 60, sorted(figures.patterns)
    reached = {"admin:partnership_partnership_changelist", "initiatives:list", "training:programme_list"}
    assert reached <= figures.patterns
    assert any(role == "city-staff" and "/admin/" in form.action for (role, _), form in forms.items())
