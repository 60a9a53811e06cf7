import datetime as dt
from urllib.parse import urlencode

import pytest

from inspections.models import Finding
from tests.factories import CONSENT_WANDSWORTH, bulk_world, make_finding, make_visit
from tests.web.html import text_of

# theme and authority choices; the data version and the facets' counts cached under it; the ids
# of the page's findings in their order; those findings; their themes
FINDINGS_QUERIES = 7
# The first request of its filters since a write counts the facets: the four single-valued facets
# in one GROUP BY, the themes in another, and caches them (a savepoint, the cache's size, the key,
# the insert, the release).
FINDINGS_QUERIES_COUNTED = FINDINGS_QUERIES + 2 + 5


def result_texts(soup):
    return [text_of(article.find_all("p")[2]) for article in soup.find_all("article", class_="app-finding")]


def facet_counts(soup, name):
    fieldset = soup.find(id=f"filter-{name}")
    return {
        text_of(item.find("label")).rsplit(" (", 1)[0]: int(
            text_of(item.find("label")).rsplit("(", 1)[1].split()[0]
        )
        for item in fieldset.find_all(class_="govuk-checkboxes__item")
    }


def test_consent_and_concern_finds_wandsworths(world, get_soup):
    soup = get_soup("/findings/?theme=consent&polarity=concern")
    assert result_texts(soup) == [CONSENT_WANDSWORTH]
    article = soup.find("article", class_="app-finding")
    meta = text_of(article.find(class_="app-finding__meta"))
    assert meta.startswith("Wandsworth · Focused visit · date not stated")
    assert [text_of(tag) for tag in article.select(".app-theme-list .govuk-tag")] == ["Consent", "Front door"]
    assert article.find("a", href=f"/sources/{world.news_wandsworth.pk}/") is not None
    assert article.find("a", href=f"/sources/{world.news_wandsworth.pk}/original") is not None
    assert text_of(soup.find(id="results-count")).startswith("1 finding")


def test_facet_counts_follow_the_other_filters(world, get_soup):
    soup = get_soup("/findings/?theme=consent&polarity=concern")
    # Polarity counts ignore the polarity filter but keep the theme one.
    assert facet_counts(soup, "polarity") == {"Strength": 1, "Concern": 1, "Mixed": 0, "Neutral": 0}
    # Theme counts ignore the theme filter but keep the polarity one.
    themes = facet_counts(soup, "theme")
    assert themes["Consent"] == 1 and themes["Quality assurance"] == 2 and "Early help" not in themes
    assert facet_counts(soup, "region")["London"] == 1
    checked = [i["value"] for i in soup.find(id="filters").find_all("input", checked=True)]
    assert checked == ["concern", "consent"]


def test_unfiltered_totals_leave_out_drafts_and_hidden_findings(world, get_soup):
    soup = get_soup("/findings/")
    public = Finding.objects.public().count()
    assert text_of(soup.find(id="results-count")).startswith(f"{public} findings")
    assert public == 13
    texts = " ".join(result_texts(soup))
    assert "SECRET" not in texts and "HIDDEN" not in texts


def test_sorted_newest_first_with_undated_visits_last(world, get_soup):
    soup = get_soup("/findings/?theme=thresholds")
    metas = [text_of(a.find(class_="app-finding__meta")) for a in soup.find_all("article")]
    assert "7 to 8 August 2018" in metas[0]
    assert all("date not stated" in meta for meta in metas[1:])


def test_a_visit_dated_later_moves_its_findings_in_the_order(world, get_soup):
    """A date corrected in the admin (or by a later source) reorders the findings and the date filters."""
    undated = world.news_wandsworth.visits.get()
    assert undated.sort_date is None
    undated.start_date = dt.date(2024, 5, 13)
    undated.save()
    soup = get_soup("/findings/?theme=thresholds")
    metas = [text_of(a.find(class_="app-finding__meta")) for a in soup.find_all("article")]
    assert metas[0].startswith("Wandsworth")
    assert "7 to 8 August 2018" in metas[1]
    assert result_texts(get_soup("/findings/?from=2024-05-01&polarity=concern")) == result_texts(
        get_soup("/findings/?authority=wandsworth&polarity=concern")
    )


def test_filters_by_authority_region_visit_type_area_and_dates(world, get_soup):
    assert len(result_texts(get_soup("/findings/?authority=tower-hamlets"))) == 2
    both = get_soup("/findings/?authority=tower-hamlets&authority=wandsworth")
    assert len(result_texts(both)) == 6
    assert [i["value"] for i in both.find_all("input", attrs={"name": "authority"}, checked=True)] == [
        "tower-hamlets",
        "wandsworth",
    ]
    assert get_soup("/findings/?region=Yorkshire+and+the+Humber").find("article") is None
    assert len(result_texts(get_soup("/findings/?visit_type=monitoring_visit"))) == 2
    assert len(result_texts(get_soup("/findings/?area=help_and_protection"))) == 2
    dated = result_texts(get_soup("/findings/?from=2018-01-01&to=2018-12-31"))
    assert len(dated) == 5  # the focused visit's; undated visits are left out once a date is given
    assert result_texts(get_soup("/findings/?from=2019-01-01")) == []


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("consent", 2),
        ("overridden consent", 1),
        ('"strategy discussions"', 1),
        ("thresholds -police", 4),
        ("neglect or missing", 2),
    ],
)
def test_free_text(world, get_soup, q, expected):
    assert len(result_texts(get_soup("/findings/?" + urlencode({"q": q})))) == expected


def test_remove_filter_links_are_built_on_the_server(world, get_soup):
    soup = get_soup("/findings/?theme=consent&polarity=concern&q=front")
    chips = {text_of(a): a["href"] for a in soup.find(id="chosen-filters").find_all("a")}
    assert chips["Remove Theme: Consent ✕"] == "?polarity=concern&q=front"
    assert chips["Remove Strength or concern: Concern ✕"] == "?theme=consent&q=front"
    assert chips["Remove Words: front ✕"] == "?theme=consent&polarity=concern"


def test_exports_carry_the_same_filters(world, get_soup):
    links = get_soup("/findings/?theme=consent&page=1").find(id="exports").find_all("a")
    assert [a["href"] for a in links] == [
        "/findings/export.csv?theme=consent",
        "/findings/export.json?theme=consent",
    ]


def test_pages_without_counting_every_time(world, get_soup):
    for index in range(30):
        make_finding(world.focused, f"Paged finding {index}", source=world.letter, themes=["consent"])
    first = get_soup("/findings/?theme=consent")
    assert text_of(first.find(id="results-count")) == "32 findings, 1 to 25 shown"
    next_link = first.find("a", rel="next")
    assert next_link["href"] == "?theme=consent&page=2" and next_link["hx-get"] == next_link["href"]
    second = get_soup("/findings/?theme=consent&page=2")
    assert text_of(second.find(id="results-count")) == "32 findings, 26 to 32 shown"
    assert second.find("a", rel="next") is None
    assert second.find("a", rel="prev")["href"] == "?theme=consent"
    beyond = get_soup("/findings/?theme=consent&page=99")
    assert text_of(beyond.find(id="past-the-end")) == (
        "There is no page 99: these findings fill 2 pages. Go to page 2."
    )
    assert beyond.find(id="past-the-end").find("a")["href"] == "?theme=consent&page=2"
    assert beyond.find("a", rel="prev") is None


def test_htmx_updates_the_explorer_in_place_and_the_url_follows(world, client, get_soup):
    explorer = get_soup("/findings/").find(id="findings-explorer")
    assert explorer["hx-push-url"] == "true" and explorer["hx-target"] == "#findings-explorer"
    form = explorer.find("form")
    assert form["action"] == "/findings/" and form["method"] == "get" and form["hx-get"] == "/findings/"
    response = client.get("/findings/?theme=consent", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="findings-explorer"')
    assert "<html" not in html
    assert response["Vary"] == "HX-Request"
    restore = client.get(
        "/findings/?theme=consent", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restore.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=astrology", "“astrology” is not a known theme."),
        ("polarity=glorious", "“glorious” is not a known polarity."),
        ("from=2018-02-30", "Enter a real ‘From’ date as YYYY-MM-DD"),
        ("to=yesterday", "Enter a real ‘To’ date as YYYY-MM-DD"),
        ("from=2019-01-01&to=2018-01-01", "The ‘To’ date must be the same as or after the ‘From’ date."),
        ("authority=atlantis", "“atlantis” is not a known authority."),
        ("visit_type=picnic", "“picnic” is not a known visit type."),
        ("area=vibes", "“vibes” is not a known judgement area."),
        ("region=Atlantis", "“Atlantis” is not a known region."),
        ("page=0", "Enter a page number of 1 or more."),
        ("page=10001", "Enter a page number of at most 10,000."),
        ("sort=cheapest", "“cheapest” is not an order of findings"),
        ("page=two", "Enter a page number"),
        ("q=" + "x" * 201, "Search for at most 200 characters."),
        ("&".join(["authority=westminster"] * 51), "Choose at most 50 authorities: 51 were given."),
    ],
)
def test_nonsense_is_a_400_that_says_what_was_wrong(world, get_soup, query, message):
    soup = get_soup(f"/findings/?{query}", status=400)
    assert message in text_of(soup.find(id="problems"))


def test_free_text_matches_either_apostrophe(world, client):
    # Reports print "children’s" (U+2019); people type "children's". On SQLite the typed
    # apostrophe found 13 of the corpus's 1,500 such findings.
    curly = make_finding(
        world.focused, "Managers understand children’s lived experience.", source=world.letter
    )
    straight = make_finding(world.focused, "Leaders listen to young people's views.", source=world.letter)

    def ids(q):
        return {row["id"] for row in client.get("/api/findings/", {"q": q}).json()["results"]}

    assert curly.pk in ids("children's") and curly.pk in ids("children’s")
    assert straight.pk in ids("young people’s") and straight.pk in ids("young people's")
    assert curly.pk not in ids("-children's") and curly.pk in ids("-people's")


def test_each_finding_says_where_in_its_report_it_sits(world, get_soup):
    soup = get_soup("/findings/?authority=westminster&q=shared+understanding")
    meta = text_of(soup.find(id=f"finding-{world.westminster_thresholds.pk}").find("p"))
    assert meta.endswith("· Finding (Children who need help and protection)")


def test_the_fix_for_one_unknown_value_keeps_the_others(world, get_soup):
    soup = get_soup("/findings/?theme=consent&theme=astrology&polarity=concern", status=400)
    links = {text_of(a): a["href"] for a in soup.find(id="problems").find_all("a")}
    assert links == {"Remove “astrology”": "/findings/?theme=consent&polarity=concern"}
    # One value alone: the whole parameter goes, as before.
    soup = get_soup("/findings/?theme=astrology&polarity=concern", status=400)
    links = {text_of(a): a["href"] for a in soup.find(id="problems").find_all("a")}
    assert links == {"Remove the theme filter": "/findings/?polarity=concern"}


def test_a_400_for_htmx_is_the_fragment(world, client):
    response = client.get("/findings/?theme=astrology", HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "“astrology” is not a known theme." in response.content.decode()
    assert "<html" not in response.content.decode()


def test_query_count_does_not_grow(world, client, django_assert_num_queries):
    def assert_queries(address):
        with django_assert_num_queries(FINDINGS_QUERIES_COUNTED):
            assert client.get(address).status_code == 200
        with django_assert_num_queries(FINDINGS_QUERIES):
            assert client.get(address).status_code == 200

    assert_queries("/findings/?theme=consent&polarity=concern")
    assert_queries("/findings/?q=consent")
    bulk_world(10)
    visit = make_visit(
        world.wandsworth, visit_type="monitoring_visit", start=dt.date(2020, 1, 6), sources=[world.letter]
    )
    for index in range(40):
        make_finding(
            visit, f"Consent again {index}", source=world.letter, polarity="concern", themes=["consent"]
        )
    assert_queries("/findings/?theme=consent&polarity=concern")
    assert_queries("/findings/?q=consent&page=2")
    several = "authority=wandsworth&authority=westminster&authority=bulk-authority-001"
    assert_queries(f"/findings/?{several}&sort=oldest&page=2")
    # The same filters in another order: the counts are cached already.
    with django_assert_num_queries(FINDINGS_QUERIES):
        assert client.get(f"/findings/?{several}&sort=authority&page=2").status_code == 200
