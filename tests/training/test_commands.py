"""build_theme_model and evaluate_themes as an admin runs them."""

import json

import pytest
from django.core.management import CommandError, call_command

from inspections.parsing.theme_model import ThemeModel
from inspections.training.dataset import LABELLED_SET


@pytest.fixture
def few_documents(tmp_path):
    """The labelled findings of six documents, as a labels file."""
    rows = [json.loads(line) for line in LABELLED_SET.read_text(encoding="utf-8").splitlines()]
    documents = sorted({row["doc"] for row in rows})[:6]
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows if r["doc"] in documents), encoding="utf-8")
    return path


def test_build_writes_a_model_ingest_can_read(db, tmp_path, few_documents, capsys):
    output = tmp_path / "model.json"
    call_command("build_theme_model", labels=few_documents, output=output)
    model = ThemeModel.load(output)
    said = capsys.readouterr().out
    assert f"theme model {model.version}" in said and str(output) in said
    call_command("build_theme_model", labels=few_documents, output=output, if_missing=True)
    assert "already built" in capsys.readouterr().out


def test_build_if_missing_replaces_a_model_an_older_version_built(db, tmp_path, few_documents, capsys):
    output = tmp_path / "model.json"
    call_command("build_theme_model", labels=few_documents, output=output)
    older = json.loads(output.read_bytes())
    older["settings"]["threshold"] = 0.5  # what the build used before the log-count ratios
    output.write_text(json.dumps(older), encoding="utf-8")
    capsys.readouterr()
    call_command("build_theme_model", labels=few_documents, output=output, if_missing=True)
    assert "built by an older version" in capsys.readouterr().out
    assert json.loads(output.read_bytes()) != older
    ThemeModel.load(output)


def test_build_if_missing_rebuilds_a_model_of_an_older_format(db, tmp_path, few_documents, capsys):
    output = tmp_path / "model.json"
    output.write_text(json.dumps({"format": 1, "version": "older"}), encoding="utf-8")
    call_command("build_theme_model", labels=few_documents, output=output, if_missing=True)
    assert "built by an older version" in capsys.readouterr().out
    assert ThemeModel.load(output).version != "older"


def test_build_refuses_a_labels_file_it_cannot_read(db, tmp_path):
    bad = tmp_path / "labels.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r"labels.jsonl, line 1: not a labelled finding"):
        call_command("build_theme_model", labels=bad, output=tmp_path / "model.json")


def test_evaluate_reports_per_theme_scores_and_polarity_confusion(db, few_documents, capsys):
    call_command("evaluate_themes", labels=few_documents, folds=3)
    report = capsys.readouterr().out
    lines = report.splitlines()
    assert lines[0].startswith("| reading | findings | themes precision | recall | F1 | polarity accuracy |")
    tagger = next(line for line in lines if line.startswith("| tagger, held out |"))
    assert int(tagger.split("|")[2]) == sum(1 for _ in few_documents.open())
    assert any(line.startswith("| keyword rules alone |") for line in lines)
    assert "| theme | labelled | precision | recall | F1 | rules' F1 |" in report
    assert "| labelled \\ read | strength | concern | mixed | neutral |" in report


def test_evaluate_needs_as_many_documents_as_folds(db, few_documents):
    with pytest.raises(CommandError, match="fewer documents than folds"):
        call_command("evaluate_themes", labels=few_documents, folds=7)
