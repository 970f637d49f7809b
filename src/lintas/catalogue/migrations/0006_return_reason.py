from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_profile_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="return_reason",
            field=models.TextField(
                blank=True, db_default="", max_length=2000, verbose_name="reason for return"
            ),
        ),
        migrations.AddField(
            model_name="profile",
            name="returned_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
