# The sports space moved to the sports app (sports/migrations/0001_initial.py takes over its tables):
# the initiatives app forgets its models without touching the database.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0006_timestamps_from_common_base_model'),
        ('sports', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalbooking',
                    name='checked_in_by',
                ),
                migrations.RemoveField(
                    model_name='historicalbooking',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalbooking',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalbooking',
                    name='slot',
                ),
                migrations.RemoveField(
                    model_name='historicalopeningperiod',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalopeningperiod',
                    name='resource',
                ),
                migrations.RemoveField(
                    model_name='historicalslot',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalslot',
                    name='resource',
                ),
                migrations.RemoveField(
                    model_name='historicalsportsresource',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalsportsresource',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='historicalsportsresource',
                    name='place',
                ),
                migrations.RemoveField(
                    model_name='openingperiod',
                    name='resource',
                ),
                migrations.RemoveField(
                    model_name='slot',
                    name='resource',
                ),
                migrations.RemoveField(
                    model_name='sportsresource',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='sportsresource',
                    name='place',
                ),
                migrations.DeleteModel(
                    name='Booking',
                ),
                migrations.DeleteModel(
                    name='HistoricalBooking',
                ),
                migrations.DeleteModel(
                    name='HistoricalOpeningPeriod',
                ),
                migrations.DeleteModel(
                    name='HistoricalSlot',
                ),
                migrations.DeleteModel(
                    name='HistoricalSportsResource',
                ),
                migrations.DeleteModel(
                    name='OpeningPeriod',
                ),
                migrations.DeleteModel(
                    name='Slot',
                ),
                migrations.DeleteModel(
                    name='SportsResource',
                ),
            ],
            database_operations=[],
        ),
    ]
