"""The learned tagger: what a manager filtering by theme and polarity would notice."""

import numpy as np

from inspections.parsing.classify import ThemeRule
from inspections.parsing.records import FindingRecord
from inspections.parsing.term_vectors import words_of
from inspections.parsing.theme_model import finding_terms, findings_classify, sentence_spans, sentences_of
from inspections.training.build import model_build, model_bytes


def tagged(model, rules, text, section="finding", area=None) -> FindingRecord:
    record = FindingRecord(text=text, section=section, area=area)
    findings_classify([record], rules, model)
    return record


def test_the_labelled_set_is_large_and_read_by_people(examples):
    assert len(examples) >= 1500
    assert len({e.group for e in examples}) >= 60
    assert {e.section for e in examples} == {"overview", "improvement", "finding"}
    assert all(e.themes for e in examples)
    assert all(e.polarity == "concern" for e in examples if e.section == "improvement")


def test_timely_in_passing_is_not_timeliness(model, default_rules):
    text = (
        "Foster carers are well supported by their supervising social workers, who visit regularly and "
        "provide a timely response when carers ask for help. Training for carers is comprehensive."
    )
    record = tagged(model, default_rules, text)
    assert "timeliness" not in record.themes
    assert "children-in-care" in record.themes


def test_drift_and_delay_is_timeliness(model, default_rules):
    text = (
        "Too many children experience drift and delay in achieving permanence because care proceedings "
        "are not started promptly and assessments take too long to complete."
    )
    record = tagged(model, default_rules, text)
    assert "timeliness" in record.themes
    assert record.polarity == "concern"


def test_a_strength_with_a_real_gap_is_mixed_and_a_small_number_keeps_a_strength(model, default_rules):
    mixed = tagged(
        model,
        default_rules,
        "Assessments are thorough and consider the child's history well. However, plans are not yet "
        "consistently specific, and in a minority of cases actions are not completed within timescales.",
    )
    assert mixed.polarity == "mixed"
    strength = tagged(
        model,
        default_rules,
        "Children in care live in stable homes where they are well cared for. Social workers know them "
        "well and visit them regularly.",
    )
    assert strength.polarity == "strength"


def test_each_theme_shows_the_words_that_put_it_there(model, default_rules):
    record = tagged(
        model, default_rules, "Caseloads are high and social workers say they cannot manage them."
    )
    assert "caseloads" in record.themes
    assert any("caseload" in word for word in record.theme_evidence["caseloads"])


def test_an_improvement_point_is_a_concern(model, default_rules):
    record = tagged(
        model, default_rules, "The quality of supervision of social workers.", section="improvement"
    )
    assert record.polarity == "concern"
    assert "management-oversight" in record.themes


def test_a_keyword_an_admin_adds_works_at_once(model, default_rules):
    text = "Children benefit from the zebra crossing outside the family centre."
    assert "housing" not in tagged(model, default_rules, text).themes
    edited = [
        ThemeRule(rule.slug, (*rule.patterns, r"zebra crossings?")) if rule.slug == "housing" else rule
        for rule in default_rules
    ]
    record = tagged(model, edited, text)
    assert "housing" in record.themes
    assert record.theme_evidence["housing"] == ["zebra crossing"]


def test_a_new_theme_an_admin_creates_is_tagged_by_its_keywords(model, default_rules):
    rules = [*default_rules, ThemeRule("young-carers", (r"young carers?",))]
    record = tagged(model, rules, "Young carers are identified early and receive good support.")
    assert "young-carers" in record.themes


def test_the_build_is_deterministic(examples, default_rules):
    sample = [e for e in examples if e.group < "80427"]  # whole documents, 259 findings
    first, second = model_build(sample, default_rules), model_build(sample, default_rules)
    assert model_bytes(first) == model_bytes(second)
    assert first["version"] == second["version"] and len(first["version"]) == 12
    assert first["examples"] == len(sample)


def test_the_tagger_reads_the_terms_the_model_learned_from(model, examples):
    """Ingest finds a finding's words and phrases by number; they must be the very terms training
    read (`finding_terms`, `sentence_terms`), or tagging would drift from what was learned."""
    texts = [e.text for e in examples[::7]]
    texts += ["", "  ", "Good.  Poor; İNDUCTION of the the staff.", "Not yet. (Plans) are ‘good’. 3 A"]
    for text in texts:
        spans = sentence_spans(text)
        sentence_words = [words_of(text[start:end]) for start, end in spans]
        numbers = model.words.numbers([word for words in sentence_words for word in words])
        for linear in (model.theme_model, model.polarity_model):
            learned = [linear.index[t] for t in finding_terms(text, linear.stop_words) if t in linear.index]
            assert sorted(linear.columns(numbers)[0].tolist()) == sorted(learned), text
        reader = model.sentence_reader.linear
        starts = np.cumsum([0, *(len(words) for words in sentence_words[:-1])])
        columns, positions = reader.columns(numbers, starts)
        sentence_of = np.searchsorted(starts, positions, side="right") - 1
        for number, sentence in enumerate(sentences_of(text)):
            learned = [reader.index[t] for t in finding_terms(sentence, frozenset()) if t in reader.index]
            assert sorted(columns[sentence_of == number].tolist()) == sorted(learned), sentence


def test_a_documents_findings_tagged_together_get_what_each_gets_alone(model, default_rules, examples):
    """Ingest tags a document's findings in one batch: no phrase, sentence or score may run from one
    finding into the next, and an improvement point among them changes nothing for the others."""
    sample = [(e.text, e.section, e.area) for e in examples[::11]]
    sample[3:3] = [
        ("", "finding", None),
        ("The the and. Of.", "overview", None),
        ("Good.", "improvement", None),
    ]
    rules = [*default_rules, ThemeRule("young-carers", (r"young carers?",))]
    together = [FindingRecord(text=text, section=section, area=area) for text, section, area in sample]
    findings_classify(together, rules, model)
    for record, (text, section, area) in zip(together, sample, strict=True):
        alone = tagged(model, rules, text, section, area)
        assert (record.themes, record.theme_evidence, record.polarity) == (
            alone.themes,
            alone.theme_evidence,
            alone.polarity,
        ), text
