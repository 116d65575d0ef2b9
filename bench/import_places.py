"""Benchmark: `manage.py import_places` on a file shaped like the national file of digital-inclusion places.

    .venv/bin/python bench/import_places.py [--rows 50000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pn_bench_import .venv/bin/python bench/import_places.py

Generates N rows in La Mednum's schema v1.0.2 (communes all over France, SIRET or the unknown marker,
OSM hours, several services, "|" between values), then imports them into a throwaway database (a SQLite
file; and, when DATABASE_URL is set, that PostgreSQL database, dropped and created again: give it a name
of its own) with the portal's cities Paris and Lyon:

1. national: the file as it is; rows of other communes are skipped (counted), the rest created;
2. forced: the same file with --city paris, every row created;
3. again: the same import once more, every row unchanged;
4. changed: a tenth of the rows with a new name, updated.

Prints, per database and run, the wall time, rows per second, the CPU time of the importing process (the
database server's own time is in the wall time, not in it), the queries run and the counts.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMMUNES = [  # (commune, code postal, code INSEE, latitude, longitude)
    ("Paris", "75020", "75120", 48.8638, 2.3985),
    ("Paris", "75011", "75111", 48.8590, 2.3800),
    ("Lyon", "69004", "69384", 45.7786, 4.8275),
    ("Marseille", "13001", "13201", 43.2999, 5.3841),
    ("Reims", "51100", "51454", 49.2583, 4.0317),
    ("Lille", "59000", "59350", 50.6292, 3.0573),
    ("Bordeaux", "33000", "33063", 44.8378, -0.5792),
    ("Toulouse", "31000", "31555", 43.6047, 1.4442),
    ("Nantes", "44000", "44109", 47.2184, -1.5536),
    ("Rennes", "35000", "35238", 48.1173, -1.6778),
    ("Strasbourg", "67000", "67482", 48.5734, 7.7521),
    ("Ajaccio", "20000", "2A004", 41.9192, 8.7386),
    ("Saint-Denis", "97400", "97411", -20.8789, 55.4481),
    ("Guéret", "23000", "23096", 46.1716, 1.8717),
    ("Aurillac", "15000", "15014", 44.9264, 2.4397),
]
# Paris and Lyon hold about 4 % of the national file's places, as they do of France's population.
WEIGHTS = [2, 2, 1.5, 3, 2, 3, 4, 4, 4, 4, 4, 3, 3, 30, 30]
SERVICES = [
    "Aide aux démarches administratives",
    "Maîtrise des outils numériques du quotidien",
    "Insertion professionnelle via le numérique",
    "Utilisation sécurisée du numérique",
    "Accès internet et matériel informatique",
    "Loisirs et créations numériques",
]
HOURS = ["Mo-Fr 09:00-12:00,14:00-18:00", "Tu-Sa 10:00-18:00", "Mo,We,Fr 14:00-17:30; Sa 09:00-12:00", ""]
TYPES = ["ASSO", "BIB", "CCAS", "MUNI", "TIERS_LIEUX|ASSO", "FRANCE_SERVICES"]


def siret(rng: random.Random) -> str:
    """A SIRET with a valid Luhn checksum."""
    digits = [rng.randrange(10) for _ in range(13)]
    for check in range(10):
        candidate = [*digits, check]
        total = 0
        for index, digit in enumerate(reversed(candidate)):
            doubled = digit * 2 if index % 2 else digit
            total += doubled - 9 if doubled > 9 else doubled
        if total % 10 == 0:
            return "".join(map(str, candidate))
    raise AssertionError


def generate(path: Path, rows: int, seed: int = 2026) -> None:
    from initiatives.mednum import COLUMNS

    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for n in range(rows):
            commune, postcode, insee, lat, lon = rng.choices(COMMUNES, WEIGHTS)[0]
            writer.writerow(
                {
                    "id": f"lieu-{n:06d}",
                    "pivot": siret(rng) if rng.random() < 0.7 else "00000000000000",
                    "nom": f"Espace numérique {commune} {n}",
                    "commune": commune,
                    "code_postal": postcode,
                    "code_insee": insee,
                    "adresse": f"{rng.randint(1, 200)} rue de la République",
                    "latitude": f"{lat + rng.uniform(-0.05, 0.05):.6f}",
                    "longitude": f"{lon + rng.uniform(-0.05, 0.05):.6f}",
                    "typologie": rng.choice(TYPES),
                    "telephone": f"+331{rng.randint(10000000, 99999999)}" if rng.random() < 0.6 else "",
                    "courriels": f"contact{n}@lieu.example" if rng.random() < 0.6 else "",
                    "site_web": f"https://lieu{n}.example/" if rng.random() < 0.4 else "",
                    "horaires": rng.choice(HOURS),
                    "presentation_resume": "Accompagnement au numérique pour tous les publics.",
                    "source": "Bench",
                    "itinerance": rng.choice(["Fixe", "Fixe", "Itinérant", ""]),
                    "date_maj": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
                    "services": "|".join(rng.sample(SERVICES, rng.randint(1, 4))),
                    "frais_a_charge": rng.choice(["Gratuit", "Gratuit sous condition", "Gratuit|Payant"]),
                    "modalites_accompagnement": "Accompagnement individuel|Dans un atelier collectif",
                    "dispositif_programmes_nationaux": rng.choice(["", "Conseillers numériques", "France Services"]),
                }
            )


def rename_tenth(source: Path, target: Path) -> None:
    with source.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = reader.fieldnames
    for row in rows[::10]:
        row["nom"] += " (nouveau nom)"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def one_database(database_url: str, rows: int, workdir: Path) -> None:
    """Runs in a child process: Django is set up once per database."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from partnership.models import City

    call_command("migrate", verbosity=0)
    City.objects.get_or_create(slug="paris", defaults={"name": "Paris", "insee_code": "75056"})
    City.objects.get_or_create(slug="lyon", defaults={"name": "Lyon", "insee_code": "69123"})
    source, changed = workdir / "lieux.csv", workdir / "lieux-modifies.csv"
    if not source.exists():
        generate(source, rows)
        rename_tenth(source, changed)
    engine = connection.vendor
    for name, path, args in [
        ("national", source, []),
        ("forced", source, ["--city", "paris"]),
        ("again", source, ["--city", "paris"]),
        ("changed", changed, ["--city", "paris"]),
    ]:
        out = io.StringIO()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            call_command("import_places", str(path), *args, stdout=out, stderr=io.StringIO(), verbosity=0)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        summary = out.getvalue().strip().splitlines()[-1]
        print(
            f"{engine:10} {name:9} {rows:>7} rows  {seconds:7.2f} s  {rows / seconds:8.0f} rows/s  "
            f"(CPU of this process {cpu:6.2f} s)  "
            f"{len(queries):>5} queries  | {summary}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--one", default="", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", default="", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        one_database(options.one, options.rows, Path(options.workdir))
        return

    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    urls = [f"sqlite:///{workdir / 'bench.sqlite3'}"]
    postgres = os.environ.get("DATABASE_URL", "")
    if postgres.startswith("postgres"):
        name = postgres.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        urls.append(postgres)
    print(f"{'database':10} {'run':9} {'rows':>7}       time       rate  cpu  queries  | counts")
    for url in urls:
        subprocess.run(
            [sys.executable, __file__, "--one", url, "--rows", str(options.rows), "--workdir", str(workdir)],
            check=True,
            cwd=ROOT,
        )
    print(f"file: {workdir / 'lieux.csv'} ({(workdir / 'lieux.csv').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
