"""A run stopped part-way (Ctrl-C, systemd stopping it, a killed process) is picked up by the next."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from inspections.management.commands import sync_ofsted
from inspections.models import SourceDocument, SyncRun
from tests.sync.conftest import run_sync


@pytest.fixture
def stop_after_two_authorities(monkeypatch):
    """Ctrl-C once the second authority (Knowsley, by name) is done."""
    finished = sync_ofsted.Progress.provider_finished

    def then_stop(self, done, total, name, tally):
        finished(self, done, total, name, tally)
        if done == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(sync_ofsted.Progress, "provider_finished", then_stop)
    return monkeypatch


def test_a_stopped_run_started_again_continues_where_it_stopped(
    site, reference_data, stop_after_two_authorities
):
    first = run_sync()
    assert first.code == 1
    assert "stopped; run the same command again to continue" in first.err
    stopped = SyncRun.objects.get()
    assert (stopped.status, stopped.providers_done, stopped.new) == ("interrupted", 2, 3)
    assert SourceDocument.objects.count() == 3

    stop_after_two_authorities.undo()
    second = run_sync()
    assert second.code == 0, second.err
    assert second.out.strip() == "4 of 4 authorities, 1 publication: 1 new, 0 unchanged, 0 failed"
    assert any(line.startswith("picking up from the run started") for line in second.lines)
    assert SyncRun.objects.latest_first().first().resumes == stopped
    # Nothing was asked for twice: not the pages of the providers done, not a file.
    asked = Counter(path for path in site.standin.log if not path.startswith("/search"))
    assert asked and set(asked.values()) == {1}, asked
    assert SourceDocument.objects.count() == 4


def test_a_run_whose_process_died_is_recorded_as_interrupted_and_picked_up(
    site, reference_data, stop_after_two_authorities
):
    run_sync()
    SyncRun.objects.update(status="running", message="")  # as a killed process leaves it
    stop_after_two_authorities.undo()
    run_sync()
    died, second = SyncRun.objects.order_by("pk")
    assert died.status == "interrupted" and died.message.startswith("did not finish")
    assert second.resumes == died and second.status == "succeeded"


def test_a_stopped_run_more_than_a_day_old_is_not_picked_up(site, reference_data, stop_after_two_authorities):
    run_sync()
    SyncRun.objects.update(started_at=timezone.now() - dt.timedelta(days=2))
    stop_after_two_authorities.undo()
    site.standin.log.clear()
    run = run_sync()
    assert "/provider/44/80545" in site.standin.log  # read again: it may have new publications
    assert run.out.strip() == "4 of 4 authorities, 4 publications: 1 new, 3 unchanged, 0 failed"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_is_one_line_rewritten_then_a_summary(site, reference_data):
    out, err = io.StringIO(), Terminal()
    call_command("sync_ofsted", stdout=out, stderr=err)
    assert "\rauthorities 4/4 · documents 4 new, 0 unchanged, 0 failed · Westminster" in err.getvalue()
    assert out.getvalue() == "4 of 4 authorities, 4 publications: 4 new, 0 unchanged, 0 failed\n"
