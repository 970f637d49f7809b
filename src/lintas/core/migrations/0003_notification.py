"""Notifications move from brokerage to core, so every app can notify (brokerage 0004 copies
the rows across and drops its table)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_membership"),
    ]

    operations = [
        migrations.CreateModel(
            name="Notification",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("target_id", models.PositiveBigIntegerField(blank=True, null=True)),
                ("text", models.CharField(max_length=300, verbose_name="text")),
                ("url", models.CharField(blank=True, max_length=300)),
                ("read_at", models.DateTimeField(blank=True, null=True, verbose_name="read")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "target_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "notification",
                "verbose_name_plural": "notifications",
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(fields=["recipient", "read_at"], name="core_notifi_recipie_43dea6_idx"),
                    models.Index(
                        fields=["target_type", "target_id"], name="core_notifi_target__936c63_idx"
                    ),
                ],
            },
        ),
    ]
