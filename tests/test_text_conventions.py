"""One inclusive-writing convention in French: the middle dot ("inscrit·e", "salarié·es"), as French public
bodies commonly write it; never "inscrit(e)". Checked in templates and emails, and in the catalogues (every
string of the code is there, msgid and translation)."""

import re
from pathlib import Path

import polib
from django.conf import settings

PARENTHESES = re.compile(
    r"[a-zàâçéèêëîïôûùüÿœ]\((?:e|es|ne|nes|le|les|se|ses|rice|rices|euse|euses|ve|ves|ère|ères)\)", re.IGNORECASE
)


def _sources():
    for folder in [*settings.LOCAL_APPS, "templates", "common", "config", "locale"]:
        for path in (Path(settings.BASE_DIR) / folder).rglob("*"):
            if path.suffix not in {".html", ".txt", ".po"}:  # the code's strings are in the catalogues
                continue
            yield path


def test_french_text_uses_the_middle_dot_not_parentheses():
    found = []
    for path in _sources():
        if path.suffix == ".po":
            texts = [text for entry in polib.pofile(str(path)) for text in (entry.msgid, entry.msgstr)]
        else:
            texts = path.read_text(encoding="utf-8").splitlines()
        found += [
            f"{path.relative_to(settings.BASE_DIR)}: {m.group(0)}" for t in texts for m in PARENTHESES.finditer(t)
        ]
    assert found == []


def test_the_check_sees_a_parenthesised_ending():
    assert PARENTHESES.search("Vous êtes inscrit(e).") and PARENTHESES.search("les salarié(e)s")
    assert not PARENTHESES.search("Vous êtes inscrit·e.") and not PARENTHESES.search("une ou plusieurs valeur(s)")
