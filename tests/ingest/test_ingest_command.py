"""`python manage.py ingest`: what it prints, what it writes, how it exits."""

import io
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.management.commands.ingest import Progress
from inspections.models import Finding, SourceDocument, Visit
from tests.paths import CORPUS, SEEDS

IMPOSTOR = CORPUS / "80429_birmingham_2012-10-19.pdf"
A_REPORT = CORPUS / "80545_kingston-upon-thames_2025-01-29.pdf"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def test_seeds_folder_goes_in_with_a_summary(reference_data):
    code, out, err = run(SEEDS)
    assert code == 0, err
    assert "5 documents: 5 new, 0 unchanged, 0 failed" in out
    code, out, _ = run(SEEDS)
    assert "5 documents: 0 new, 5 unchanged, 0 failed" in out


def test_plain_progress_lines_when_not_a_terminal(reference_data):
    _, _, err = run(SEEDS)
    assert "1/5 " in err and "5/5 " in err


@pytest.fixture
def bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "truncated.pdf").write_bytes(A_REPORT.read_bytes()[:20000])
    shutil.copy(IMPOSTOR, tmp_path / "impostor.pdf")
    (tmp_path / "gardening.txt").write_text(
        "Pruning roses in winter\n\nCut back to an outward-facing bud. Feed in spring with a balanced "
        "fertiliser and mulch well.\n"
    )
    shutil.copy(next(SEEDS.glob("003_*")), tmp_path / "wandsworth.txt")
    return tmp_path


def test_bad_documents_fail_one_line_each_and_the_rest_goes_in(reference_data, bad_inputs):
    code, out, err = run(bad_inputs)
    assert code == 1
    assert "6 documents: 1 new, 0 unchanged, 5 failed" in out
    failed = [line for line in err.splitlines() if line.startswith("FAILED ")]
    reasons = {line.split(":")[0].split("/")[-1]: line for line in failed}
    assert set(reasons) == {"empty.txt", "noise.txt", "truncated.pdf", "impostor.pdf", "gardening.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["noise.txt"]
    assert "Report not found" in reasons["impostor.pdf"]
    assert SourceDocument.objects.count() == 1
    assert set(Visit.objects.values_list("authority__name", flat=True)) == {"Wandsworth"}


def test_text_in_another_encoding_is_read(reference_data, tmp_path):
    text = next(SEEDS.glob("003_*")).read_text(encoding="utf-8")
    (tmp_path / "wandsworth-cp1252.txt").write_bytes(text.encode("cp1252"))
    code, _, err = run(tmp_path)
    assert code == 0, err
    assert Finding.objects.filter(text__startswith="Consent for checks within the front door").exists()
    texts = " ".join(Finding.objects.values_list("text", flat=True))
    assert "’" in texts and "â€" not in texts


def test_file_over_the_size_limit_is_refused(reference_data, tmp_path, settings):
    settings.MAX_DOCUMENT_BYTES = 1000
    shutil.copy(next(SEEDS.glob("003_*")), tmp_path / "big.txt")
    code, _, err = run(tmp_path)
    assert code == 1
    assert "big.txt" in err and "limit" in err
    assert not SourceDocument.objects.exists()


def test_dry_run_json_touches_no_table(reference_data):
    code, out, _ = run("--dry-run", "--json", SEEDS)
    assert code == 0
    records = json.loads(out)
    assert len(records) == 5
    assert not SourceDocument.objects.exists() and not Visit.objects.exists()
    letter = next(r for r in records if r["file"].endswith(next(SEEDS.glob("001_*")).name))
    assert set(letter) == {
        "file", "sha256", "doc_kind", "title", "authority", "other_authorities", "visit_type",
        "visit_start", "visit_end", "published", "inspectors", "judgements", "prior_judgements",
        "findings", "warnings",
    }  # fmt: skip
    assert letter["authority"] == {"name": "Westminster", "ons_code": "E09000033"}
    assert letter["visit_start"] == "2018-08-07" and letter["published"] == "2018-08-31"
    assert set(letter["other_authorities"]) >= {"Hammersmith and Fulham", "Kensington and Chelsea"}
    tower_hamlets = next(r for r in records if r["file"].endswith(next(SEEDS.glob("004_*")).name))
    assert tower_hamlets["prior_judgements"] == [
        {"area": "overall_effectiveness", "grade": "inadequate", "date": "2017-04"}
    ]
    assert tower_hamlets["visit_start"] is None and tower_hamlets["published"] is None


def test_dry_run_of_a_failure_names_it_in_json(reference_data):
    code, out, _ = run("--dry-run", "--json", IMPOSTOR)
    assert code == 1
    [record] = json.loads(out)
    assert "Report not found" in record["error"]


def test_published_and_source_url_fill_what_the_document_does_not_state(reference_data):
    path = next(SEEDS.glob("003_*"))
    code, _, err = run("--published", "2019-01-15", "--source-url", "https://example.org/wandsworth", path)
    assert code == 0, err
    document = SourceDocument.objects.get()
    assert str(document.published) == "2019-01-15"
    assert document.source_url == "https://example.org/wandsworth"
    assert str(document.visits.get().published) == "2019-01-15"


def test_kind_option_overrides_detection(reference_data):
    code, out, _ = run("--dry-run", "--json", "--kind", "news", next(SEEDS.glob("003_*")))
    assert code == 0
    assert json.loads(out)[0]["doc_kind"] == "news"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/file.txt"], "no such file"),
        (["--published", "31/08/2018", str(SEEDS)], "YYYY-MM-DD"),
        (["--source-url", "not a url", str(SEEDS)], "web address"),
    ],
)
def test_bad_usage_exits_2(reference_data, args, message):
    code, _, err = run(*args)
    assert code == 2
    assert message in err


def test_kind_must_be_known(reference_data):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("ingest", "--kind", "memo", str(SEEDS))


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_a_bar_on_a_terminal(tmp_path):
    screen = Terminal()
    progress = Progress(OutputWrapper(screen), 4, enabled=True)
    for done in range(1, 5):
        progress.step(done, tmp_path / f"report-{done}.pdf", "new")
    frames = screen.getvalue().split("\r")[1:]
    assert frames[0].startswith("[#######-----------------------] 1/4 report-1.pdf")
    assert frames[-1].startswith("[##############################] 4/4 report-4.pdf")
    assert screen.getvalue().endswith("\n")


def test_on_a_terminal_a_failure_is_its_own_line_above_the_bar(tmp_path):
    screen = Terminal()
    progress = Progress(OutputWrapper(screen), 2, enabled=True)
    progress.step(1, tmp_path / "empty\n.txt", "failed", "file is empty")
    progress.step(2, tmp_path / "report.pdf", "new")
    lines = screen.getvalue().split("\n")
    assert lines[0] == f"\r\033[KFAILED {tmp_path}/empty\\n.txt: file is empty"
    assert lines[1].startswith("\r[###############---------------] 1/2 empty\\n.txt")
    assert lines[1].split("\r")[-1].startswith("[##############################] 2/2 report.pdf")


def test_postgresql_planner_statistics_are_refreshed_after_ingest(reference_data):
    with CaptureQueriesContext(connection) as queries:
        run(next(SEEDS.glob("003_*")))
    analyzed = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert analyzed and '"inspections_finding"' in analyzed[0]
    else:
        assert analyzed == []


def test_the_same_bytes_twice_in_one_batch_go_in_once(reference_data, tmp_path, settings):
    settings.INGEST_WORKERS = 2
    for name in ("a.txt", "b.txt"):
        shutil.copy(next(SEEDS.glob("003_*")), tmp_path / name)
    code, out, err = run(tmp_path)
    assert code == 0, err
    assert "2 documents: 1 new, 1 unchanged, 0 failed" in out


def test_documents_past_the_time_limit_fail_one_line_each(reference_data, settings, tmp_path):
    """Each document is parsed in a child process that is stopped at PARSE_TIME_LIMIT."""
    settings.PARSE_TIME_LIMIT = 0.01
    shutil.copy(A_REPORT, tmp_path / "report.pdf")
    shutil.copy(CORPUS / "80426_barnsley_2018-11-19.pdf", tmp_path / "another.pdf")
    code, out, err = run(tmp_path, "--workers", "2")
    assert code == 1
    failures = [line for line in err.splitlines() if line.startswith("FAILED")]
    assert failures == [
        f"FAILED {tmp_path / 'another.pdf'}: gave up after 0.01 s",
        f"FAILED {tmp_path / 'report.pdf'}: gave up after 0.01 s",
    ]
    assert "2 documents: 0 new, 0 unchanged, 2 failed" in out
    assert not SourceDocument.objects.exists()


def test_a_single_document_is_parsed_under_the_time_limit_too(reference_data, settings):
    settings.PARSE_TIME_LIMIT = 0.01
    code, _, err = run(A_REPORT)
    assert code == 1
    assert f"FAILED {A_REPORT}: gave up after 0.01 s" in err.splitlines()
