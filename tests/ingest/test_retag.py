"""Tagging stored findings again: after an admin edits a theme, or a new model is built."""

from django.core.management import call_command

from inspections.models import Finding, Theme


def test_an_edited_theme_reaches_stored_findings_and_the_report_counts_them(seeds, capsys):
    housing = Theme.objects.get(slug="housing")
    housing.patterns += "\nintegrated gangs unit"
    housing.save()
    call_command("retag_findings")
    said = capsys.readouterr().out
    assert "housing: +1 -0" in said
    finding = Finding.objects.get(text__startswith="The integrated gangs unit adds real value")
    link = finding.finding_themes.get(theme=housing)
    assert "integrated gangs unit" in link.evidence
    assert "findings re-tagged with model" in said


def test_nothing_changes_when_nothing_changed(seeds, capsys):
    call_command("retag_findings")
    assert ": 0 changed themes, 0 changed polarity" in capsys.readouterr().out


def test_a_finding_an_admin_corrected_is_left_as_it_is(seeds):
    finding = Finding.objects.get(text__startswith="The integrated gangs unit adds real value")
    finding.finding_themes.all().delete()
    Finding.objects.filter(pk=finding.pk).update(edited=True, polarity="neutral")
    call_command("retag_findings")
    finding.refresh_from_db()
    assert finding.polarity == "neutral" and not finding.finding_themes.exists()


def test_reparse_outdated_reads_only_what_another_model_read(seeds, capsys):
    seed = Finding.objects.get(text__startswith="The integrated gangs unit adds real value").source
    type(seed).objects.filter(pk=seed.pk).update(parser_version="1+000000000000")
    call_command("reparse", outdated=True)
    assert "1 documents re-parsed" in capsys.readouterr().out
    call_command("reparse", outdated=True)
    assert "0 documents re-parsed" in capsys.readouterr().out
