"""Full-text search of the catalogue: a stored vector the database keeps up to date, and an accent-folding
fallback for SQLite.

PostgreSQL: `Initiative.search_vector` (tsvector, GIN-indexed) is written by a trigger on every INSERT and on
every UPDATE of the six text columns, whatever sends it (save(), the admin, services, `bulk_create`, raw SQL):
French fields with the `french_unaccent` configuration (French stemming after `unaccent`), English ones with
`english_unaccent`, weighted title (A) > summary (B) > description (C). A trigger rather than a
`GeneratedField`: `unaccent()` is not immutable, and a column generated from a text search configuration
still depends on a dictionary that could change; a trigger has no such limit and costs the same on write.
The queries use the same configurations, so "numerique" finds "numérique".

`install(connection)` creates the extension, the two configurations, the trigger, the GIN index and fills the
vectors still empty; it is idempotent and runs after every `migrate` (post_migrate, so a test database built
without migrations gets it too) and in the migration that added the column.
`manage.py refresh_search_vectors` rewrites every vector (after changing the configurations).

SQLite: no vector; a substring match on the texts folded (lower case, accents removed) by `pn_fold`, a Python
function registered on each SQLite connection.
"""

from __future__ import annotations

import unicodedata

FRENCH = "french_unaccent"
ENGLISH = "english_unaccent"
WEIGHTS = (("title", "A"), ("summary", "B"), ("description", "C"))
TEXT_COLUMNS = [f"{field}_{language}" for field, _weight in WEIGHTS for language in ("fr", "en")]


def fold(text: str | None) -> str:
    """'Numérique ÉTÉ' -> 'numerique ete'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _vector_sql() -> str:
    parts = []
    for field, weight in WEIGHTS:
        for language, config in (("fr", FRENCH), ("en", ENGLISH)):
            parts.append(f"setweight(to_tsvector('public.{config}', coalesce(NEW.{field}_{language}, '')), '{weight}')")
    return " || ".join(parts)


def _config_sql(name: str, base: str, stemmer: str) -> str:
    # Constant names only, never input.
    return f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
    CREATE TEXT SEARCH CONFIGURATION public.{name} (COPY = pg_catalog.{base});
    ALTER TEXT SEARCH CONFIGURATION public.{name}
      ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, {stemmer};
  END IF;
END $$;"""  # noqa: S608


def install_sql() -> list[str]:
    columns = ", ".join(TEXT_COLUMNS)
    return [
        "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public",
        _config_sql(FRENCH, "french", "french_stem"),
        _config_sql(ENGLISH, "english", "english_stem"),
        f"""CREATE OR REPLACE FUNCTION initiatives_initiative_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector := {_vector_sql()};
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
        "DROP TRIGGER IF EXISTS initiatives_initiative_search_vector ON initiatives_initiative",
        f"""CREATE TRIGGER initiatives_initiative_search_vector
  BEFORE INSERT OR UPDATE OF {columns} ON initiatives_initiative
  FOR EACH ROW EXECUTE FUNCTION initiatives_initiative_search_vector()""",
        "CREATE INDEX IF NOT EXISTS initiative_search_gin ON initiatives_initiative USING gin (search_vector)",
        # JSON containment (selectors.has_code) on the places' lists of codes.
        "CREATE INDEX IF NOT EXISTS place_services_gin ON initiatives_place USING gin (services jsonb_path_ops)",
        "CREATE INDEX IF NOT EXISTS place_publics_gin ON initiatives_place USING gin (publics jsonb_path_ops)",
        "CREATE INDEX IF NOT EXISTS place_fees_gin ON initiatives_place USING gin (fees jsonb_path_ops)",
        "UPDATE initiatives_initiative SET title_fr = title_fr WHERE search_vector IS NULL",
    ]


def install(connection) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in install_sql():
            cursor.execute(statement)


def refresh(connection) -> int:
    """Rewrite every vector (the trigger computes them); returns the number of rows."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("UPDATE initiatives_initiative SET title_fr = title_fr")
        return cursor.rowcount


def install_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    install(connections[using])


def register_fold(sender=None, connection=None, **kwargs) -> None:
    """`connection_created` receiver: `pn_fold(text)` on SQLite connections."""
    if connection is not None and connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_function("pn_fold", 1, fold, deterministic=True)
