from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0014_recurring_weaknesses"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="finding",
            index=models.Index(
                fields=["visit", "hidden", "polarity", "source"], include=["id"], name="finding_theme_count"
            ),
        ),
    ]
