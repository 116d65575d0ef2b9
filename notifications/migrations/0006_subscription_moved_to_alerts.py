# Alert subscriptions moved to the alerts app (alerts/migrations/0001_initial.py takes over their tables):
# the notifications app forgets them without touching the database.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0005_subscription_history_without_confirmation_timestamp"),
        ("alerts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalSubscription"),
                migrations.DeleteModel(name="Subscription"),
            ],
            database_operations=[],
        ),
    ]
