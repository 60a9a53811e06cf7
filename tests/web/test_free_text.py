"""Free text in the findings explorer, its exports and the API: English stemming on both databases
(FTS5 on SQLite, PostgreSQL's own full text), the grammar people type, hits highlighted, and an
index that follows every change of a finding's text."""

from collections import Counter

import pytest
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection

from dashboard.explorer import filter_findings, finding_facets
from inspections.corrections import correct
from inspections.models import Finding
from inspections.search import fts5_query, hit_spans
from inspections.text_index import TRIGGERS
from tests.factories import make_finding
from tests.web.html import text_of

FACET_PATHS = {
    "polarity": "polarity",
    "region": "visit__authority__region",
    "visit_type": "visit__visit_type",
    "area": "area",
    "theme": "finding_themes__theme__slug",
}
SUPERVISION = "Social workers receive regular supervision that helps them reflect."
SUPERVISORS = "Supervisors do not challenge drift in children’s plans."
PLANS = "Plans for care leavers are not specific and supervision is infrequent."


@pytest.fixture
def texts(world):
    return {
        text: make_finding(world.focused, text, source=world.letter).pk
        for text in (SUPERVISION, SUPERVISORS, PLANS)
    }


def found(client, q) -> set[int]:
    response = client.get("/api/findings/", {"q": q})
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def mine(client, texts, q) -> set[int]:
    """Which of these tests' findings the search found (the world's findings aside)."""
    return found(client, q) & set(texts.values())


@pytest.mark.parametrize("q", ["supervise", "supervision", "SUPERVISED", "supervising"])
def test_words_are_stemmed(client, texts, q):
    assert {texts[SUPERVISION], texts[PLANS]} <= found(client, q)
    assert texts[SUPERVISORS] not in found(client, q)  # "supervisor" is a word of its own


def test_every_word_must_appear_in_any_order(client, texts):
    assert found(client, "reflect supervise") == {texts[SUPERVISION]}


def test_a_quoted_phrase_keeps_its_order(client, texts):
    assert found(client, '"regular supervision"') == {texts[SUPERVISION]}
    assert found(client, '"supervision regular"') == set()


def test_exclusions_and_or(client, texts):
    assert texts[PLANS] not in found(client, "supervision -leavers")
    assert texts[SUPERVISION] in found(client, "supervision -leavers")
    assert mine(client, texts, "reflect or leavers") == {texts[SUPERVISION], texts[PLANS]}
    assert texts[SUPERVISORS] in found(client, "-supervision")
    assert texts[SUPERVISION] not in found(client, "-supervision")


def test_either_apostrophe_and_punctuation(client, texts):
    assert texts[SUPERVISORS] in found(client, "children's plans")
    assert texts[SUPERVISORS] in found(client, '"children’s plans"')
    assert texts[SUPERVISORS] not in found(client, "drift -children's")
    assert found(client, "?!") == set()


def test_the_exports_search_alike(client, texts):
    csv = client.get("/findings/export.csv", {"q": "supervise -leavers"})
    body = b"".join(csv.streaming_content).decode()
    assert SUPERVISION in body and PLANS not in body


def test_hits_are_marked_on_the_page_stemmed_and_escaped(world, texts, get_soup):
    make_finding(world.focused, "Supervising <b>managers</b> & leaders.", source=world.letter)
    soup = get_soup("/findings/?q=supervision+-drift")
    marks = {text_of(mark) for mark in soup.select(".app-finding mark")}
    assert {"supervision", "Supervising"} <= marks
    assert {mark.lower()[:8] for mark in marks} == {"supervis"}
    escaped = next(p for p in soup.select(".app-finding p") if "Supervising" in text_of(p))
    assert escaped.find("b") is None and "<b>managers</b> & leaders." in text_of(escaped)


def test_a_phrase_is_marked_where_it_appears_whole():
    text = "Care plans are clear. Leavers' plans and care are not."
    assert [text[a:b] for a, b in hit_spans(text, '"care plans" -clear')] == ["Care plans"]
    assert [text[a:b] for a, b in hit_spans(text, "leaver or clearly")] == ["clear", "Leavers"]
    assert hit_spans(text, "-care") == []


def test_the_grammar_becomes_an_fts5_query():
    assert fts5_query('children\'s "front door" or thresholds -police -"multi-agency"') == (
        '("children s") AND ("front door" OR "thresholds")',
        '"police" OR "multi agency"',
    )
    assert fts5_query("NEAR( or AND") == ('("near" OR "and")', "")


def test_the_index_follows_text_changes_corrections_and_deletions(client, texts, editor):
    finding = Finding.objects.get(pk=texts[SUPERVISION])
    finding.text = "Social workers are visited often."  # an admin's change, as the admin saves it
    finding.save()
    assert texts[SUPERVISION] not in found(client, "supervision")
    assert texts[SUPERVISION] in found(client, "visits")
    Finding.objects.filter(pk=texts[PLANS]).update(text="Care leavers have pathway plans.")
    assert mine(client, texts, "supervision") == set()
    correct(Finding.objects.get(pk=texts[SUPERVISORS]), "hidden", True, by=editor, reason="Repeated")
    assert texts[SUPERVISORS] not in found(client, "drift")
    correct(Finding.objects.get(pk=texts[SUPERVISORS]), "hidden", False, by=editor, reason="Not repeated")
    assert texts[SUPERVISORS] in found(client, "drift")
    Finding.objects.filter(pk=texts[SUPERVISORS]).delete()
    assert mine(client, texts, "drift") == set()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index and its triggers")
@pytest.mark.django_db(transaction=True)  # SQLite alters a table only outside a transaction
def test_a_rebuilt_findings_table_gets_its_triggers_back_after_migrate(client, texts):
    emit_pre_migrate_signal(verbosity=0, interactive=False, db="default")
    with connection.schema_editor() as editor:
        editor._remake_table(Finding)  # what SQLite's migrations do to alter most columns
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        assert not set(TRIGGERS) & {name for (name,) in cursor.fetchall()}
    Finding.objects.filter(pk=texts[PLANS]).update(text="Leavers get help with housing.")

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert found(client, "housing") == {texts[PLANS]}
    Finding.objects.filter(pk=texts[PLANS]).update(text="Leavers get help with money.")
    assert found(client, "housing") == set() and found(client, "money") == {texts[PLANS]}


@pytest.mark.parametrize(
    "chosen",
    [
        {},
        {"polarity": ["concern"]},
        {"theme": ["consent"], "region": ["London"]},
        {"area": ["help_and_protection"], "visit_type": ["focused_visit"], "polarity": ["strength"]},
    ],
)
def test_facets_of_a_search_count_as_each_facet_filtered_alone(world, texts, chosen):
    filters = {"q": "supervision or consent or thresholds", **chosen}
    facets = finding_facets(filters)
    for name, path in FACET_PATHS.items():
        counted = Counter(filter_findings(filters, without={name}).values_list(path, flat=True))
        assert facets[name] == {value: n for value, n in counted.items() if value is not None}, name
    assert sum(facets["polarity"].get(p, 0) for p in chosen.get("polarity", facets["polarity"])) == (
        filter_findings(filters).count()
    )
