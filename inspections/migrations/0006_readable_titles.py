"""Documents stored without a title get one a person can read, as ingest now gives them:
"News summary: Tower Hamlets monitoring visit", never the file name. The words are frozen here
as inspections.vocabulary.readable_title wrote them when this migration was made."""

from django.db import migrations, models

KINDS = {"letter": "Ofsted letter", "report": "Ofsted report", "news": "News summary"}
VISIT_TYPES = {
    "standard_inspection": "standard inspection",
    "short_inspection": "short inspection",
    "focused_visit": "focused visit",
    "monitoring_visit": "monitoring visit",
    "jtai": "joint targeted area inspection",
    "sif_inspection": "single inspection framework inspection",
}


def titles_given(apps, schema_editor):
    SourceDocument = apps.get_model("inspections", "SourceDocument")
    VisitSource = apps.get_model("inspections", "VisitSource")
    untitled = SourceDocument.objects.filter(title="").exclude(status="failed").only("pk", "doc_kind")
    for document in untitled:
        link = (
            VisitSource.objects.filter(document=document)
            .select_related("visit__authority")
            .order_by("visit__reference_only", "pk")
            .first()
        )
        if link is None:
            continue
        visit = link.visit
        kind = KINDS.get(document.doc_kind, "Document")
        what = VISIT_TYPES.get(visit.visit_type, "visit")
        document.title = f"{kind}: {visit.authority.name} {what}"[:300]
        document.title_made = True
        document.save(update_fields=["title", "title_made"])


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0005_ofsted_sync"),
    ]

    operations = [
        migrations.AddField(
            model_name="sourcedocument",
            name="title_made",
            field=models.BooleanField(
                default=False,
                help_text="The document states no title: this one says what it is and its visit.",
            ),
        ),
        migrations.RunPython(titles_given, migrations.RunPython.noop),
    ]
