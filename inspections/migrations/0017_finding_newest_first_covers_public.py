"""The index of the listings' order, newest first, holds whether a finding is hidden too: with the
source_id it already holds, a page of public findings is read from the index alone, however deep
(FindingQuerySet.public checks the document against the few unpublished ones;
inspections/listing_indexes.py)."""

from django.db import migrations

from inspections.listing_indexes import listing_index_operation


class Migration(migrations.Migration):
    dependencies = [("inspections", "0016_finding_counts")]

    operations = [
        listing_index_operation(
            "finding_newest_first",
            "sort_date DESC{nulls_last}, visit_id DESC, source_id, position",
            existed=True,
        )
    ]
