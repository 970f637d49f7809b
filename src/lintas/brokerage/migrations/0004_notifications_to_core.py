"""Notifications now live in core (core 0003): copy every row across, read state and time
kept, the deal becoming the notification's target; then drop brokerage's table."""

from django.db import migrations


def copy_to_core(apps, schema_editor):
    Old = apps.get_model("brokerage", "Notification")
    New = apps.get_model("core", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    deal_type, _created = ContentType.objects.get_or_create(app_label="brokerage", model="deal")
    batch = []
    for old in Old.objects.order_by("pk").iterator():
        batch.append(
            New(
                recipient_id=old.recipient_id,
                target_type=deal_type if old.deal_id else None,
                target_id=old.deal_id,
                text=old.text,
                url=old.url,
                # The old table kept only a flag; the creation time is the best time we have.
                read_at=old.created_at if old.read else None,
            )
        )
    created = New.objects.bulk_create(batch, batch_size=500)
    # created_at is auto_now_add: set it back to the original times.
    for new, old in zip(created, Old.objects.order_by("pk").iterator(), strict=True):
        New.objects.filter(pk=new.pk).update(created_at=old.created_at)


def copy_back(apps, schema_editor):
    Old = apps.get_model("brokerage", "Notification")
    New = apps.get_model("core", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    deal_type = ContentType.objects.filter(app_label="brokerage", model="deal").first()
    for new in New.objects.order_by("pk").iterator():
        old = Old.objects.create(
            recipient_id=new.recipient_id,
            deal_id=new.target_id if deal_type and new.target_type_id == deal_type.pk else None,
            text=new.text,
            url=new.url,
            read=new.read_at is not None,
        )
        Old.objects.filter(pk=old.pk).update(created_at=new.created_at)
    New.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("brokerage", "0003_event_foreign_keys"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_notification"),
    ]

    operations = [
        migrations.RunPython(copy_to_core, copy_back),
        migrations.DeleteModel(name="Notification"),
    ]
