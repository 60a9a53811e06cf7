from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0012_document_bytes_stored_last"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="finding",
            index=models.Index(
                fields=["visit", "hidden", "polarity", "source"], include=["id"], name="finding_theme_count"
            ),
        ),
    ]
