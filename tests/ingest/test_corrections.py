"""Corrections teach the tagger; theme keywords an admin types are checked."""

import json

import pytest
from django.core.management import call_command

from inspections.corrections import correct_fields
from inspections.models import Finding, FindingLabel, Theme
from inspections.training.dataset import LABELLED_SET


def correct(user, finding, *, polarity, themes):
    return correct_fields(finding, {"polarity": polarity, "themes": themes}, by=user, reason="Read again")


def test_a_correction_is_kept_as_a_label_with_who_and_when(seeds, admin_user, tmp_path, capsys):
    finding = Finding.objects.get(text__startswith="Staff morale in Westminster is high")
    correct(admin_user, finding, polarity="concern", themes=["workforce", "leadership"])
    label = FindingLabel.objects.get()
    assert (label.finding, label.themes, label.polarity) == (finding, ["leadership", "workforce"], "concern")
    assert label.labelled_by == admin_user and label.labelled_at is not None
    assert label.document_sha256 == finding.source.sha256

    # A few whole documents of the labelled set: the whole set takes a minute to learn from.
    lines = LABELLED_SET.read_text(encoding="utf-8").splitlines(keepends=True)
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(line for line in lines if json.loads(line)["doc"] < "80427"), encoding="utf-8")
    call_command("build_theme_model", with_corrections=True, labels=labels, output=tmp_path / "model.json")
    labelled = len(labels.read_text(encoding="utf-8").splitlines())
    assert f"{labelled} labelled findings, 1 corrections" in capsys.readouterr().out
    assert json.loads((tmp_path / "model.json").read_bytes())["examples"] == labelled + 1


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
