"""Each document is parsed in a child process under a time and a memory limit: one that overruns
fails with one line, and the documents after it are still read."""

import time

import pytest

from inspections.parsing import ParsedDocument, ParseError
from inspections.parsing.limited import LimitedParsers, Limits, size_text
from tests.parsing import hostile_parse
from tests.paths import SEEDS

LETTER = next(SEEDS.glob("001_*")).read_bytes()


@pytest.fixture
def parsers(gazetteer, theme_rules, theme_model):
    made = []

    def make(processes=1, seconds=60.0, memory_bytes=256 * 1024**2):
        pool = LimitedParsers(
            processes,
            limits=Limits(seconds=seconds, memory_bytes=memory_bytes),
            worker_args=(gazetteer.places, theme_rules, theme_model),
            parse=hostile_parse.parse,
        )
        made.append(pool)
        return pool

    yield make
    for pool in made:
        pool.close()


def test_a_document_past_the_time_limit_gives_up_and_the_next_is_read(parsers):
    pool = parsers(seconds=5)
    started = time.monotonic()
    stuck, letter = pool.submit(b"sleep", None), pool.submit(LETTER, None)
    failure = pool.result(stuck)
    assert isinstance(failure, ParseError) and str(failure) == "gave up after 5 s"
    assert time.monotonic() - started < 60  # not the ten minutes the document asked for
    assert isinstance(pool.result(letter), ParsedDocument)


def test_a_document_needing_too_much_memory_fails_saying_so_and_the_next_is_read(parsers):
    pool = parsers(memory_bytes=64 * 1024**2)
    greedy, letter = pool.submit(b"allocate", None), pool.submit(LETTER, None)
    failure = pool.result(greedy)
    assert isinstance(failure, ParseError) and str(failure) == "needed more than 64 MB"
    assert isinstance(pool.result(letter), ParsedDocument)


def test_a_reading_process_that_dies_fails_its_document_only(parsers):
    pool = parsers(processes=2)
    tickets = [pool.submit(data, None) for data in (LETTER, b"die", LETTER)]
    first, dead, last = (pool.result(ticket) for ticket in tickets)
    assert isinstance(first, ParsedDocument) and isinstance(last, ParsedDocument)
    assert isinstance(dead, ParseError)
    assert str(dead).startswith("the reading process ended without an answer (exit code -9)")


def test_children_end_when_the_parsers_close(parsers):
    pool = parsers(processes=2)
    pool.submit(b"sleep", None)
    children = [child.process for child in pool._children]
    pool.close()
    assert not any(process.is_alive() for process in children)


@pytest.mark.parametrize(
    ("size", "text"),
    [(1024**3, "1 GB"), (int(1.5 * 1024**3), "1.5 GB"), (50 * 1024**2, "50 MB"), (900, "900 bytes")],
)
def test_limits_are_named_as_people_write_them(size, text):
    assert size_text(size) == text
