"""Reading the shipped reference files (no database): the parsers' gazetteer."""

from authorities.reference import read_authorities, read_neighbours, read_predecessors
from inspections.ingest import reference_gazetteer


def test_read_authorities_gives_the_153_current():
    rows = read_authorities()
    assert len(rows) == 153
    assert all(r.abolished is None for r in rows)
    westminster = next(r for r in rows if r.name == "Westminster")
    assert westminster.ons_code == "E09000033"
    assert "City of Westminster" in westminster.aliases


def test_read_predecessors_and_neighbours():
    predecessors = {r.name: r for r in read_predecessors()}
    assert set(predecessors) == {
        "Cumbria",
        "Northamptonshire",
        "Dorset County Council",
        "Bournemouth",
        "Poole",
    }
    assert predecessors["Cumbria"].successors == ("E06000063", "E06000064")
    assert len(read_neighbours()) == 1530


def test_gazetteer_knows_aliases_and_predecessors():
    gazetteer = reference_gazetteer()
    assert gazetteer.lookup("City of Westminster").ons_code == "E09000033"
    assert gazetteer.lookup("Hull").ons_code == "E06000010"
    assert gazetteer.lookup("Bristol, City of").ons_code == "E06000023"
    # A 2016 report on Cumbria is about Cumbria, not about one of its successors.
    assert gazetteer.lookup("Cumbria").ons_code == "E10000006"
    assert gazetteer.lookup("Dorset").ons_code == "E06000059"
    mentioned = gazetteer.mentions("Cumbria County Council's children's services were inspected in 2016.")
    assert [p.name for p in mentioned] == ["Cumbria"]


def test_gazetteer_without_predecessors():
    gazetteer = reference_gazetteer(predecessors_path=None)
    assert gazetteer.lookup("Cumbria") is None
