# Alert subscriptions lived in the notifications app until the alerts had their own app. This migration
# takes over the existing tables without touching them (the state moves, the rows stay); 0002 renames them.

import uuid

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("notifications", "0005_subscription_history_without_confirmation_timestamp"),
        ("initiatives", "0005_bound_text_lengths"),
        ("partnership", "0003_bound_text_lengths"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalSubscription",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("email", models.EmailField(db_index=True, max_length=254, verbose_name="adresse électronique")),
                        (
                            "language",
                            models.CharField(
                                choices=[("fr", "Français"), ("en", "English")],
                                default="fr",
                                max_length=8,
                                verbose_name="langue",
                            ),
                        ),
                        ("token", models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, verbose_name="jeton")),
                        ("is_confirmed", models.BooleanField(default=False, verbose_name="confirmée")),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="confirmée le")),
                        ("unsubscribed_at", models.DateTimeField(blank=True, null=True, verbose_name="désabonnée le")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="créée le")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="compte",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical abonnement aux alertes",
                        "verbose_name_plural": "historical abonnements aux alertes",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                        "db_table": "notifications_historicalsubscription",
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Subscription",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("email", models.EmailField(max_length=254, unique=True, verbose_name="adresse électronique")),
                        (
                            "language",
                            models.CharField(
                                choices=[("fr", "Français"), ("en", "English")],
                                default="fr",
                                max_length=8,
                                verbose_name="langue",
                            ),
                        ),
                        ("token", models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="jeton")),
                        ("is_confirmed", models.BooleanField(default=False, verbose_name="confirmée")),
                        (
                            "confirmation_sent_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="lien de confirmation envoyé le"),
                        ),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="confirmée le")),
                        ("last_digest_at", models.DateTimeField(blank=True, null=True, verbose_name="dernier récapitulatif le")),
                        ("unsubscribed_at", models.DateTimeField(blank=True, null=True, verbose_name="désabonnée le")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="créée le")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="modifiée le")),
                        (
                            "categories",
                            models.ManyToManyField(
                                blank=True,
                                help_text="Aucune catégorie choisie : toutes les catégories.",
                                related_name="alert_subscriptions",
                                to="initiatives.category",
                                verbose_name="catégories",
                            ),
                        ),
                        (
                            "cities",
                            models.ManyToManyField(
                                blank=True,
                                help_text="Aucune ville choisie : toutes les villes.",
                                related_name="alert_subscriptions",
                                to="partnership.city",
                                verbose_name="villes",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="alert_subscriptions",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="compte",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "abonnement aux alertes",
                        "verbose_name_plural": "abonnements aux alertes",
                        "ordering": ["-created_at"],
                        "db_table": "notifications_subscription",
                        "indexes": [models.Index(fields=["is_confirmed", "unsubscribed_at"], name="subscription_active")],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("is_confirmed", False), ("confirmed_at__isnull", False), _connector="OR"),
                                name="subscription_confirmed_has_date",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
