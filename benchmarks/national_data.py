"""A national-scale database, deterministic, built by recombining the real findings with their themes.

    .venv/bin/python benchmarks/national_data.py --database-url sqlite:////tmp/national-1.sqlite3 --scale 1
    .venv/bin/python benchmarks/national_data.py --database-url postgres://postgres@127.0.0.1/bench --scale 1

First the database gets what `make run` loads, through the product's own commands: the schema, the
153 authorities, the themes, Ofsted's official statistics and the real documents (the corpus and
the seeds) through `ingest`. Those documents are the templates: each generated visit copies one
template's visit type, judgements (grades redrawn), original bytes, extracted text and about half
its findings with their themes, polarity and evidence, under an authority and a date of its own.
Scale 1 is about 5,000 generated visits, 250,000 findings and 750,000 theme links; the authority
with the most visits has 185 of them (times the scale). The same scale and seed give the same rows.

Rows go in with one COPY a table on PostgreSQL (psycopg's copy) and one executemany a table on
SQLite, all in one transaction. The database must not already hold generated rows: use a new
SQLite file or a new PostgreSQL database (createdb -h 127.0.0.1 -U postgres bench).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
VISITS_AT_SCALE_1 = 5_000
FINDINGS_PER_VISIT = 50
BUSIEST_AUTHORITY_VISITS = 185
FIRST_DAY = dt.date(2008, 1, 7)
DAYS = 18 * 365
GENERATED_PREFIX = "national-"


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("THEME_MODEL", str(REPO / "var" / "theme-model.json"))
    import django

    django.setup()


def load_real_data(quiet) -> None:
    """What `make run` loads, and the whole corpus: the templates."""
    from django.core.management import CommandError, call_command

    call_command("migrate", verbosity=0)
    for command in ("load_authorities", "load_themes"):
        call_command(command, stdout=quiet)
    call_command("build_theme_model", "--if-missing", stdout=quiet)
    call_command(
        "import_outcomes",
        str(REPO / "sample_data" / "ofsted-la-inspection-outcomes-2025-03-31.ods"),
        stdout=quiet,
    )
    try:
        call_command(
            "ingest",
            str(SHARED / "corpus" / "ofsted-reports"),
            str(SHARED / "seeds"),
            stdout=quiet,
            stderr=quiet,
        )
    except CommandError as error:  # the corpus's one impostor is refused: exit 1 is expected
        if error.returncode != 1:
            raise


@dataclass
class Template:
    document: object  # SourceDocument with its bytes and text
    visit_type: str
    areas: list[str]
    findings: list[tuple]  # (text, section, area, polarity, [(theme id, evidence)])


def read_templates() -> list[Template]:
    from inspections.models import Finding, FindingTheme, Judgement, SourceDocument

    documents = (
        SourceDocument.objects.filter(status=SourceDocument.Status.PUBLISHED)
        .exclude(doc_kind=SourceDocument.Kind.STATISTICS)
        .order_by("sha256")
    )
    themes: dict[int, list] = {}
    for finding_id, theme_id, evidence in FindingTheme.objects.values_list(
        "finding_id", "theme_id", "evidence"
    ):
        themes.setdefault(finding_id, []).append((theme_id, evidence))
    templates = []
    for document in documents:
        findings = list(
            Finding.objects.filter(source=document, hidden=False)
            .order_by("position")
            .values_list("pk", "text", "section", "area", "polarity", "visit__visit_type", "visit_id")
        )
        if not findings:
            continue
        areas = sorted(
            set(
                Judgement.objects.filter(visit_id=findings[0][6], is_reference=False).values_list(
                    "area", flat=True
                )
            )
        )
        templates.append(
            Template(
                document=document,
                visit_type=findings[0][5],
                areas=areas,
                findings=[
                    (text, section, area, polarity, themes.get(pk, []))
                    for pk, text, section, area, polarity, *_ in findings
                ],
            )
        )
    return templates


class Rows:
    """The generated rows of each table, ids continuing after the highest existing one."""

    def __init__(self, models):
        from django.db.models import Max

        self.tables = {model: [] for model in models}
        self.next_id = {model: (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1 for model in models}

    def add(self, model, row: tuple) -> int:
        row_id = self.next_id[model]
        self.next_id[model] += 1
        self.tables[model].append((row_id, *row))
        return row_id


COLUMNS = {
    "SourceDocument": "sha256 filename format doc_kind title title_made source_url published original size "
    "extracted_text page_count parser_version status error warnings uploaded_at",
    "Visit": "authority_id visit_type visit_type_stated start_date end_date published reference_only "
    "approx_date_precision sort_date sequence focus summary inspectors created_at",
    "VisitSource": "visit_id document_id row stated held",
    "Judgement": "visit_id area grade source_id is_reference",
    "Finding": "visit_id sort_date source_id position text section area polarity edited hidden",
    "FindingTheme": "finding_id theme_id evidence",
}


def authority_weights(authorities: list, rng: random.Random) -> list[float]:
    """The first authority (after a seeded shuffle) gets BUSIEST_AUTHORITY_VISITS per 5,000 visits,
    the others shares drawn between 1 and 3."""
    others = [rng.uniform(1, 3) for _ in authorities[1:]]
    busiest_share = BUSIEST_AUTHORITY_VISITS / VISITS_AT_SCALE_1
    return [busiest_share / (1 - busiest_share) * sum(others), *others]


def generate(scale: float, seed: int) -> Rows:
    from django.db import connection
    from django.utils import timezone

    from authorities.models import Authority
    from inspections.models import Finding, FindingTheme, Judgement, SourceDocument, Visit, VisitSource
    from inspections.vocabulary import Grade

    rng = random.Random(seed)
    ops = connection.ops
    templates = read_templates()
    mean_findings = sum(len(t.findings) for t in templates) / len(templates)
    keep_share = min(1.0, FINDINGS_PER_VISIT / mean_findings)
    authorities = list(Authority.objects.current().order_by("slug").values_list("pk", flat=True))
    rng.shuffle(authorities)
    weights = authority_weights(authorities, rng)
    taken = set(
        Visit.objects.filter(start_date__isnull=False).values_list("authority_id", "visit_type", "start_date")
    )
    rows = Rows([SourceDocument, Visit, VisitSource, Judgement, Finding, FindingTheme])
    now = ops.adapt_datetimefield_value(timezone.now())
    grades = list(Grade)
    n_visits = round(VISITS_AT_SCALE_1 * scale)
    busiest = round(BUSIEST_AUTHORITY_VISITS * scale)
    for index in range(n_visits):
        authority = authorities[0] if index < busiest else rng.choices(authorities[1:], weights[1:])[0]
        template = templates[rng.randrange(len(templates))]
        while True:
            start = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            if (authority, template.visit_type, start) not in taken:
                taken.add((authority, template.visit_type, start))
                break
        source = template.document
        date = ops.adapt_datefield_value
        document_id = rows.add(
            SourceDocument,
            (
                hashlib.sha256(f"{GENERATED_PREFIX}{seed}-{index}".encode()).hexdigest(),
                f"{GENERATED_PREFIX}{index:05d}-{source.filename}"[:255],
                source.format,
                source.doc_kind,
                source.title,
                source.title_made,
                "",
                date(start + dt.timedelta(days=40)),
                source.original,
                source.size,
                source.extracted_text,
                source.page_count,
                source.parser_version,
                SourceDocument.Status.PUBLISHED,
                "",
                "[]",
                now,
            ),
        )
        visit_id = rows.add(
            Visit,
            (
                authority,
                template.visit_type,
                False,
                date(start),
                date(start + dt.timedelta(days=4)),
                date(start + dt.timedelta(days=40)),
                False,
                "",
                date(start),
                "",
                "",
                "",
                "[]",
                now,
            ),
        )
        rows.add(VisitSource, (visit_id, document_id, "", "{}", "{}"))
        grade = rng.choice(grades)
        for area in template.areas:
            rows.add(
                Judgement,
                (visit_id, area, grade if rng.random() < 0.7 else rng.choice(grades), document_id, False),
            )
        position = 0
        for text, section, area, polarity, themes in template.findings:
            if rng.random() >= keep_share:
                continue
            finding_id = rows.add(
                Finding,
                (visit_id, date(start), document_id, position, text, section, area, polarity, False, False),
            )
            position += 1
            for theme_id, evidence in themes:
                rows.add(FindingTheme, (finding_id, theme_id, evidence))
    return rows


def columns_of(model) -> list[str]:
    """The table's columns in the order generate() writes them (approx_date is left NULL)."""
    return ["id", *COLUMNS[model.__name__].split()]


def bulk_load(rows: Rows) -> None:
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from inspections.finding_counts import finding_counts_install, finding_counts_uninstall
    from inspections.finding_visit_columns import (
        finding_visit_columns_install,
        finding_visit_columns_uninstall,
    )
    from inspections.latest_judgements import latest_judgements_install, latest_judgements_uninstall

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        # The kept finding counts, latest judgements and findings' copies of their authority's name
        # are rebuilt once at the end rather than by a trigger a row.
        finding_counts_uninstall()
        latest_judgements_uninstall()
        finding_visit_columns_uninstall()
        for model, table_rows in rows.tables.items():
            table = quote(model._meta.db_table)
            names = ", ".join(quote(name) for name in columns_of(model))
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in table_rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns_of(model)))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", table_rows)
        for statement in connection.ops.sequence_reset_sql(no_style(), list(rows.tables)):
            cursor.execute(statement)
        finding_counts_install()
        latest_judgements_install()
        finding_visit_columns_install()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does to a settled deployment: without the visibility map it writes, no
            # index-only scan (a search's theme facet scans all the links: 150 ms, not 90).
            cursor.execute("VACUUM ANALYZE")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", required=True, help="sqlite:////path/file.sqlite3 or postgres://..."
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1 = about 5,000 visits and 250,000 findings"
    )
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    if not 0.01 <= args.scale <= 4:
        parser.error("--scale must be between 0.01 and 4")
    setup_django(args.database_url)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        load_real_data(quiet)
    from inspections.models import SourceDocument

    if SourceDocument.objects.filter(filename__startswith=GENERATED_PREFIX).exists():
        parser.error("this database already holds generated rows: use a new one")
    loaded = time.perf_counter()
    rows = generate(args.scale, args.seed)
    generated = time.perf_counter()
    bulk_load(rows)
    done = time.perf_counter()
    counts = ", ".join(f"{len(table_rows):,} {model.__name__}" for model, table_rows in rows.tables.items())
    print(f"generated {counts}")
    print(
        f"real data {loaded - started:.1f} s, generating {generated - loaded:.1f} s, "
        f"loading {done - generated:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
