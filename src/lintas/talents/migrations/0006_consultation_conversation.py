import django.db.models.deletion
from django.db import migrations, models


def open_conversations(apps, schema_editor):
    """Consultations accepted before conversations existed get theirs, between the same two
    people, as an acceptance now opens one."""
    Consultation = apps.get_model("talents", "Consultation")
    Conversation = apps.get_model("brokerage", "Conversation")
    accepted = Consultation.objects.filter(status="accepted", conversation__isnull=True)
    for consultation in accepted.select_related("talent"):
        talk = Conversation.objects.create(
            title=consultation.topic[:200], url=f"/talents/consultations/{consultation.pk}/"
        )
        talk.people.set({consultation.talent.user_id, consultation.requester_id})
        consultation.conversation = talk
        consultation.save(update_fields=["conversation"])


class Migration(migrations.Migration):
    dependencies = [
        ("brokerage", "0008_conversations_of_other_apps"),
        ("talents", "0005_talent_photo"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="conversation",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="consultation",
                to="brokerage.conversation",
            ),
        ),
        migrations.RunPython(open_conversations, migrations.RunPython.noop),
    ]
