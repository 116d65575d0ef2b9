"""EXPLAIN of the catalogue, search and places queries at scale (PostgreSQL): shows which indexes they use.

    .venv/bin/python bench/explain.py [--database-url postgres://postgres@127.0.0.1:5432/pn_perf_explain]
                                      [--rows 50000] [--keep]

Creates the database (dropped at the end unless --keep), migrates, loads the demo, adds N initiatives and N
places (bench/data.py), ANALYZEs, then prints for each query the plan (EXPLAIN ANALYZE) and a summary line:
the indexes used, whether a table was read sequentially, and the time PostgreSQL reports.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/pn_perf_explain")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="summary lines only")
    options = parser.parse_args()
    name = options.database_url.rsplit("/", 1)[1]
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.local", DATABASE_URL=options.database_url, DJANGO_LOG_LEVEL="WARNING"
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", "--no-accounts", verbosity=0)
        from bench.data import generate

        generate(initiatives=options.rows, places=options.rows)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        report(connection, options.rows, options.quiet)
    finally:
        connection.close()
        if not options.keep:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)


def queries():
    from django.core.paginator import Paginator
    from django.http import QueryDict
    from django.utils import timezone

    from initiatives.filters import InitiativeFilter, PlaceFilter
    from initiatives.selectors import initiative_list, place_directory

    def catalogue(query: str):
        qs = InitiativeFilter(QueryDict(query) or None, queryset=initiative_list()).qs
        return Paginator(qs, 12).get_page(1).object_list.query  # the page the view shows

    def count(query: str):
        qs = InitiativeFilter(QueryDict(query) or None, queryset=initiative_list()).qs
        return qs.order_by().values("pk").query  # the paginator's count reads the same rows

    def places(query: str):
        return PlaceFilter(QueryDict(query) or None, queryset=place_directory(), now=timezone.now()).qs[:50].query

    return [
        ("catalogue, first page", catalogue("")),
        ("catalogue, total (paginator)", count("")),
        ("catalogue, city + category", catalogue("city=paris&category=inclusion-numerique")),
        ("catalogue, status + audience", catalogue("status=running&audience=job_seekers")),
        ("search 'formation numérique'", catalogue("q=formation+num%C3%A9rique")),
        ("search 'robotique' in Paris", catalogue("city=paris&q=robotique")),
        ("places, directory first page", places("")),
        ("places, postcode", places("postcode=75011")),
        ("places, service", places("service=demarches")),
    ]


def report(connection, rows: int, quiet: bool) -> None:
    print(f"PostgreSQL, {rows} generated initiatives and {rows} places + demo, after ANALYZE")
    for title, query in queries():
        sql, params = query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        indexes = sorted(
            set(re.findall(r"(?:Index(?: Only)? Scan(?: Backward)?|Bitmap Index Scan) (?:using|on) (\w+)", plan))
        )
        seq = sorted(set(re.findall(r"Seq Scan on (\w+)", plan)))
        time = re.search(r"Execution Time: ([\d.]+) ms", plan).group(1)
        if not quiet:
            print(f"\n=== {title}\n{plan}")
        print(
            f"-- {title:32s} {time:>8s} ms   indexes: {', '.join(indexes) or '-'}   seq scans: {', '.join(seq) or 'none'}"
        )


if __name__ == "__main__":
    main()
