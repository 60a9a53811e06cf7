"""`sync_ofsted` meets a copy of a letter it already stored (the same text under another address, in
another encoding): kept as a source of the same findings, no new findings, said on its own line."""

import codecs

from inspections.models import Finding, SourceDocument
from tests.sync.conftest import WESTMINSTER_LETTER, run_sync


def test_the_same_letter_at_another_address_brings_no_new_findings(site, reference_data):
    run_sync("--authority", "westminster")
    letter = SourceDocument.objects.get()
    findings = Finding.objects.count()
    text = WESTMINSTER_LETTER.read_text(encoding="utf-8")
    site.add("80519", ("/v1/file/1003", "Focused visit - 31 August 2018, txt"))
    site.standin.document("/v1/file/1003", codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "text/plain")

    run = run_sync("--authority", "westminster")
    assert run.code == 0, run.err
    url = site.standin.url("/v1/file/1003")
    assert f"{url}: same text as {letter}: no new findings" in run.lines
    copy = SourceDocument.objects.get(source_url=url)
    assert copy.copy_of == letter and copy.status == "published"
    assert Finding.objects.count() == findings
