"""The merging service finds an authority's recurring weaknesses again when it stores findings."""

from tests.ingest.conftest import ingest_paths
from tests.paths import CORPUS
from tests.web.html import text_of


def test_ingesting_two_reports_of_an_authority_finds_what_they_both_raise(context, get_soup):
    reports = sorted(CORPUS.glob("80556_south-gloucestershire_*.pdf"))
    assert [outcome.status for outcome in ingest_paths(reports, context)] == ["new", "new"]
    section = get_soup("/authorities/south-gloucestershire/").find(id="recurring").find_parent()
    headings = [text_of(h) for h in section.find_all("h3")]
    assert "Missing children: raised at 2 visits" in headings
    assert "“The timeliness of return home interviews when children go missing from home or care.”" in (
        text_of(section)
    )
