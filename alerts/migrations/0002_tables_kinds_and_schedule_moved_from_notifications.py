# The rest of the move of alert subscriptions from the notifications app to the alerts app, rows kept:
# - the tables take the alerts' names (subscriptions, their cities and categories, their past versions);
# - the content types follow, so the permissions that groups hold (setup_roles: city staff may view and
#   delete subscriptions) and the admin's log lines keep pointing at the same models;
# - the outbox's records of the two alert emails take the kinds' new names (alerts.confirm, alerts.digest),
#   so that a record still pending is rendered with the moved templates;
# - the daily digest's beat entry (django-celery-beat keeps the schedule in the database) runs the moved task.

from django.db import migrations
from django.utils import timezone

MODELS = ("subscription", "historicalsubscription")
KINDS = {"notifications.alert_confirm": "alerts.confirm", "notifications.alert_digest": "alerts.digest"}
BEAT_ENTRY = {
    "name": ("notifications-alert-digests", "alerts-digests"),
    "task": ("notifications.tasks.send_alert_digests", "alerts.tasks.send_digests"),
}


def _move_content_types(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:  # a database migrated from scratch: Django creates the content types afterwards
            continue
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
            continue
        # Both exist (an earlier partial migrate let Django create the new one): the new permissions get
        # the old ones' groups and people, then the old content type and its permissions go.
        for permission in Permission.objects.filter(content_type=old):
            twin = Permission.objects.filter(content_type=new, codename=permission.codename).first()
            if twin is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            for group in permission.group_set.all():
                group.permissions.add(twin)
            for person in permission.user_set.all():
                person.user_permissions.add(twin)
        old.delete()


def _rename_kinds(apps, names: dict[str, str]) -> None:
    Notification = apps.get_model("notifications", "Notification")
    for old, new in names.items():
        Notification.objects.filter(kind=old).update(kind=new)


def _move_beat_entry(apps, forward: bool) -> None:
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    index = (0, 1) if forward else (1, 0)
    old_name, new_name = (BEAT_ENTRY["name"][i] for i in index)
    old_task, new_task = (BEAT_ENTRY["task"][i] for i in index)
    PeriodicTask.objects.filter(task=old_task).update(task=new_task)
    if not PeriodicTask.objects.filter(name=new_name).exists():
        PeriodicTask.objects.filter(name=old_name).update(name=new_name)
    else:  # beat already created the new entry: the old one would run the same task a second time
        PeriodicTask.objects.filter(name=old_name).delete()
    # A beat process that is running reads the schedule again.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def forwards(apps, schema_editor):
    _move_content_types(apps, "notifications", "alerts")
    _rename_kinds(apps, KINDS)
    _move_beat_entry(apps, forward=True)


def backwards(apps, schema_editor):
    _move_content_types(apps, "alerts", "notifications")
    _rename_kinds(apps, {new: old for old, new in KINDS.items()})
    _move_beat_entry(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("notifications", "0006_subscription_moved_to_alerts"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AlterModelTable(name="subscription", table=None),
        migrations.AlterModelTable(name="historicalsubscription", table=None),
        migrations.RunPython(forwards, backwards),
    ]
