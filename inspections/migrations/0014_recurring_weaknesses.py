import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0003_workforce_figures"),
        ("inspections", "0013_visit_authority_latest_first_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecurringWeakness",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("rank", models.PositiveIntegerField(help_text="0 first: raised at the most visits, then most recently.")),
                ("n_visits", models.PositiveIntegerField()),
                ("authority", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="recurring_weaknesses", to="authorities.authority")),
                ("theme", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="inspections.theme")),
            ],
            options={"ordering": ["authority", "rank"]},
        ),
        migrations.CreateModel(
            name="RecurringOccurrence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("finding", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="inspections.finding")),
                ("weakness", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="occurrences", to="inspections.recurringweakness")),
            ],
        ),
        migrations.AddField(
            model_name="recurringweakness",
            name="findings",
            field=models.ManyToManyField(related_name="+", through="inspections.RecurringOccurrence", to="inspections.finding"),
        ),
        migrations.AddConstraint(
            model_name="recurringweakness",
            constraint=models.UniqueConstraint(fields=("authority", "rank"), name="unique_recurring_weakness_rank"),
        ),
        migrations.AddConstraint(
            model_name="recurringoccurrence",
            constraint=models.UniqueConstraint(fields=("weakness", "finding"), name="unique_recurring_occurrence"),
        ),
    ]
