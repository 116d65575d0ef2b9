"""File names stored before names were reduced to a safe form (quotes, CR/LF, path parts, bidi controls)."""

from django.db import migrations

from common.uploads import safe_file_name


def make_names_safe(apps, schema_editor):
    Application = apps.get_model("startups", "Application")
    for application in Application.objects.exclude(pitch_deck_name="").only("pk", "pitch_deck_name").iterator():
        safe = safe_file_name(application.pitch_deck_name, default_stem="presentation")
        if safe != application.pitch_deck_name:
            Application.objects.filter(pk=application.pk).update(pitch_deck_name=safe)


class Migration(migrations.Migration):
    dependencies = [("startups", "0004_bound_text_lengths")]

    operations = [migrations.RunPython(make_names_safe, migrations.RunPython.noop)]
