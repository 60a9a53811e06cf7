import csv
import io
import json

from dashboard.serialisers import CSV_COLUMNS
from inspections.models import Finding
from tests.factories import CONSENT_WANDSWORTH, make_finding


def streamed(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_csv_is_exactly_the_filtered_set(world, client):
    response = client.get("/findings/export.csv?theme=consent&polarity=concern")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="findings.csv"'
    rows = list(csv.DictReader(io.StringIO(streamed(response))))
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
    rows = list(csv.DictReader(io.StringIO(streamed(client.get("/findings/export.csv")))))
    assert sorted(int(row["id"]) for row in rows) == sorted(
        Finding.objects.public().values_list("pk", flat=True)
    )
    assert rows[0]["date"] == "2018-08-07"


def test_csv_cells_cannot_become_formulas(world, client):
    make_finding(world.focused, '=HYPERLINK("http://example.com")', source=world.letter, themes=["neglect"])
    rows = list(csv.DictReader(io.StringIO(streamed(client.get("/findings/export.csv?theme=neglect")))))
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
    assert streamed(client.get("/findings/export.csv?q=zzzzzz")).strip() == ",".join(CSV_COLUMNS)


def test_exports_refuse_nonsense(world, client):
    response = client.get("/findings/export.csv?theme=astrology")
    assert response.status_code == 400
    assert "“astrology” is not a known theme." in response.content.decode()
    assert client.get("/findings/export.json?from=2018-13-01").status_code == 400
