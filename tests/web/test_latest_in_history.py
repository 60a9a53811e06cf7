"""The authority page reads an authority's latest grades from the history it has already loaded;
the list, the overview and the API ask the database. Both must give the same judgements."""

import datetime as dt

from authorities.models import Authority
from dashboard.grades import grade_timeline, latest_in_history, latest_judgements, with_latest_judgement_ids
from inspections.models import Visit
from inspections.models.visits import public_judgements_by_visit
from tests.factories import inspect_tower_hamlets_in_2019, make_document, make_judgements, make_visit


def _live(authority) -> dict[str, int]:
    annotated = with_latest_judgement_ids(Authority.objects.filter(pk=authority.pk))
    return {key: judgement.pk for key, judgement in latest_judgements(annotated)[authority.pk].items()}


def _from_history(authority) -> dict[str, int]:
    visits = list(Visit.objects.public().filter(authority=authority).chronological())
    timeline = grade_timeline(visits, public_judgements_by_visit(visits))
    return {key: judgement.pk for key, judgement in latest_in_history(timeline).items()}


def test_the_latest_grades_from_the_history_are_the_databases_answer(world):
    inspect_tower_hamlets_in_2019(world, {"overall_effectiveness": "good", "leadership": "good"})
    # Leeds: two undated inspections (the higher id counts), a dated one on the same day as
    # another (the higher id counts), a combined area answering two columns, and a draft's grade.
    for grades in ({"overall_effectiveness": "inadequate"}, {"overall_effectiveness": "good"}):
        report = make_document("Undated report", doc_kind="report")
        make_judgements(make_visit(world.leeds, sources=[report]), grades, source=report)
    for visit_type, grade in (("short_inspection", "requires_improvement"), ("standard_inspection", "good")):
        report = make_document(f"Leeds {visit_type}", doc_kind="report", published=dt.date(2022, 5, 1))
        visit = make_visit(world.leeds, visit_type=visit_type, start=dt.date(2022, 3, 7), sources=[report])
        make_judgements(
            visit, {"overall_effectiveness": grade, "children_in_care_and_care_leavers": grade}, source=report
        )
    make_judgements(world.draft_visit, {"leadership": "outstanding"}, source=world.draft)

    answers = {
        authority.slug: (_from_history(authority), _live(authority)) for authority in Authority.objects.all()
    }
    for slug, (from_history, live) in answers.items():
        assert from_history == live, slug
    assert answers["leeds"][0]["care_leavers"] == answers["leeds"][0]["children_in_care"]
    assert set(answers["tower-hamlets"][0]) == {"overall", "leadership"}
