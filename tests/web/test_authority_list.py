from tests.factories import bulk_world, make_authority
from tests.web.html import column_headers, table_rows, text_of

# the authorities with their latest grades (the rest of the page, the former authorities, is one more)
LIST_QUERIES = 2


def rows_by_name(soup):
    return {row[0]: row[1:] for row in table_rows(soup.find(id="authorities-table"))}


def test_every_current_authority_with_its_latest_grade_in_each_area(world, get_soup):
    soup = get_soup("/authorities/")
    assert column_headers(soup.find(id="authorities-table"))[:4] == [
        "Authority, sort descending ▲",
        "Region, sort ascending",
        "Type, sort ascending",
        "Overall effectiveness, sort ascending",
    ]
    rows = rows_by_name(soup)
    assert rows["Westminster"] == ["London", "London borough", *["Outstanding"] * 5]
    assert rows["Leeds"][2:] == ["Good", "Good", "Requires improvement", "Good", "Good"]
    # A grade known only from a later document's reference still counts.
    assert rows["Tower Hamlets"][2:4] == ["Inadequate", "Not graded"]
    assert rows["Wandsworth"][2] == "Not graded"
    assert "6 authorities." in text_of(soup.find(id="authority-count"))


def test_links_to_each_authority(world, get_soup):
    soup = get_soup("/authorities/")
    link = soup.find(id="authorities-table").find("a", string="Westminster")
    assert link["href"] == "/authorities/westminster/"


def test_filter_by_region_type_and_grade(world, get_soup):
    assert list(rows_by_name(get_soup("/authorities/?region=Yorkshire+and+the+Humber"))) == ["Leeds"]
    assert list(rows_by_name(get_soup("/authorities/?type=metropolitan_district"))) == ["Leeds"]
    assert list(rows_by_name(get_soup("/authorities/?grade=inadequate"))) == ["Tower Hamlets"]
    assert list(rows_by_name(get_soup("/authorities/?grade=none&region=London"))) == [
        "Hammersmith and Fulham",
        "Kensington and Chelsea",
        "Wandsworth",
    ]


def test_search_by_any_name(world, get_soup):
    assert list(rows_by_name(get_soup("/authorities/?q=City+of+Westminster"))) == ["Westminster"]
    assert list(rows_by_name(get_soup("/authorities/?q=E09000032"))) == ["Wandsworth"]


def test_sort_by_grade_best_first_or_worst_first_ungraded_last(world, get_soup):
    best_first = list(rows_by_name(get_soup("/authorities/?sort=overall")))
    assert best_first[:3] == ["Westminster", "Leeds", "Tower Hamlets"]
    worst_first = list(rows_by_name(get_soup("/authorities/?sort=-overall")))
    assert worst_first[:3] == ["Tower Hamlets", "Leeds", "Westminster"]
    assert worst_first[3:] == ["Hammersmith and Fulham", "Kensington and Chelsea", "Wandsworth"]
    assert next(iter(rows_by_name(get_soup("/authorities/?sort=-name")))) == "Westminster"


def test_the_sorted_column_says_so_and_its_link_reverses_it(world, get_soup):
    soup = get_soup("/authorities/?region=London&sort=overall")
    header = soup.find("th", attrs={"aria-sort": "ascending"})
    assert "Overall effectiveness" in text_of(header)
    href = header.find("a")["href"]
    assert "sort=-overall" in href and "region=London" in href
    assert header.find("a")["hx-get"] == href


def test_htmx_gets_only_the_results(world, client):
    response = client.get("/authorities/?region=London", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="authority-results"')
    assert "<html" not in html
    assert response["Vary"] == "HX-Request"


def test_the_form_works_without_javascript_and_with_htmx(world, get_soup):
    form = get_soup("/authorities/").find("div", id="authority-results").find("form")
    assert form["method"] == "get" and form["action"] == "/authorities/"
    assert form["hx-get"] == "/authorities/"
    assert form.find_parent(id="authority-results")["hx-push-url"] == "true"


def test_former_authorities_are_listed_apart(db, get_soup):
    make_authority("Cumbria", region="North West", authority_type="county", abolished="2023-04-01")
    make_authority("Cumberland", region="North West", authority_type="unitary")
    soup = get_soup("/authorities/")
    assert list(rows_by_name(soup)) == ["Cumberland"]
    assert "Cumbria (until 1 April 2023)" in text_of(soup)


def test_searching_for_a_former_authority_finds_it_too(db, get_soup):
    # "Cumbria" typed in the overview's search box used to answer "0 authorities".
    make_authority("Cumbria", region="North West", authority_type="county", abolished="2023-04-01")
    make_authority("Cumberland", region="North West", authority_type="unitary")
    soup = get_soup("/authorities/?q=cumbria")
    assert text_of(soup.find(id="authority-count")) == "0 authorities match the filters."
    former = soup.find(id="former-matches")
    assert "matches a former authority" in text_of(former)
    assert former.find("a", string="Cumbria")["href"] == "/authorities/cumbria/"
    assert get_soup("/authorities/?q=cumberland").find(id="former-matches") is None
    assert get_soup("/authorities/").find(id="former-matches") is None


def test_nonsense_is_a_400_that_says_what_was_wrong(world, get_soup):
    soup = get_soup("/authorities/?grade=brilliant&sort=colour", status=400)
    problems = text_of(soup.find(id="problems"))
    assert "“brilliant” is not an Ofsted grade." in problems
    assert "“colour” is not a column to sort by." in problems
    assert "“Atlantis” is not a region of England." in text_of(
        get_soup("/authorities/?region=Atlantis", status=400)
    )


def test_query_count_does_not_grow(world, client, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        client.get("/authorities/?sort=-overall")
    bulk_world(25)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get("/authorities/?sort=-overall").status_code == 200
