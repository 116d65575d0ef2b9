# The rest of the move of the sports space from the initiatives app to the sports app, rows kept:
# - the tables take the sports app's names (resources, weekly hours, slots, bookings and their past versions);
#   constraints, indexes and sequences keep theirs, rows and ids are untouched;
# - the content types follow, so the permissions that groups hold (setup_roles: city staff may change
#   resources, slots and bookings), the admin's log lines and their links keep pointing at the same models;
# - the outbox's records of the three booking emails take the kinds' new names (sports.booking_confirmed,
#   sports.booking_cancelled, sports.slot_blocked), so that a record still pending is rendered with the
#   moved templates;
# - the slots' beat entry (django-celery-beat keeps the schedule in the database) runs the moved task.
# Reversible: backwards, the tables, content types, kinds and beat entry take their former names again.

from django.db import migrations
from django.utils import timezone

MODELS = (
    "sportsresource",
    "openingperiod",
    "slot",
    "booking",
    "historicalsportsresource",
    "historicalopeningperiod",
    "historicalslot",
    "historicalbooking",
)
KINDS = {
    "initiatives.booking_confirmed": "sports.booking_confirmed",
    "initiatives.booking_cancelled": "sports.booking_cancelled",
    "initiatives.slot_blocked": "sports.slot_blocked",
}
BEAT_ENTRY = {
    "name": ("initiatives-generate-slots", "sports-generate-slots"),
    "task": ("initiatives.tasks.generate_slots", "sports.tasks.generate_slots"),
}


def _move_content_types(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:  # a database migrated from scratch: Django creates the content types afterwards
            continue
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
            continue
        # Both exist (a migrate back and forth, or an earlier partial one, let Django create the target's):
        # the target's permissions get the source's groups and people, the admin's log lines move over,
        # then the source's content type and its permissions go.
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
        LogEntry.objects.filter(content_type=old).update(content_type=new)
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
    _move_content_types(apps, "initiatives", "sports")
    _rename_kinds(apps, KINDS)
    _move_beat_entry(apps, forward=True)


def backwards(apps, schema_editor):
    _move_content_types(apps, "sports", "initiatives")
    _rename_kinds(apps, {new: old for old, new in KINDS.items()})
    _move_beat_entry(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("sports", "0001_initial"),
        ("initiatives", "0007_sports_space_moved_to_sports"),
        ("notifications", "0007_timestamps_from_common_base_model"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AlterModelTable(name="sportsresource", table=None),
        migrations.AlterModelTable(name="openingperiod", table=None),
        migrations.AlterModelTable(name="slot", table=None),
        migrations.AlterModelTable(name="booking", table=None),
        migrations.AlterModelTable(name="historicalsportsresource", table=None),
        migrations.AlterModelTable(name="historicalopeningperiod", table=None),
        migrations.AlterModelTable(name="historicalslot", table=None),
        migrations.AlterModelTable(name="historicalbooking", table=None),
        migrations.RunPython(forwards, backwards),
    ]
