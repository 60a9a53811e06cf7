import csv
import io
import json

import pytest

from dashboard.serialisers import CSV_COLUMNS, FINDING_RECORD_FIELDS
from inspections.models import Finding, FindingTheme
from tests.factories import CONSENT_WANDSWORTH, bulk_world, make_document, make_finding, make_theme


def streamed(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict]:
    """The rows of a whole CSV export, its last line (the end-of-export line) checked and left out."""
    *lines, end = streamed(response).splitlines(keepends=True)
    rows = list(csv.DictReader(io.StringIO("".join(lines))))
    assert end == f"# end of export: {len(rows)} findings\r\n"
    return rows


def test_csv_is_exactly_the_filtered_set(world, client):
    response = client.get("/findings/export.csv?theme=consent&polarity=concern")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="findings.csv"'
    rows = csv_rows(response)
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == CSV_COLUMNS
    assert row["authority"] == "wandsworth" and row["authority_name"] == "Wandsworth"
    assert row["text"] == CONSENT_WANDSWORTH
    assert row["themes"] == "consent;front-door"
    assert row["date"] == ""
    assert row["source_sha256"] == world.news_wandsworth.sha256
    assert row["source_url"].endswith(f"/sources/{world.news_wandsworth.pk}/original")


def test_csv_unfiltered_has_every_public_finding_and_no_more(world, client):
    rows = csv_rows(client.get("/findings/export.csv"))
    assert sorted(int(row["id"]) for row in rows) == sorted(
        Finding.objects.public().values_list("pk", flat=True)
    )
    assert rows[0]["date"] == "2018-08-07"


def test_csv_cells_cannot_become_formulas(world, client):
    make_finding(world.focused, '=HYPERLINK("http://example.com")', source=world.letter, themes=["neglect"])
    rows = csv_rows(client.get("/findings/export.csv?theme=neglect"))
    assert '\'=HYPERLINK("http://example.com")' in [row["text"] for row in rows]


def test_json_is_the_same_set_with_the_api_field_names(world, client):
    response = client.get("/findings/export.json?theme=thresholds")
    assert response["Content-Type"] == "application/json"
    records = json.loads(streamed(response))
    api = client.get("/api/findings/?theme=thresholds").json()
    assert [r["id"] for r in records] == [r["id"] for r in api["results"]]
    assert set(records[0]) >= {
        "id",
        "authority",
        "visit_id",
        "visit_type",
        "date",
        "section",
        "polarity",
        "themes",
        "text",
        "source_sha256",
    }
    assert {r["authority"] for r in records} == {"westminster", "wandsworth", "tower-hamlets"}


def test_an_empty_export_is_still_valid(world, client):
    assert json.loads(streamed(client.get("/findings/export.json?q=zzzzzz"))) == []
    assert streamed(client.get("/findings/export.csv?q=zzzzzz")).splitlines() == [
        ",".join(CSV_COLUMNS),
        "# end of export: 0 findings",
    ]


def test_exports_refuse_nonsense(world, client):
    response = client.get("/findings/export.csv?theme=astrology")
    assert response.status_code == 400
    assert "“astrology” is not a known theme." in response.content.decode()
    assert client.get("/findings/export.json?from=2018-13-01").status_code == 400


def test_csv_ends_with_its_count_so_a_cut_short_download_shows(world, client):
    text = streamed(client.get("/findings/export.csv"))
    count = Finding.objects.public().count()
    assert text.endswith(f"\r\n# end of export: {count} findings\r\n")


def test_exports_read_themes_right_past_a_thousand_findings(world, client, django_assert_max_num_queries):
    workforce = make_theme("workforce")
    findings = Finding.objects.bulk_create(
        Finding(
            visit=world.focused,
            source=world.letter,
            position=1000 + index,
            text=f"Bulk {index}.",
            section="finding",
            polarity="strength",
        )
        for index in range(1_500)
    )
    FindingTheme.objects.bulk_create(
        FindingTheme(finding=finding, theme=workforce) for finding in findings[::7]
    )
    # The form's themes and authorities; the authorities and themes once; the rows; the visits,
    # sources and theme links of each thousand.
    with django_assert_max_num_queries(8):
        rows = csv_rows(client.get("/findings/export.csv?theme=workforce"))
    assert sorted(int(row["id"]) for row in rows) == sorted(finding.pk for finding in findings[::7])
    assert {row["themes"] for row in rows} == {"workforce"}
    records = json.loads(streamed(client.get("/findings/export.json?q=Bulk")))
    assert len(records) == 1_500
    assert sum(record["themes"] == ["workforce"] for record in records) == len(findings[::7])


def _expected_findings() -> list[dict]:
    """Every public finding, newest first, as the exports have always given it, read here through
    the models' relations one finding at a time: the export's maps must give the same."""
    findings = Finding.objects.public().newest_first().select_related("visit__authority", "source")
    expected = []
    for finding in findings.prefetch_related("themes"):
        visit, authority, source = finding.visit, finding.visit.authority, finding.source
        themes = sorted(finding.themes.all(), key=lambda theme: (theme.name, theme.slug))
        expected.append(
            {
                "id": finding.pk,
                "authority": authority.slug,
                "authority_name": authority.name,
                "region": authority.region,
                "visit_id": visit.pk,
                "visit_type": visit.visit_type,
                "date": visit.sort_date.isoformat() if visit.sort_date else None,
                "section": finding.section,
                "area": finding.area or None,
                "polarity": finding.polarity,
                "themes": [theme.slug for theme in themes],
                "text": finding.text,
                "source_title": source.title or source.filename,
                "source_sha256": source.sha256,
                "source_url": f"http://testserver/sources/{source.pk}/original",
            }
        )
    return expected


def test_exports_give_every_finding_as_its_visit_authority_and_source_say(world, client):
    bulk_world(3)
    untitled = make_document("", filename="untitled-letter.txt")
    make_finding(world.focused, "Plans are reviewed.", source=untitled, area="help_and_protection")
    make_finding(world.focused, "No theme at all.", source=untitled)
    expected = _expected_findings()
    assert len(expected) > 20 and any(row["date"] is None for row in expected)
    assert {"untitled-letter.txt", world.letter.title} <= {row["source_title"] for row in expected}

    as_csv = [
        {
            **row,
            "id": str(row["id"]),
            "visit_id": str(row["visit_id"]),
            "date": row["date"] or "",
            "area": row["area"] or "",
            "themes": ";".join(row["themes"]),
        }
        for row in expected
    ]
    assert csv_rows(client.get("/findings/export.csv")) == as_csv
    as_json = [{field: row[field] for field in FINDING_RECORD_FIELDS} for row in expected]
    assert json.loads(streamed(client.get("/findings/export.json"))) == as_json
    assert client.get("/api/findings/").json()["results"] == as_json[:100]


def test_an_export_that_fails_midway_never_writes_its_end_line(world, client, monkeypatch):
    """What a client receives of an export cut short (here the row reading fails after two rows)
    cannot pass for a whole one: the end line is written only after the last row."""
    from dashboard.views import findings as views

    written, csv_row = [], views.finding_csv_row

    def failing_after_two(row):
        if len(written) == 2:
            raise RuntimeError("the database went away")
        written.append(row)
        return csv_row(row)

    monkeypatch.setattr(views, "_ROWS_A_PIECE", 1)
    monkeypatch.setattr(views, "finding_csv_row", failing_after_two, raising=True)
    received = []
    with pytest.raises(RuntimeError):
        for piece in client.get("/findings/export.csv").streaming_content:
            received.append(piece.decode())
    text = "".join(received)
    assert len(text.splitlines()) == 3  # the header and two rows, and nothing after them
    assert "# end of export" not in text
