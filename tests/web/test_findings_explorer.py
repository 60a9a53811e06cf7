"""The findings explorer's several authorities, orders, numbered pages and error wording."""

import csv
import datetime as dt
import io
import json
import re

import pytest

from inspections.models import Finding
from tests.factories import make_finding, make_visit
from tests.web.html import text_of


def shown_ids(soup) -> list[int]:
    return [int(article["id"].removeprefix("finding-")) for article in soup.find_all("article")]


def authority_names(soup) -> list[str]:
    return [
        text_of(article.find(class_="app-finding__meta").find("a")) for article in soup.find_all("article")
    ]


def dates_of(ids) -> list:
    dates = dict(Finding.objects.filter(pk__in=ids).values_list("pk", "sort_date"))
    return [dates[pk] for pk in ids]


def test_several_authorities_are_ticked_and_another_can_be_added(world, get_soup):
    soup = get_soup("/findings/?authority=tower-hamlets&authority=wandsworth")
    chosen = soup.find(id="filter-authority-chosen")
    assert text_of(chosen.find("legend")) == "Authorities"
    ticked = {box["value"]: text_of(box.find_next("label")) for box in chosen.find_all("input", checked=True)}
    assert ticked == {"tower-hamlets": "Tower Hamlets", "wandsworth": "Wandsworth"}
    add = soup.find("select", id="filter-authority")
    assert text_of(soup.find("label", attrs={"for": "filter-authority"})) == "Add an authority"
    offered = [option["value"] for option in add.find_all("option")]
    assert "westminster" in offered and "tower-hamlets" not in offered and "wandsworth" not in offered
    assert set(authority_names(soup)) == {"Tower Hamlets", "Wandsworth"}
    chips = [text_of(a) for a in soup.find(id="chosen-filters").find_all("a")]
    assert chips == ["Remove Authority: Tower Hamlets ✕", "Remove Authority: Wandsworth ✕"]


def test_one_authority_is_ticked_so_a_second_can_be_added_without_javascript(world, get_soup):
    soup = get_soup("/findings/?authority=westminster")
    ticked = soup.find(id="filter-authority-chosen").find_all("input", checked=True)
    assert [box["value"] for box in ticked] == ["westminster"]
    assert soup.find("select", id="filter-authority").find("option", selected=True) is None
    # Submitting the form with Leeds chosen in the list sends both.
    both = get_soup("/findings/?authority=westminster&authority=tower-hamlets")
    assert set(authority_names(both)) == {"Westminster", "Tower Hamlets"}
    nobody = get_soup("/findings/")
    assert nobody.find(id="filter-authority-chosen") is None
    assert text_of(nobody.find("select", id="filter-authority").find("option")) == "Any authority"


def test_newest_first_is_the_default_and_oldest_first_keeps_undated_visits_last(world, get_soup):
    later = make_visit(world.leeds, start=dt.date(2023, 3, 6), sources=[world.letter])
    make_finding(later, "Leeds in 2023.", source=world.letter)
    newest = get_soup("/findings/")
    assert newest.find("select", id="sort").find("option", selected=True)["value"] == "newest"
    oldest = get_soup("/findings/?sort=oldest")
    assert oldest.find("select", id="sort").find("option", selected=True)["value"] == "oldest"
    dates = dates_of(shown_ids(oldest))
    dated = [date for date in dates if date is not None]
    assert dated == sorted(dated) and dated[0] < dated[-1]
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert dates_of(shown_ids(newest))[: len(dated)] == sorted(dated, reverse=True)


def test_sorted_by_authority_a_to_z_then_newest(world, get_soup):
    soup = get_soup("/findings/?sort=authority")
    names = authority_names(soup)
    assert names == sorted(names) and len(set(names)) > 2
    ids = shown_ids(soup)
    westminster = [pk for pk, name in zip(ids, names, strict=True) if name == "Westminster"]
    dates = dates_of(westminster)
    dated = [date for date in dates if date is not None]
    assert dates == sorted(dated, reverse=True) + [None] * (len(dates) - len(dated))


def test_the_sort_control_keeps_the_filters_and_the_filters_keep_the_sort(world, get_soup):
    soup = get_soup("/findings/?theme=thresholds&authority=westminster&authority=leeds&sort=oldest&page=1")
    sort_form = soup.find("form", id="sort-form")
    assert text_of(sort_form.find("label", attrs={"for": "sort"})) == "Sort by"
    hidden = [(i["name"], i["value"]) for i in sort_form.find_all("input", type="hidden")]
    assert hidden == [("theme", "thresholds"), ("authority", "westminster"), ("authority", "leeds")]
    assert (
        soup.find("form", id="filters").find("input", type="hidden", attrs={"name": "sort"})["value"]
        == "oldest"
    )
    links = [a["href"] for a in soup.find(id="exports").find_all("a")]
    assert all("sort=oldest" in link for link in links)


def test_exports_follow_the_order_of_the_page(world, client, get_soup):
    page = shown_ids(get_soup("/findings/?sort=authority"))
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get("/findings/export.csv?sort=authority").streaming_content).decode()
            )
        )
    )
    assert [int(row["id"]) for row in rows if row["id"].isdigit()] == page
    records = json.loads(b"".join(client.get("/findings/export.json?sort=oldest").streaming_content))
    assert [record["id"] for record in records] == shown_ids(get_soup("/findings/?sort=oldest"))
    api = client.get("/api/findings/?sort=oldest").json()["results"]
    assert [record["id"] for record in api] == [record["id"] for record in records][: len(api)]


def test_numbered_pages_with_gaps_keep_every_filter(world, get_soup):
    for index in range(248):
        make_finding(world.focused, f"Numbered finding {index}", source=world.letter, themes=["consent"])
    soup = get_soup("/findings/?theme=consent&sort=oldest&page=5")  # 250 findings: 10 pages
    nav = soup.find("nav", attrs={"aria-label": "Pages of findings"})
    items = [text_of(li) for li in nav.find_all("li")]
    assert items == ["1", "⋯", "4", "5", "6", "⋯", "10"]
    links = {text_of(a): a["href"] for a in nav.select("li a")}
    assert links["1"] == "?theme=consent&sort=oldest"
    assert links["4"] == "?theme=consent&sort=oldest&page=4"
    assert links["10"] == "?theme=consent&sort=oldest&page=10"
    current = nav.find("a", attrs={"aria-current": "page"})
    assert text_of(current) == "5" and current["aria-label"] == "Page 5"
    assert nav.find("a", rel="prev")["href"] == "?theme=consent&sort=oldest&page=4"
    assert nav.find("a", rel="next")["href"] == "?theme=consent&sort=oldest&page=6"
    # Near the start, a gap of one page shows its number rather than "⋯".
    third = get_soup("/findings/?theme=consent&page=3").find("nav", attrs={"aria-label": "Pages of findings"})
    assert [text_of(li) for li in third.find_all("li")] == ["1", "2", "3", "4", "⋯", "10"]
    last = get_soup("/findings/?theme=consent&page=10").find("nav", attrs={"aria-label": "Pages of findings"})
    assert last.find("a", rel="next") is None
    assert [text_of(li) for li in last.find_all("li")] == ["1", "⋯", "9", "10"]


def test_one_page_has_no_page_numbers(world, get_soup):
    assert get_soup("/findings/?theme=consent").find("nav", class_="govuk-pagination") is None


def test_a_bad_date_names_its_field_and_links_to_it(world, get_soup):
    soup = get_soup("/findings/?from=2018-02-30&theme=consent", status=400)
    entry = soup.find(id="problems").find("a")
    assert text_of(entry) == "Enter a real ‘From’ date as YYYY-MM-DD, for example 2018-08-07."
    assert entry["href"] == "#filter-from"
    field = soup.find("input", id="filter-from")
    group = field.find_parent(class_="govuk-form-group")
    assert "govuk-form-group--error" in group["class"]
    assert text_of(group.find(class_="govuk-error-message")) == (
        "Error: Enter a real ‘From’ date as YYYY-MM-DD, for example 2018-08-07."
    )
    assert "filter-from-error" in field["aria-describedby"]
    # The rest of the filters still apply, so the reader sees what they would get.
    assert text_of(soup.find(id="results-count")).startswith("2 findings")
    assert not re.search(r"\bfrom\s*:", text_of(soup.find(id="problems")))


@pytest.mark.parametrize(
    ("query", "message", "field"),
    [
        (
            "from=2019-01-01&to=2018-01-01",
            "The ‘To’ date must be the same as or after the ‘From’ date.",
            "filter-to",
        ),
        (
            "sort=cheapest",
            "“cheapest” is not an order of findings: sort by newest, oldest or authority.",
            "sort",
        ),
        ("q=" + "x" * 201, "Search for at most 200 characters.", "filter-q"),
    ],
)
def test_each_problem_a_field_can_fix_links_to_that_field(world, get_soup, query, message, field):
    soup = get_soup(f"/findings/?{query}", status=400)
    entry = soup.find(id="problems").find("a")
    assert (text_of(entry), entry["href"]) == (message, f"#{field}")
    assert soup.find(id=field) is not None


def test_on_a_phone_the_summary_comes_before_the_filters_and_skips_to_the_findings(world, get_soup):
    soup = get_soup("/findings/?theme=consent")
    summary = soup.find(id="explorer-summary")
    assert text_of(summary) == "2 findings match these filters. Skip to the findings"
    assert summary.find_next("form")["id"] == "filters"
    assert summary.find("a")["href"] == "#results"
    assert soup.find(id="results").find("article") is not None
