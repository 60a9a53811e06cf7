"""`manage.py sync_ofsted` against the local stand-in of Ofsted's site: what it fetches, stores,
says and exits with."""

import datetime as dt
import gzip
import hashlib

from inspections.models import OfstedProvider, SourceDocument, SyncRun, Visit
from tests.paths import CORPUS, SEEDS
from tests.sync.conftest import IMPOSTOR, KINGSTON_2025, run_sync
from tests.sync.standin import Reply, listing_page

WESTMINSTER_NEWS = next(SEEDS.glob("002_*"))
BARNSLEY_2018 = CORPUS / "80426_barnsley_2018-11-19.pdf"


def stored_urls() -> set[str]:
    return set(SourceDocument.objects.values_list("source_url", flat=True))


def test_first_run_ingests_every_publication_across_the_listings_pages(site, reference_data):
    run = run_sync()
    assert run.code == 0, run.err
    assert run.out.strip() == "4 of 4 authorities, 4 publications: 4 new, 0 unchanged, 0 failed"
    standin = site.standin
    assert stored_urls() == {
        standin.url("/v1/file/1001"),
        standin.url("/v1/file/2001", host="localhost"),
        standin.url("/v1/file/3001"),
        standin.url("/v1/file/3002"),
    }
    # The document's content decides its kind; the listing gives the date where it states none.
    kingston = SourceDocument.objects.get(source_url__endswith="/v1/file/2001")
    assert kingston.doc_kind == "report" and kingston.format == "pdf"
    assert kingston.published == dt.date(2025, 1, 29)
    assert kingston.filename == "80545_kingston-upon-thames_2025-01-29_childrens-services-inspection.pdf"
    letter = SourceDocument.objects.get(source_url__endswith="/v1/file/1001")
    assert letter.doc_kind == "letter" and letter.published == dt.date(2018, 8, 31)
    assert Visit.objects.filter(authority__slug="knowsley", start_date=dt.date(2024, 11, 18)).exists()
    # The second page of the listing was read, the third (empty) one ended it.
    assert [path.rsplit("&", 2)[-2] for path in standin.requested("/search")] == [
        "start=0",
        "start=100",
        "start=200",
    ]


def test_a_second_run_finds_nothing_new_and_asks_for_no_file(site, reference_data):
    run_sync()
    site.standin.log.clear()
    run = run_sync()
    assert run.code == 0
    assert run.out.strip() == "4 of 4 authorities, 4 publications: 0 new, 4 unchanged, 0 failed"
    assert site.standin.requested("/v1/file/") == []
    assert SourceDocument.objects.count() == 4


def test_a_new_publication_is_the_only_file_fetched_next_time(site, reference_data):
    run_sync()
    site.add("80519", ("/v1/file/1002", "Children's services inspection - 15 October 2019, txt"))
    site.standin.document("/v1/file/1002", WESTMINSTER_NEWS.read_bytes(), "text/plain")
    site.standin.log.clear()
    run = run_sync()
    assert site.standin.requested("/v1/file/") == ["/v1/file/1002"]
    assert "5 publications: 1 new, 4 unchanged, 0 failed" in run.out


def test_a_document_about_another_authority_than_its_provider_is_stored_and_said(site, reference_data):
    site.add("80545", ("/v1/file/2002", "Children's services inspection - 19 November 2018, pdf"))
    site.standin.document("/v1/file/2002", BARNSLEY_2018.read_bytes())
    run = run_sync("--authority", "kingston-upon-thames")
    assert run.code == 0
    url = site.standin.url("/v1/file/2002", host="localhost")  # relative to Kingston's page, on that host
    assert (
        f"{url}: listed under Kingston upon Thames but reads as about Barnsley; stored as the document says"
        in run.lines
    )


def test_a_provider_no_authority_matches_is_reported_on_its_own_line_and_not_read(site, reference_data):
    run = run_sync()
    unmatched = [line for line in run.lines if "99999" in line]
    assert len(unmatched) == 1
    assert unmatched[0].startswith('NO AUTHORITY for provider 99999 "Ofsted Test Children\'s Trust"')
    assert site.standin.requested("/provider/44/99999") == []
    assert OfstedProvider.objects.get(urn="99999").authority is None
    assert run.code == 0


def test_a_provider_is_matched_by_name_where_its_urn_is_unknown(site, reference_data):
    site.first_page.append(("/provider/44/55555", "London Borough of Wandsworth"))
    site.pages["55555"] = ("London Borough of Wandsworth", [])
    site.publish()
    run = run_sync()
    assert OfstedProvider.objects.get(urn="55555").authority.slug == "wandsworth"
    assert "5 of 5 authorities" in run.out


def test_a_provider_with_no_publications_is_said_and_is_no_failure(site, reference_data):
    run = run_sync()
    assert any(line.startswith("Tower Hamlets (") and "lists no publication" in line for line in run.lines)
    assert run.code == 0


def test_a_link_that_404s_fails_naming_its_address_and_the_rest_goes_in(site, reference_data):
    site.add("80519", ("/v1/file/404", "Monitoring visit - 1 May 2019, pdf"))
    run = run_sync()
    assert run.code == 1
    missing = site.standin.url("/v1/file/404")
    assert f"FAILED {missing}: HTTP 404 Not Found" in run.lines
    assert "4 new, 0 unchanged, 1 failed" in run.out
    assert SourceDocument.objects.count() == 4
    record = SyncRun.objects.get()
    assert record.status == "failed" and record.failed == 1
    assert record.failures == [{"url": missing, "reason": "HTTP 404 Not Found"}]


def test_a_file_that_is_an_html_page_instead_of_a_pdf_is_refused(site, reference_data):
    site.add("80545", ("/v1/file/2404", "Children's services inspection - 19 October 2012, pdf"))
    site.standin.document("/v1/file/2404", IMPOSTOR.read_bytes(), "text/html")
    run = run_sync()
    assert run.code == 1
    line = next(line for line in run.lines if line.startswith("FAILED") and "/v1/file/2404" in line)
    assert "the listing offers a PDF but the file is an HTML page (text/html" in line
    assert not SourceDocument.objects.filter(source_url__endswith="/v1/file/2404").exists()


def test_a_document_past_the_parse_time_limit_fails_saying_so(site, reference_data, settings):
    """Each publication is parsed in a child process that is stopped at PARSE_TIME_LIMIT."""
    settings.PARSE_TIME_LIMIT = 0.01
    run = run_sync()
    assert run.code == 1
    kingston = site.standin.url("/v1/file/2001", host="localhost")
    assert f"FAILED {kingston}: gave up after 0.01 s" in run.lines
    assert not SourceDocument.objects.filter(source_url=kingston).exists()


def test_a_slow_answer_times_out_and_the_retry_gets_the_file(site, reference_data, settings):
    settings.OFSTED_REQUEST_TIMEOUT = 0.5
    data = KINGSTON_2025.read_bytes()
    site.standin.route("/v1/file/2001", Reply(data, content_type="application/pdf", delay=2), Reply(data))
    run = run_sync("--authority", "kingston-upon-thames")
    assert run.code == 0, run.err
    assert site.standin.requested("/v1/file/2001") == ["/v1/file/2001", "/v1/file/2001"]
    assert "1 new" in run.out


def test_a_503_then_success_gets_the_file(site, reference_data):
    data = KINGSTON_2025.read_bytes()
    busy = Reply(b"busy", status=503, headers={"Retry-After": "0"})
    site.standin.route("/v1/file/2001", busy, Reply(data, content_type="application/pdf"))
    run = run_sync("--authority", "kingston-upon-thames")
    assert run.code == 0, run.err
    assert len(site.standin.requested("/v1/file/2001")) == 2


def test_retries_are_bounded_and_the_failure_says_so(site, reference_data, settings):
    settings.OFSTED_RETRIES = 2
    site.standin.route("/v1/file/2001", Reply(b"busy", status=503))
    run = run_sync("--authority", "kingston-upon-thames")
    assert run.code == 1
    assert len(site.standin.requested("/v1/file/2001")) == 3
    url = site.standin.url("/v1/file/2001", host="localhost")
    assert f"FAILED {url}: HTTP 503 Service Unavailable (gave up after 3 attempts)" in run.lines


def test_a_file_over_the_size_limit_is_not_read_past_it(site, reference_data, settings):
    settings.MAX_DOCUMENT_BYTES = 10_000
    run = run_sync("--authority", "kingston-upon-thames")
    assert run.code == 1
    assert any("over the limit of 10,000 bytes" in line for line in run.lines)
    assert SourceDocument.objects.count() == 0


def test_a_file_sent_gzipped_is_stored_as_itself(site, reference_data):
    site.standin.route(
        "/v1/file/2001",
        Reply(
            gzip.compress(KINGSTON_2025.read_bytes()),
            content_type="application/pdf",
            headers={"Content-Encoding": "gzip"},
        ),
    )
    run = run_sync("--authority", "kingston-upon-thames")
    assert run.code == 0, run.err
    assert SourceDocument.objects.get().sha256 == hashlib.sha256(KINGSTON_2025.read_bytes()).hexdigest()


def test_a_gzip_bomb_is_not_inflated_past_the_size_limit(site, reference_data, settings):
    settings.MAX_DOCUMENT_BYTES = 1_000_000
    bomb = gzip.compress(b" " * 100_000_000)  # 100 KB that inflates to 100 MB
    site.standin.route(
        "/v1/file/2001", Reply(bomb, content_type="application/pdf", headers={"Content-Encoding": "gzip"})
    )
    run = run_sync("--authority", "kingston-upon-thames")
    assert run.code == 1
    url = site.standin.url("/v1/file/2001", host="localhost")
    assert (
        f"FAILED {url}: the file inflates to over the limit of 1,000,000 bytes; reading stopped" in run.lines
    )
    assert SourceDocument.objects.count() == 0


def test_since_skips_older_publications_without_fetching_them(site, reference_data):
    run = run_sync("--since", "2020-01-01")
    assert run.code == 0
    assert "2 new, 0 unchanged, 2 skipped (before 2020-01-01), 0 failed" in run.out
    assert site.standin.requested("/v1/file/3002") == [] and site.standin.requested("/v1/file/1001") == []


def test_authority_limits_the_run_to_those_authorities(site, reference_data):
    run = run_sync("--authority", "knowsley")
    assert run.out.strip() == "1 of 1 authorities, 2 publications: 2 new, 0 unchanged, 0 failed"
    assert {p for p in site.standin.log if p.startswith("/provider/")} == {"/provider/44/80479"}
    assert SyncRun.objects.get().authorities == ["knowsley"]


def test_an_unknown_authority_or_date_is_bad_usage_and_nothing_is_fetched(site, reference_data):
    run = run_sync("--authority", "atlantis")
    assert run.code == 2 and "no authority with the slug 'atlantis'" in run.err
    run = run_sync("--since", "last week")
    assert run.code == 2 and "--since must be a date as YYYY-MM-DD, not 'last week'" in run.err
    assert site.standin.log == []


def test_dry_run_lists_what_would_be_fetched_and_fetches_no_document(site, reference_data):
    run = run_sync("--dry-run")
    assert run.code == 0
    assert (
        f"would fetch {site.standin.url('/v1/file/1001')} (Westminster: Focused visit, 2018-08-31)"
        in run.lines
    )
    assert run.out.strip().endswith(
        "4 publications: 4 to fetch, 0 unchanged, 0 failed (dry run: no document fetched, nothing written)"
    )
    assert site.standin.requested("/v1/file/") == []
    assert not SourceDocument.objects.exists() and not SyncRun.objects.exists()
    assert not OfstedProvider.objects.exists()


def test_a_listing_whose_structure_changed_exits_2_saying_so(standin, reference_data):
    changed = listing_page([("/inspection-reports/westminster", "Westminster City Council")])
    standin.listing(changed)
    run = run_sync()
    assert run.code == 2
    assert any(
        "the first page of the listing links to no provider (no <a> whose href contains /provider/)" in line
        for line in run.lines
    )
    assert "0 new" not in run.err
    assert SyncRun.objects.get().status == "site_changed"


def test_a_provider_page_whose_markup_changed_exits_2_naming_the_page(site, reference_data):
    site.standin.route(
        "/provider/44/80519",
        Reply(
            b'<html><body><h1>Westminster</h1><a class="doc" href="/v1/file/1001.pdf">Focused visit</a></body></html>'
        ),
    )
    run = run_sync()
    assert run.code == 2
    line = next(line for line in run.lines if "/provider/44/80519" in line)
    assert 'links to documents (/v1/file/1001.pdf) but none as <a class="publication-link">' in line
    assert "3 new" in run.out  # the other providers still went in


def test_the_older_next_link_paging_is_followed(standin, reference_data, site):
    standin.listing(listing_page(site.first_page, next_href="/search?page=2"))
    standin.route("/search?page=2", Reply(listing_page(site.second_page)))
    run = run_sync("--authority", "knowsley")
    assert run.code == 0, run.err
    assert "/search?page=2" in standin.log


def test_the_user_agent_names_the_product_and_a_contact(site, reference_data, settings):
    settings.OFSTED_SYNC_CONTACT = "https://dashboard.example.org/about"
    run_sync("--authority", "westminster")
    assert set(site.standin.user_agents) == {
        "Mozilla/5.0 (compatible; ofsted-outcomes/0.1; +https://dashboard.example.org/about)"
    }


def test_a_document_ingested_from_a_file_is_not_stored_again_and_gets_its_address(site, reference_data):
    from inspections.ingest import IngestContext, document_ingest

    document_ingest(
        data=KINGSTON_2025.read_bytes(), filename=KINGSTON_2025.name, context=IngestContext.load()
    )
    run = run_sync("--authority", "kingston-upon-thames")
    assert "0 new, 1 unchanged" in run.out
    assert SourceDocument.objects.get().source_url == site.standin.url("/v1/file/2001", host="localhost")
    site.standin.log.clear()
    run_sync("--authority", "kingston-upon-thames")
    assert site.standin.requested("/v1/file/") == []


def test_no_test_reaches_the_real_site(reference_data, settings):
    settings.OFSTED_REPORTS_URL = "https://reports.ofsted.gov.uk/"
    settings.OFSTED_RETRY_BACKOFF = 0
    run = run_sync()
    assert run.code == 1
    assert "cannot read the listing of providers" in run.err
    assert "tests do not reach the internet (tried reports.ofsted.gov.uk)" in run.err


def test_a_listing_that_is_gone_exits_2_saying_so(standin, reference_data):
    standin.route("/search", Reply(b"<h1>Page not found</h1>", status=404))
    run = run_sync()
    assert run.code == 2
    assert any("the listing of providers answers HTTP 404" in line for line in run.lines)


def test_provider_pages_that_all_list_nothing_mean_the_site_changed(standin, reference_data):
    urns = ["80519", "80545", "80516", "80479", "80426"]
    standin.listing(listing_page([(f"/provider/44/{urn}", f"Council {urn}") for urn in urns]))
    for urn in urns:
        standin.route(f"/provider/44/{urn}", Reply(b"<html><body><div id='app'></div></body></html>"))
    run = run_sync()
    assert run.code == 2
    assert any("none of the 5 provider pages read lists a publication" in line for line in run.lines)
    assert SyncRun.objects.get().status == "site_changed"


def test_an_address_from_the_site_cannot_drive_the_terminal(site, reference_data, settings):
    """A link on Ofsted's page with an escape sequence in it is printed escaped, on its one line."""
    settings.OFSTED_RETRY_BACKOFF = 0
    site.add("80519", ("/v1/file/\x1b[2Jgone", "Monitoring visit - 1 May 2019, pdf"))
    run = run_sync()
    assert run.code == 1
    assert "\x1b" not in run.out + run.err
    named = [line for line in run.lines if "gone" in line]
    assert len(named) == 1
    assert named[0].startswith(f"FAILED {site.standin.url('/v1/file/')}\\x1b[2Jgone: ")
