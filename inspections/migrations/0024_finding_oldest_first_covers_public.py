"""The index of the oldest-first order holds whether a finding is hidden too, as the newest-first
one does (migration 0017): a page of public findings in that order, however deep, is then read
from the index alone (inspections/listing_indexes.py) rather than each finding stepped over being
looked up in the table."""

from django.db import migrations

from inspections.listing_indexes import listing_index_operation


class Migration(migrations.Migration):
    dependencies = [("inspections", "0023_latest_judgement")]

    operations = [
        listing_index_operation(
            "finding_oldest_first", "sort_date{nulls_last}, visit_id, source_id, position", existed=True
        )
    ]
