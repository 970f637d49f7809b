from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0004_funnel_dims"),
    ]

    operations = [
        migrations.AddField(
            model_name="kpifact",
            name="src",
            field=models.SmallIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="kpifact",
            name="root",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="kpifact",
            name="row_year",
            field=models.IntegerField(null=True),
        ),
        migrations.AddIndex(
            model_name="kpifact",
            index=models.Index(fields=["kpi", "src", "root"], name="insights_fact_root"),
        ),
        migrations.AddField(
            model_name="pendingrefresh",
            name="whole",
            field=models.BooleanField(default=True),
        ),
        migrations.CreateModel(
            name="PendingObject",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("topic", models.CharField(max_length=20)),
                ("obj", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "pending summary record",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("topic", "obj"), name="insights_pending_object"
                    )
                ],
            },
        ),
    ]
