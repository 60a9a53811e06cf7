"""The explorer's order by authority (A to Z, then newest first) reads each finding's copy of its
authority's name: the order a user sees follows an authority renamed, a visit moved to another
authority, a finding moved to another visit, the ingest and re-parsing, and stays the order by the
authority's own name that it was before the copy."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection

from authorities.models import Authority
from inspections.corrections import correct_fields
from inspections.models import NEWEST_FIRST, Finding, SourceDocument, Visit
from tests.web.test_findings_explorer import authority_names, shown_ids


def assert_copies_are_live():
    pairs = list(Finding.objects.values_list("authority_name", "visit__authority__name"))
    assert pairs, "no findings"
    assert [kept for kept, _ in pairs] == [live for _, live in pairs]


def assert_order_is_by_authority_name():
    """The order by the kept copy is the order by the authority's own name, joined."""
    joined = Finding.objects.public().order_by("visit__authority__name", *NEWEST_FIRST)
    assert list(Finding.objects.public().by_authority().values_list("pk", flat=True)) == list(
        joined.values_list("pk", flat=True)
    )


def exported_by_authority(client) -> list[dict]:
    body = b"".join(client.get("/findings/export.csv?sort=authority").streaming_content).decode()
    return [row for row in csv.DictReader(io.StringIO(body)) if row["id"].isdigit()]


def test_two_authorities_findings_by_name_and_a_renamed_authority_moves_with_its_name(world, get_soup):
    names = authority_names(get_soup("/findings/?sort=authority"))
    assert names == sorted(names) and names[0] != "Westminster"
    westminster = Authority.objects.get(slug="westminster")
    westminster.name = "Aardvark Westminster"  # saved as the admin saves it
    westminster.save()
    soup = get_soup("/findings/?sort=authority")
    names = authority_names(soup)
    assert names[0] == "Aardvark Westminster" and names == sorted(names)
    assert set(shown_ids(soup)[: names.count("Aardvark Westminster")]) == set(
        Finding.objects.public().filter(visit__authority=westminster).values_list("pk", flat=True)
    )
    assert_copies_are_live()


def test_a_visit_moved_to_another_authority_is_listed_under_it(world, get_soup):
    editor = get_user_model().objects.create(username="editor")
    moved = set(Finding.objects.public().filter(visit=world.focused).values_list("pk", flat=True))
    correct_fields(world.focused, {"authority": world.wandsworth}, by=editor, reason="wrong authority")
    soup = get_soup("/findings/?sort=authority")
    listed = dict(zip(shown_ids(soup), authority_names(soup), strict=True))
    assert moved and {listed[pk] for pk in moved} == {"Wandsworth"}
    assert_copies_are_live()
    assert_order_is_by_authority_name()


def test_a_finding_moved_or_saved_with_a_stale_copy_keeps_its_authority(world):
    finding = Finding.objects.get(pk=world.wandsworth_consent.pk)
    assert finding.authority_name == "Wandsworth"
    Finding.objects.filter(pk=finding.pk).update(visit=world.focused)
    assert Finding.objects.get(pk=finding.pk).authority_name == "Westminster"
    Authority.objects.filter(pk=world.westminster.pk).update(name="City of Westminster")
    finding = Finding.objects.get(pk=finding.pk)
    Authority.objects.filter(pk=world.westminster.pk).update(name="Westminster")
    finding.text += " Again."
    finding.save()  # the whole row, with the name it was read with
    assert Finding.objects.get(pk=finding.pk).authority_name == "Westminster"
    assert_copies_are_live()


def test_ingest_reparse_and_a_new_visit_keep_the_order(seeds, client):
    assert_copies_are_live()
    rows = exported_by_authority(client)
    names = [row["authority_name"] for row in rows]
    assert names == sorted(names) and len(set(names)) > 2
    assert [int(row["id"]) for row in rows] == list(
        Finding.objects.public()
        .order_by("visit__authority__name", *NEWEST_FIRST)
        .values_list("pk", flat=True)
    )
    call_command("reparse", *SourceDocument.objects.values_list("sha256", flat=True))
    assert_copies_are_live()
    assert_order_is_by_authority_name()
    visit = Visit.objects.filter(findings__isnull=False).first()
    other = Authority.objects.exclude(pk=visit.authority_id).order_by("name").first()
    Visit.objects.filter(pk=visit.pk).update(authority=other)
    assert_copies_are_live()
    assert_order_is_by_authority_name()


@pytest.mark.django_db(transaction=True)  # SQLite alters a table only outside a transaction
def test_after_migrate_the_copies_are_put_right_and_kept_again(world, get_soup):
    emit_pre_migrate_signal(verbosity=0, interactive=False, db="default")
    if connection.vendor == "sqlite":
        with connection.schema_editor() as editor:
            editor._remake_table(Finding)  # what SQLite's migrations do to alter most columns
    Authority.objects.filter(pk=world.wandsworth.pk).update(name="Aardvark Wandsworth")
    assert authority_names(get_soup("/findings/?sort=authority"))[0] != "Aardvark Wandsworth"

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert authority_names(get_soup("/findings/?sort=authority"))[0] == "Aardvark Wandsworth"
    Authority.objects.filter(pk=world.wandsworth.pk).update(name="Wandsworth")
    Visit.objects.filter(pk=world.focused.pk).update(authority=world.leeds)
    assert_copies_are_live()
    assert_order_is_by_authority_name()
