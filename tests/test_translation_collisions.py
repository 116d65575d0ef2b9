"""Our words are not replaced by another app's: an app's catalogue loses to every app installed before it
(allauth's "Note" is "Remarque", django.contrib.auth's "active" is "actif"), so a short word that another
catalogue also holds needs a context (pgettext)."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_word_of_our_catalogues_is_shown_as_we_translated_it(language):
    replaced = []
    for app in settings.LOCAL_APPS:
        path = Path(settings.BASE_DIR) / app / "locale" / language / "LC_MESSAGES" / "django.po"
        if not path.exists():  # an app with no words of its own (api/ takes its texts from the others)
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid or entry.msgid_plural or "fuzzy" in entry.flags:
                continue
            ours = entry.msgstr or entry.msgid
            with translation.override(language):
                shown = (
                    translation.pgettext(entry.msgctxt, entry.msgid)
                    if entry.msgctxt
                    else translation.gettext(entry.msgid)
                )
            if shown != ours:
                replaced.append(f"{app}: {entry.msgid!r} shows {shown!r} instead of {ours!r}")
    assert replaced == []
