"""Fill gettext catalogues. French is the source language of our msgids.

    python tools/po_fill.py identity PATH.po          # French catalogue: msgstr = msgid
    python tools/po_fill.py translate PATH.po FILE.json  # English: {"msgid": "translation"} or
                                                         #   {"msgid": ["singular", "plural"]}
Entries already translated are kept unless the JSON gives a new translation. Prints what is left.
"""

import json
import sys

import polib


def identity(path: str) -> None:
    po = polib.pofile(path)
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()


def translate(path: str, glossary_path: str) -> None:
    po = polib.pofile(path)
    with open(glossary_path, encoding="utf-8") as handle:
        glossary = json.load(handle)
    for entry in po:
        value = glossary.get(entry.msgid)
        if value is not None:
            if entry.msgid_plural:
                singular, plural = value if isinstance(value, list) else (value, value)
                entry.msgstr_plural = {0: singular, 1: plural}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po if not e.translated()]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"identity": identity, "translate": translate}[command](*args)
