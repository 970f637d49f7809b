"""Deal.event_id and Agreement.event_id become foreign keys to events.Event.

The old integer columns are renamed aside, the foreign keys added (column ``event_id``
again), the values copied where the event exists (a number naming no event cannot be kept
under a foreign key, and named nothing before either), and the old columns dropped.
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_event_ids(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    existing = Event.objects.values("pk")
    for name in ("Deal", "Agreement"):
        model = apps.get_model("brokerage", name)
        model.objects.filter(old_event_id__in=existing).update(event_id=models.F("old_event_id"))


def copy_back(apps, schema_editor):
    for name in ("Deal", "Agreement"):
        model = apps.get_model("brokerage", name)
        model.objects.update(old_event_id=models.F("event_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("brokerage", "0002_protected_files"),
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="deal", old_name="event_id", new_name="old_event_id"),
        migrations.RenameField(
            model_name="agreement", old_name="event_id", new_name="old_event_id"
        ),
        migrations.AddField(
            model_name="deal",
            name="event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="deals",
                to="events.event",
                verbose_name="event",
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="agreements",
                to="events.event",
                verbose_name="event",
            ),
        ),
        migrations.RunPython(copy_event_ids, copy_back),
        migrations.RemoveField(model_name="deal", name="old_event_id"),
        migrations.RemoveField(model_name="agreement", name="old_event_id"),
    ]
