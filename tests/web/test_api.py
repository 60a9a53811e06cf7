from tests.factories import bulk_world

# authorities with their latest judgement ids; those judgements
API_AUTHORITIES_QUERIES = 2
# authority; its latest judgements; visits with counts; their judgements; their sources
API_AUTHORITY_QUERIES = 5
# theme and authority choices; count; the authorities and themes (whole); the page; its visits,
# sources and theme links
API_FINDINGS_QUERIES = 9


def test_authorities_every_current_one_with_its_latest_judgements(world, client):
    data = client.get("/api/authorities/").json()
    assert len(data) == 6
    westminster = next(a for a in data if a["slug"] == "westminster")
    assert {key: westminster[key] for key in ("slug", "name", "ons_code", "region")} == {
        "slug": "westminster",
        "name": "Westminster",
        "ons_code": "E09000033",
        "region": "London",
    }
    latest = {(j["area"], j["grade"]) for j in westminster["latest_judgements"]}
    assert latest == {
        ("overall_effectiveness", "outstanding"),
        ("leadership", "outstanding"),
        ("help_and_protection", "outstanding"),
        ("children_in_care_and_care_leavers", "outstanding"),
    }
    assert all(
        j["visit_id"] == world.outstanding.pk and j["date"] is None for j in westminster["latest_judgements"]
    )
    wandsworth = next(a for a in data if a["slug"] == "wandsworth")
    assert wandsworth["latest_judgements"] == []


def test_authority_with_its_visits(world, client):
    data = client.get("/api/authorities/westminster/").json()
    assert data["slug"] == "westminster" and data["ons_code"] == "E09000033"
    focused, outstanding = data["visits"]
    assert focused == {
        "id": world.focused.pk,
        "visit_type": "focused_visit",
        "visit_start": "2018-08-07",
        "visit_end": "2018-08-08",
        "published": "2018-08-31",
        "reference_only": False,
        "approx_date": None,
        "sequence": "",
        "judgements": [],
        "referred_judgements": [],
        "sources": [
            {
                "title": "Focused visit to Westminster children's services",
                "doc_kind": "letter",
                "sha256": world.letter.sha256,
            },
            {
                "title": "Westminster: strong corporate leadership",
                "doc_kind": "news",
                "sha256": world.news_focused.sha256,
            },
        ],
        "n_findings": 5,
    }
    assert outstanding["visit_start"] is None and outstanding["published"] is None
    assert {"area": "overall_effectiveness", "grade": "outstanding"} in outstanding["judgements"]


def test_a_visit_known_from_a_reference_keeps_its_judgement(world, client):
    visits = client.get("/api/authorities/tower-hamlets/").json()["visits"]
    assert visits[0]["reference_only"] is True and visits[0]["approx_date"] == "2017-04-01"
    assert visits[0]["judgements"] == [{"area": "overall_effectiveness", "grade": "inadequate"}]
    assert visits[1]["visit_type"] == "monitoring_visit" and visits[1]["judgements"] == []


def test_drafts_stay_out_of_the_api(world, client):
    visits = client.get("/api/authorities/wandsworth/").json()["visits"]
    assert len(visits) == 1 and visits[0]["n_findings"] == 4


def test_unknown_authority_is_404(db, client):
    assert client.get("/api/authorities/atlantis/").status_code == 404


def test_findings_shape_and_filters(world, client):
    data = client.get("/api/findings/?theme=consent&polarity=concern").json()
    assert data["count"] == 1 and data["next"] is None
    (finding,) = data["results"]
    assert finding["id"] == world.wandsworth_consent.pk
    assert finding["authority"] == "wandsworth"
    assert finding["visit_id"] == world.wandsworth_visit.pk
    assert finding["visit_type"] == "focused_visit"
    assert finding["date"] is None
    assert finding["section"] == "finding"
    assert finding["polarity"] == "concern"
    assert finding["themes"] == ["consent", "front-door"]
    assert finding["source_sha256"] == world.news_wandsworth.sha256


def test_findings_pages_with_next(world, client):
    bulk_world(40)  # 120 findings more
    first = client.get("/api/findings/").json()
    assert first["count"] == 133 and len(first["results"]) == 100
    assert first["next"] == "http://testserver/api/findings/?page=2"
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 33 and second["next"] is None
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_findings_refuse_nonsense_as_json(world, client):
    response = client.get("/api/findings/?theme=astrology&from=yesterday")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["theme"] == ["“astrology” is not a known theme."]
    assert "from" in errors


def test_query_counts_do_not_grow(world, client, django_assert_num_queries):
    def counts():
        with django_assert_num_queries(API_AUTHORITIES_QUERIES):
            client.get("/api/authorities/")
        with django_assert_num_queries(API_AUTHORITY_QUERIES):
            client.get("/api/authorities/westminster/")
        with django_assert_num_queries(API_FINDINGS_QUERIES):
            client.get("/api/findings/?theme=thresholds")

    counts()
    bulk_world(20)
    counts()
