"""django-axes is replaced by accounts.throttling: drop its tables (failed logins by username and address,
personal data nobody reads any more) where a previous version created them."""

from django.db import migrations

AXES_TABLES = ["axes_accessattemptexpiration", "axes_accessattempt", "axes_accessfailurelog", "axes_accesslog"]


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_add_login_throttle")]

    operations = [
        migrations.RunSQL(
            [f"DROP TABLE IF EXISTS {table}" for table in AXES_TABLES]
            + ["DELETE FROM django_migrations WHERE app = 'axes'"],
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
