"""`ingest` given a file far over the size limit: refused from its size alone, nothing read."""

from tests.processes import manage_measured

GIGABYTES_2 = 2 * 1024**3


def test_a_2_gb_file_is_refused_by_its_size_without_reading_it(tmp_path):
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as file:
        file.truncate(GIGABYTES_2)  # sparse: no disk used
    small = tmp_path / "small" / "gardening.txt"
    small.parent.mkdir()
    small.write_bytes(b"Pruning roses in winter\n\nCut back to an outward-facing bud.\n")
    database = tmp_path / "db.sqlite3"

    baseline = manage_measured("ingest", "--dry-run", "--workers", "0", small, database=database)
    refused = manage_measured("ingest", "--dry-run", "--workers", "0", huge, database=database)

    limit = 50 * 1024 * 1024
    assert refused.returncode == 1, refused.stderr
    failures = [line for line in refused.stderr.splitlines() if "huge.pdf" in line]
    assert failures and all(
        f"file is {GIGABYTES_2:,} bytes, over the limit of {limit:,} bytes" in line for line in failures
    ), refused.stderr
    # Reading it would take 2 GB; the refusal costs no more than reading a small file.
    assert refused.peak_mb - baseline.peak_mb < 100, (baseline.peak_mb, refused.peak_mb)
