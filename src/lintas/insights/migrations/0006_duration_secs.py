from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0005_fact_roots"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="funnelduration",
            index=models.Index(fields=["step", "secs"], name="insights_duration_secs"),
        ),
    ]
