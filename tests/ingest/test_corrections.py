"""Corrections teach the tagger; theme keywords an admin types are checked."""

import pytest
from django.core.management import call_command

from inspections.models import Finding, FindingLabel, Theme


def correct(admin_client, finding, *, polarity, themes):
    form = {
        "visit": finding.visit_id,
        "source": finding.source_id,
        "position": finding.position,
        "text": finding.text,
        "section": finding.section,
        "area": finding.area,
        "polarity": polarity,
        "finding_themes-TOTAL_FORMS": str(len(themes)),
        "finding_themes-INITIAL_FORMS": "0",
        "finding_themes-MIN_NUM_FORMS": "0",
        "finding_themes-MAX_NUM_FORMS": "1000",
    }
    for number, slug in enumerate(themes):
        form[f"finding_themes-{number}-theme"] = Theme.objects.get(slug=slug).pk
        form[f"finding_themes-{number}-evidence"] = ""
    finding.finding_themes.all().delete()
    return admin_client.post(f"/admin/inspections/finding/{finding.pk}/change/", form)


def test_a_correction_is_kept_as_a_label_with_who_and_when(seeds, admin_client, admin_user, tmp_path, capsys):
    finding = Finding.objects.get(text__startswith="Staff morale in Westminster is high")
    response = correct(admin_client, finding, polarity="strength", themes=["workforce", "leadership"])
    assert response.status_code == 302, response.content[:2000]
    label = FindingLabel.objects.get()
    assert (label.finding, label.themes, label.polarity) == (finding, ["leadership", "workforce"], "strength")
    assert label.labelled_by == admin_user and label.labelled_at is not None
    assert label.document_sha256 == finding.source.sha256

    call_command("build_theme_model", with_corrections=True, output=tmp_path / "model.json")
    assert "1 corrections" in capsys.readouterr().out


def test_saving_a_finding_unchanged_twice_keeps_one_label(seeds, admin_client):
    finding = Finding.objects.get(text__startswith="Staff morale in Westminster is high")
    for _ in range(2):
        correct(admin_client, finding, polarity="strength", themes=["workforce"])
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
