"""Screenshots of the main pages at a phone's, a tablet's and a desktop's width, to look at as a person would.

    .venv/bin/python bench/screenshots.py                 # var/screenshots/<page>-<width>.png
    .venv/bin/python bench/screenshots.py --widths 390    # only the phone
    .venv/bin/python bench/screenshots.py --full-page     # the whole page, not only the first screen

It builds its own SQLite database in var/screenshots/ (demo data and one citizen with a booking, a session
and a draft application), serves it with runserver on a free port and drives Debian's chromium. Nothing is
committed: the PNGs stay in var/ (ignored). For each page it also prints the first screen's height taken by
the header and whether anything overflows the width (a horizontal scroll bar on a phone).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "screenshots"
DB = OUT / "screenshots.sqlite3"
PYTHON = sys.executable
CITIZEN = "awa.diallo@example.org"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{DB}",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        CACHE_URL="locmemcache://",
        CELERY_BROKER_URL="",
    )
    return env


def _prepare() -> dict[str, str]:
    """Database with demo data; returns the paths to photograph that need an id, and the citizen's session."""
    OUT.mkdir(parents=True, exist_ok=True)
    DB.unlink(missing_ok=True)
    env = _env()
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "load_demo", "-v0"], cwd=ROOT, env=env, check=True)
    script = f"""
import django, json
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from sports.models import Slot, SportsResource
from sports import services as sports_services
from startups.models import Call
from training.models import Session
from training import services as training_services
from django.utils import timezone
person, _ = get_user_model().objects.get_or_create(email={CITIZEN!r}, defaults={{"first_name": "Awa", "last_name": "Diallo"}})
resource = SportsResource.objects.order_by("pk").first()
slot = Slot.objects.filter(resource=resource, starts_at__gt=timezone.now() + timezone.timedelta(days=2)).order_by("starts_at").first()
try:
    sports_services.booking_create(slot=slot, person=person)
except Exception as error:
    print("booking:", error)
session = Session.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
try:
    training_services.registration_create(session=session, person=person)
except Exception as error:
    print("registration:", error)
call = next(c for c in Call.objects.order_by("pk") if c.is_open)
from initiatives.models import Initiative
client = Client()
client.force_login(person)
print(json.dumps({{
    "session": client.cookies["sessionid"].value,
    "initiative": Initiative.objects.filter(is_published=True).order_by("pk").first().get_absolute_url(),
    "sports": resource.get_absolute_url(),
    "application": f"/fr/appels/{{call.slug}}/candidater/",
}}))
"""
    result = subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    import json

    lines = result.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(line)
    return json.loads(lines[-1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="390,768,1280")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--reuse", action="store_true", help="keep the database of the previous run")
    args = parser.parse_args()
    if args.reuse and (OUT / "state.json").exists():
        import json

        state = json.loads((OUT / "state.json").read_text())
    else:
        state = _prepare()
        import json

        (OUT / "state.json").write_text(json.dumps(state))
    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    pages = {
        "home": ("/fr/", False),
        "catalogue": ("/fr/initiatives/", False),
        "initiative": (state["initiative"], False),
        "places": ("/fr/lieux/", False),
        "sports": (state["sports"], True),
        "my-space": ("/fr/mon-espace/", True),
        "application-step": (state["application"], True),
    }
    if args.only:
        pages = {name: pages[name] for name in args.only.split(",")}
    try:
        for _ in range(600):  # runserver takes a few seconds to start on a busy machine
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for width in [int(w) for w in args.widths.split(",")]:
                context = browser.new_context(
                    base_url=base, viewport={"width": width, "height": 844 if width < 500 else 900}, locale="fr-FR"
                )
                for name, (path, logged_in) in pages.items():
                    context.clear_cookies()
                    if logged_in:
                        context.add_cookies([{"name": "sessionid", "value": state["session"], "url": base}])
                    page = context.new_page()
                    page.goto(path)
                    page.wait_for_load_state("networkidle")
                    file = OUT / f"{name}-{width}.png"
                    page.screenshot(path=str(file), full_page=args.full_page)
                    figures = page.evaluate(
                        """() => ({
                            header: Math.round(document.querySelector('header').getBoundingClientRect().height),
                            overflow: document.documentElement.scrollWidth > window.innerWidth,
                            h1: (document.querySelector('h1') || {}).innerText,
                            firstResult: (() => { const r = document.querySelector('main li .card, main .places-list li');
                                                  return r ? Math.round(r.getBoundingClientRect().top) : null; })(),
                        })"""
                    )
                    print(f"{width:>5} {name:<17} {page.url.removeprefix(base):<45} {figures}")
                    page.close()
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
