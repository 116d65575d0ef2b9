# The sports space lived in the initiatives app until it had its own app. This migration takes over the
# existing tables without touching them (the state moves, the rows stay); 0002 renames them.

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('initiatives', '0006_timestamps_from_common_base_model'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Slot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('starts_at', models.DateTimeField(verbose_name='début')),
                        ('ends_at', models.DateTimeField(verbose_name='fin')),
                        ('capacity', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='places')),
                        ('status', models.CharField(choices=[('open', 'Ouvert'), ('blocked', 'Bloqué (maintenance)')], default='open', max_length=20, verbose_name='état')),
                        ('blocked_reason', models.CharField(blank=True, max_length=200, verbose_name='motif du blocage')),
                    ],
                    options={
                        'verbose_name': 'créneau',
                        'verbose_name_plural': 'créneaux',
                        'db_table': 'initiatives_slot',
                        'ordering': ['resource', 'starts_at'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalSportsResource',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='nom')),
                        ('name_fr', models.CharField(max_length=200, null=True, verbose_name='nom')),
                        ('name_en', models.CharField(max_length=200, null=True, verbose_name='nom')),
                        ('slug', models.SlugField(verbose_name="identifiant d'URL")),
                        ('description', models.TextField(blank=True, max_length=5000, verbose_name='présentation')),
                        ('description_fr', models.TextField(blank=True, max_length=5000, null=True, verbose_name='présentation')),
                        ('description_en', models.TextField(blank=True, max_length=5000, null=True, verbose_name='présentation')),
                        ('slot_minutes', models.PositiveSmallIntegerField(default=60, validators=[django.core.validators.MinValueValidator(15), django.core.validators.MaxValueValidator(480)], verbose_name="durée d'un créneau (minutes)")),
                        ('capacity', models.PositiveSmallIntegerField(default=10, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(500)], verbose_name='places par créneau')),
                        ('horizon_weeks', models.PositiveSmallIntegerField(default=4, help_text="Les créneaux sont créés à l'avance pour ce nombre de semaines.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(26)], verbose_name='réservable sur (semaines)')),
                        ('cancellation_hours', models.PositiveSmallIntegerField(default=24, help_text="Une personne peut annuler sa réservation jusqu'à ce nombre d'heures avant le début.", validators=[django.core.validators.MaxValueValidator(336)], verbose_name="annulation possible jusqu'à (heures avant)")),
                        ('max_bookings_per_week', models.PositiveSmallIntegerField(default=2, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(50)], verbose_name='réservations par personne et par semaine')),
                        ('is_active', models.BooleanField(default=True, verbose_name='réservations ouvertes')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('initiative', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='initiatives.initiative', verbose_name='initiative')),
                        ('place', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='initiatives.place', verbose_name='lieu')),
                    ],
                    options={
                        'verbose_name': 'historical espace réservable',
                        'verbose_name_plural': 'historical espaces réservables',
                        'db_table': 'initiatives_historicalsportsresource',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalBooking',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('status', models.CharField(choices=[('confirmed', 'Confirmée'), ('cancelled', 'Annulée par la personne'), ('cancelled_by_staff', 'Annulée par la ville (créneau bloqué)')], default='confirmed', max_length=20, verbose_name='statut')),
                        ('place_number', models.PositiveSmallIntegerField(blank=True, help_text="Attribué à la réservation, libéré à l'annulation.", null=True, verbose_name='numéro de place')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='réservée le')),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='annulée le')),
                        ('checked_in_at', models.DateTimeField(blank=True, null=True, verbose_name='présence constatée le')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('checked_in_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='présence constatée par')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='personne')),
                        ('slot', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sports.slot', verbose_name='créneau')),
                    ],
                    options={
                        'verbose_name': 'historical réservation',
                        'verbose_name_plural': 'historical réservations',
                        'db_table': 'initiatives_historicalbooking',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='SportsResource',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='nom')),
                        ('name_fr', models.CharField(max_length=200, null=True, verbose_name='nom')),
                        ('name_en', models.CharField(max_length=200, null=True, verbose_name='nom')),
                        ('slug', models.SlugField(unique=True, verbose_name="identifiant d'URL")),
                        ('description', models.TextField(blank=True, max_length=5000, verbose_name='présentation')),
                        ('description_fr', models.TextField(blank=True, max_length=5000, null=True, verbose_name='présentation')),
                        ('description_en', models.TextField(blank=True, max_length=5000, null=True, verbose_name='présentation')),
                        ('slot_minutes', models.PositiveSmallIntegerField(default=60, validators=[django.core.validators.MinValueValidator(15), django.core.validators.MaxValueValidator(480)], verbose_name="durée d'un créneau (minutes)")),
                        ('capacity', models.PositiveSmallIntegerField(default=10, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(500)], verbose_name='places par créneau')),
                        ('horizon_weeks', models.PositiveSmallIntegerField(default=4, help_text="Les créneaux sont créés à l'avance pour ce nombre de semaines.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(26)], verbose_name='réservable sur (semaines)')),
                        ('cancellation_hours', models.PositiveSmallIntegerField(default=24, help_text="Une personne peut annuler sa réservation jusqu'à ce nombre d'heures avant le début.", validators=[django.core.validators.MaxValueValidator(336)], verbose_name="annulation possible jusqu'à (heures avant)")),
                        ('max_bookings_per_week', models.PositiveSmallIntegerField(default=2, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(50)], verbose_name='réservations par personne et par semaine')),
                        ('is_active', models.BooleanField(default=True, verbose_name='réservations ouvertes')),
                        ('initiative', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sports_resources', to='initiatives.initiative', verbose_name='initiative')),
                        ('place', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sports_resources', to='initiatives.place', verbose_name='lieu')),
                    ],
                    options={
                        'verbose_name': 'espace réservable',
                        'verbose_name_plural': 'espaces réservables',
                        'db_table': 'initiatives_sportsresource',
                        'ordering': ['name'],
                    },
                ),
                migrations.AddField(
                    model_name='slot',
                    name='resource',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='slots', to='sports.sportsresource', verbose_name='espace'),
                ),
                migrations.CreateModel(
                    name='OpeningPeriod',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('weekday', models.PositiveSmallIntegerField(choices=[(0, 'Lundi'), (1, 'Mardi'), (2, 'Mercredi'), (3, 'Jeudi'), (4, 'Vendredi'), (5, 'Samedi'), (6, 'Dimanche')], verbose_name='jour')),
                        ('opens_at', models.TimeField(verbose_name='ouverture')),
                        ('closes_at', models.TimeField(verbose_name='fermeture')),
                        ('resource', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='opening_periods', to='sports.sportsresource', verbose_name='espace')),
                    ],
                    options={
                        'verbose_name': 'horaire hebdomadaire',
                        'verbose_name_plural': 'horaires hebdomadaires',
                        'db_table': 'initiatives_openingperiod',
                        'ordering': ['resource', 'weekday', 'opens_at'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalSlot',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('starts_at', models.DateTimeField(verbose_name='début')),
                        ('ends_at', models.DateTimeField(verbose_name='fin')),
                        ('capacity', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='places')),
                        ('status', models.CharField(choices=[('open', 'Ouvert'), ('blocked', 'Bloqué (maintenance)')], default='open', max_length=20, verbose_name='état')),
                        ('blocked_reason', models.CharField(blank=True, max_length=200, verbose_name='motif du blocage')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('resource', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sports.sportsresource', verbose_name='espace')),
                    ],
                    options={
                        'verbose_name': 'historical créneau',
                        'verbose_name_plural': 'historical créneaux',
                        'db_table': 'initiatives_historicalslot',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalOpeningPeriod',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('weekday', models.PositiveSmallIntegerField(choices=[(0, 'Lundi'), (1, 'Mardi'), (2, 'Mercredi'), (3, 'Jeudi'), (4, 'Vendredi'), (5, 'Samedi'), (6, 'Dimanche')], verbose_name='jour')),
                        ('opens_at', models.TimeField(verbose_name='ouverture')),
                        ('closes_at', models.TimeField(verbose_name='fermeture')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('resource', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sports.sportsresource', verbose_name='espace')),
                    ],
                    options={
                        'verbose_name': 'historical horaire hebdomadaire',
                        'verbose_name_plural': 'historical horaires hebdomadaires',
                        'db_table': 'initiatives_historicalopeningperiod',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Booking',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('confirmed', 'Confirmée'), ('cancelled', 'Annulée par la personne'), ('cancelled_by_staff', 'Annulée par la ville (créneau bloqué)')], default='confirmed', max_length=20, verbose_name='statut')),
                        ('place_number', models.PositiveSmallIntegerField(blank=True, help_text="Attribué à la réservation, libéré à l'annulation.", null=True, verbose_name='numéro de place')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='réservée le')),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='annulée le')),
                        ('checked_in_at', models.DateTimeField(blank=True, null=True, verbose_name='présence constatée le')),
                        ('checked_in_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='présence constatée par')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sports_bookings', to=settings.AUTH_USER_MODEL, verbose_name='personne')),
                        ('slot', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bookings', to='sports.slot', verbose_name='créneau')),
                    ],
                    options={
                        'verbose_name': 'réservation',
                        'verbose_name_plural': 'réservations',
                        'db_table': 'initiatives_booking',
                        'ordering': ['slot__starts_at', 'place_number', 'pk'],
                        'indexes': [models.Index(fields=['person', 'status'], name='booking_person_status')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'confirmed')), fields=('slot', 'place_number'), name='booking_unique_place_in_slot'), models.UniqueConstraint(condition=models.Q(('status', 'confirmed')), fields=('slot', 'person'), name='booking_once_per_person_and_slot'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'confirmed'), ('place_number__gte', 1)), models.Q(models.Q(('status', 'confirmed'), _negated=True), ('place_number__isnull', True)), _connector='OR'), name='booking_place_number_only_when_confirmed')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='sportsresource',
                    constraint=models.CheckConstraint(condition=models.Q(('capacity__gte', 1)), name='sportsresource_capacity_positive'),
                ),
                migrations.AddConstraint(
                    model_name='sportsresource',
                    constraint=models.CheckConstraint(condition=models.Q(('slot_minutes__gte', 15)), name='sportsresource_slot_minutes_min'),
                ),
                migrations.AddConstraint(
                    model_name='sportsresource',
                    constraint=models.CheckConstraint(condition=models.Q(('horizon_weeks__gte', 1)), name='sportsresource_horizon_positive'),
                ),
                migrations.AddConstraint(
                    model_name='sportsresource',
                    constraint=models.CheckConstraint(condition=models.Q(('max_bookings_per_week__gte', 1)), name='sportsresource_weekly_limit_positive'),
                ),
                migrations.AddConstraint(
                    model_name='slot',
                    constraint=models.UniqueConstraint(fields=('resource', 'starts_at'), name='slot_unique_start_per_resource'),
                ),
                migrations.AddConstraint(
                    model_name='slot',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='slot_ends_after_start'),
                ),
                migrations.AddConstraint(
                    model_name='slot',
                    constraint=models.CheckConstraint(condition=models.Q(('capacity__gte', 1)), name='slot_capacity_positive'),
                ),
                migrations.AddConstraint(
                    model_name='openingperiod',
                    constraint=models.CheckConstraint(condition=models.Q(('closes_at__gt', models.F('opens_at'))), name='openingperiod_closes_after_opening'),
                ),
                migrations.AddConstraint(
                    model_name='openingperiod',
                    constraint=models.CheckConstraint(condition=models.Q(('weekday__gte', 0), ('weekday__lte', 6)), name='openingperiod_weekday_in_week'),
                ),
            ],
            database_operations=[],
        ),
    ]
