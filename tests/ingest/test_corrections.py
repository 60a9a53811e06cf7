"""Corrections teach the tagger; theme keywords an admin types are checked."""

import pytest
from django.core.management import call_command

from inspections.corrections import correct_fields
from inspections.models import Finding, FindingLabel, Theme


def correct(user, finding, *, polarity, themes):
    return correct_fields(finding, {"polarity": polarity, "themes": themes}, by=user, reason="Read again")


def test_a_correction_is_kept_as_a_label_with_who_and_when(seeds, admin_user, tmp_path, capsys):
    finding = Finding.objects.get(text__startswith="Staff morale in Westminster is high")
    correct(admin_user, finding, polarity="concern", themes=["workforce", "leadership"])
    label = FindingLabel.objects.get()
    assert (label.finding, label.themes, label.polarity) == (finding, ["leadership", "workforce"], "concern")
    assert label.labelled_by == admin_user and label.labelled_at is not None
    assert label.document_sha256 == finding.source.sha256

    call_command("build_theme_model", with_corrections=True, output=tmp_path / "model.json")
    assert "1 corrections" in capsys.readouterr().out


def test_saving_a_finding_unchanged_twice_keeps_one_label(seeds, admin_user):
    finding = Finding.objects.get(text__startswith="Staff morale in Westminster is high")
    for _ in range(2):
        correct(admin_user, finding, polarity="concern", themes=["workforce"])
    assert FindingLabel.objects.count() == 1


@pytest.mark.parametrize("pattern", [r"supervis(ion", r"(?i)late flag after"])
def test_a_theme_pattern_that_does_not_compile_is_refused_with_a_message(seeds, admin_client, pattern):
    theme = Theme.objects.get(slug="workforce")
    response = admin_client.post(
        f"/admin/inspections/theme/{theme.pk}/change/",
        {
            "slug": theme.slug,
            "name": theme.name,
            "description": theme.description,
            "patterns": f"agency staff\n{pattern}",
        },
    )
    assert response.status_code == 200
    assert f"Line 2, {pattern!r}, is not a valid pattern" in response.content.decode().replace("&#x27;", "'")
    theme.refresh_from_db()
    assert pattern not in theme.patterns
