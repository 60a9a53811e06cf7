"""Plain factory functions for authorities, visits, judgements, findings, themes and documents,
and `seed_world()`: the situation of the five seed documents, built by hand (the real ingest is
tested elsewhere) so that page tests can assert what a person sees."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from types import SimpleNamespace

from django.utils.text import slugify

from authorities.models import Authority, AuthorityAlias, StatisticalNeighbour
from inspections.models import (
    Disagreement,
    Finding,
    FindingTheme,
    Judgement,
    SourceDocument,
    Theme,
    Visit,
    VisitSource,
)

_counter = itertools.count(1)
_ons = itertools.count(1)


def make_authority(
    name: str,
    *,
    slug: str | None = None,
    ons_code: str | None = None,
    region: str = "London",
    authority_type: str = "london_borough",
    aliases=(),
    abolished: dt.date | None = None,
) -> Authority:
    authority = Authority.objects.create(
        name=name,
        slug=slug or slugify(name),
        ons_code=ons_code or f"E99{next(_ons):06d}",
        region=region,
        authority_type=authority_type,
        abolished=abolished,
    )
    for alias in aliases:
        AuthorityAlias.objects.create(authority=authority, name=alias)
    return authority


def make_neighbours(authority: Authority, neighbours) -> None:
    for rank, neighbour in enumerate(neighbours, start=1):
        StatisticalNeighbour.objects.create(
            authority=authority, neighbour=neighbour, rank=rank, closeness="Close"
        )


def make_theme(slug: str, name: str | None = None) -> Theme:
    theme, _ = Theme.objects.get_or_create(
        slug=slug, defaults={"name": name or slug.replace("-", " ").capitalize()}
    )
    return theme


def make_document(
    title: str,
    *,
    doc_kind: str = SourceDocument.Kind.LETTER,
    format: str = SourceDocument.Format.TEXT,
    status: str = SourceDocument.Status.PUBLISHED,
    published: dt.date | None = None,
    text: str | None = None,
    original: bytes | None = None,
    filename: str | None = None,
) -> SourceDocument:
    text = text if text is not None else f"{title}\n\nThe text of the document {next(_counter)}."
    original = original if original is not None else text.encode()
    return SourceDocument.objects.create(
        sha256=hashlib.sha256(original + str(next(_counter)).encode()).hexdigest(),
        filename=filename or f"{slugify(title)[:60]}.txt",
        format=format,
        doc_kind=doc_kind,
        title=title,
        published=published,
        original=original,
        size=len(original),
        extracted_text=text,
        status=status,
    )


def make_visit(
    authority: Authority,
    *,
    visit_type: str = "standard_inspection",
    start: dt.date | None = None,
    end: dt.date | None = None,
    published: dt.date | None = None,
    sources=(),
    reference_only: bool = False,
    approx_date: dt.date | None = None,
    approx_precision: str = "",
    sequence: str = "",
    inspectors=(),
    visit_type_stated: bool = True,
) -> Visit:
    visit = Visit.objects.create(
        authority=authority,
        visit_type=visit_type,
        visit_type_stated=visit_type_stated,
        start_date=start,
        end_date=end,
        published=published,
        reference_only=reference_only,
        approx_date=approx_date,
        approx_date_precision=approx_precision,
        sequence=sequence,
        inspectors=[{"name": name, "role": role} for name, role in inspectors],
    )
    for document in sources:
        VisitSource.objects.create(visit=visit, document=document)
    return visit


def make_judgements(
    visit: Visit, grades: dict[str, str], *, source=None, is_reference=False
) -> list[Judgement]:
    return [
        Judgement.objects.create(
            visit=visit, area=area, grade=grade, source=source, is_reference=is_reference
        )
        for area, grade in grades.items()
    ]


def make_finding(
    visit: Visit,
    text: str,
    *,
    source: SourceDocument,
    polarity: str = "strength",
    section: str = "finding",
    themes=(),
    area: str = "",
    hidden: bool = False,
) -> Finding:
    """themes: slugs, or (slug, evidence) pairs."""
    position = Finding.objects.filter(source=source).count()
    finding = Finding.objects.create(
        visit=visit,
        source=source,
        position=position,
        text=text,
        section=section,
        area=area,
        polarity=polarity,
        hidden=hidden,
    )
    for item in themes:
        slug, evidence = item if isinstance(item, tuple) else (item, "")
        FindingTheme.objects.create(finding=finding, theme=make_theme(slug), evidence=evidence)
    return finding


OUTSTANDING_ILACS = {
    "overall_effectiveness": "outstanding",
    "leadership": "outstanding",
    "help_and_protection": "outstanding",
    "children_in_care_and_care_leavers": "outstanding",
}

THRESHOLDS_WESTMINSTER_2018 = "Thresholds are appropriate and well embedded in practice."
THRESHOLDS_WESTMINSTER = (
    "Partner agencies have a shared understanding of thresholds, and contacts to the front door are "
    "meticulously managed."
)
THRESHOLDS_WANDSWORTH = "The understanding and application of thresholds for initiating child protection processes needs to improve."
THRESHOLDS_TOWER_HAMLETS = (
    "Thresholds are well embedded and are applied consistently in most cases, resulting in proportionate "
    "action to protect children."
)
CONSENT_WANDSWORTH = (
    "Consent for checks within the front door is too routinely overridden and, even when parents and carers "
    "are contacted, consent is not always clearly explained, or their views are not accurately recorded."
)


def seed_world() -> SimpleNamespace:
    """Westminster, Wandsworth and Tower Hamlets as the seed documents describe them, plus their
    neighbours, a draft document and a hidden finding that no public page may show."""
    for slug, name in [
        ("thresholds", "Thresholds"),
        ("consent", "Consent"),
        ("front-door", "Front door"),
        ("strategy-discussions", "Strategy discussions"),
        ("quality-assurance", "Quality assurance"),
        ("missing-children", "Missing children"),
        ("management-oversight", "Management oversight"),
        ("neglect", "Neglect"),
        ("early-help", "Early help"),
        ("assessments", "Assessments"),
    ]:
        make_theme(slug, name)

    w = SimpleNamespace()
    w.westminster = make_authority(
        "Westminster", ons_code="E09000033", aliases=["City of Westminster", "Westminster City Council"]
    )
    w.wandsworth = make_authority("Wandsworth", ons_code="E09000032")
    w.tower_hamlets = make_authority("Tower Hamlets", ons_code="E09000030")
    w.kensington = make_authority("Kensington and Chelsea", ons_code="E09000020")
    w.hammersmith = make_authority("Hammersmith and Fulham", ons_code="E09000013")
    w.leeds = make_authority(
        "Leeds",
        ons_code="E08000035",
        region="Yorkshire and the Humber",
        authority_type="metropolitan_district",
    )
    make_neighbours(w.westminster, [w.kensington, w.hammersmith, w.wandsworth, w.tower_hamlets])
    make_neighbours(w.wandsworth, [w.hammersmith, w.westminster])

    # Westminster: the 2018 focused visit (letter 001 and its news summary 000), then the
    # outstanding inspection (news 002, no date stated).
    w.letter = make_document(
        "Focused visit to Westminster children's services",
        doc_kind=SourceDocument.Kind.LETTER,
        published=dt.date(2018, 8, 31),
        filename="001_a56e531bfe843bf1.txt",
    )
    w.news_focused = make_document(
        "Westminster: strong corporate leadership", doc_kind=SourceDocument.Kind.NEWS, filename="000.txt"
    )
    w.focused = make_visit(
        w.westminster,
        visit_type="focused_visit",
        start=dt.date(2018, 8, 7),
        end=dt.date(2018, 8, 8),
        published=dt.date(2018, 8, 31),
        sources=[w.letter, w.news_focused],
        inspectors=[
            ("Andy Whippey", "Her Majesty's Inspector"),
            ("Caroline Walsh", "Her Majesty's Inspector"),
        ],
    )
    w.westminster_thresholds_2018 = make_finding(
        w.focused,
        THRESHOLDS_WESTMINSTER_2018,
        source=w.letter,
        themes=[("thresholds", "Thresholds")],
    )
    make_finding(
        w.focused,
        "Social workers ensure that they gain parental consent to make further enquiries in their initial "
        "consideration of referrals.",
        source=w.letter,
        themes=[("consent", "parental consent")],
    )
    make_finding(
        w.focused,
        "Audits seen by inspectors did not sufficiently evidence the lived experience of children.",
        source=w.letter,
        polarity="concern",
        themes=["quality-assurance"],
    )
    make_finding(
        w.focused,
        "The focus of case file audits on the impact of practice on outcomes for children and the clarity of "
        "actions required.",
        source=w.letter,
        polarity="concern",
        section="improvement",
        themes=["quality-assurance"],
    )
    make_finding(
        w.focused,
        "Partner engagement in strategy discussions and meetings.",
        source=w.letter,
        polarity="concern",
        section="improvement",
        themes=["strategy-discussions"],
    )
    Disagreement.objects.create(
        visit=w.focused,
        field="published",
        kept_value="2018-08-31",
        kept_source=w.letter,
        other_value="2018-09-03",
        other_source=w.news_focused,
    )

    w.news_outstanding = make_document(
        "Westminster rated as outstanding by Ofsted", doc_kind=SourceDocument.Kind.NEWS, filename="002.txt"
    )
    w.outstanding = make_visit(w.westminster, visit_type="standard_inspection", sources=[w.news_outstanding])
    make_judgements(w.outstanding, OUTSTANDING_ILACS, source=w.news_outstanding)
    w.westminster_thresholds = make_finding(
        w.outstanding,
        THRESHOLDS_WESTMINSTER,
        source=w.news_outstanding,
        themes=[("thresholds", "thresholds"), ("front-door", "front door")],
        area="help_and_protection",
    )
    make_finding(
        w.outstanding,
        "Children who go missing are seen promptly and are asked who they would prefer to undertake their "
        "return home conversations.",
        source=w.news_outstanding,
        themes=["missing-children"],
        area="help_and_protection",
    )

    # Wandsworth: a focused visit (news 003, no date stated), nearly all concerns.
    w.news_wandsworth = make_document(
        "Strong political support for children's services at Wandsworth",
        doc_kind=SourceDocument.Kind.NEWS,
        filename="003.txt",
    )
    w.wandsworth_visit = make_visit(w.wandsworth, visit_type="focused_visit", sources=[w.news_wandsworth])
    w.wandsworth_consent = make_finding(
        w.wandsworth_visit,
        CONSENT_WANDSWORTH,
        source=w.news_wandsworth,
        polarity="concern",
        themes=[("consent", "Consent"), ("front-door", "front door")],
    )
    make_finding(
        w.wandsworth_visit,
        "The quality of assessments is not yet consistently good across all teams.",
        source=w.news_wandsworth,
        polarity="concern",
        themes=["assessments"],
    )
    make_finding(
        w.wandsworth_visit,
        "Families benefit from a broad early help offer that is appropriately targeted at the right level of need.",
        source=w.news_wandsworth,
        themes=["early-help"],
    )
    w.wandsworth_thresholds = make_finding(
        w.wandsworth_visit,
        THRESHOLDS_WANDSWORTH,
        source=w.news_wandsworth,
        polarity="concern",
        section="improvement",
        themes=[("thresholds", "thresholds")],
    )

    # Tower Hamlets: the sixth and final monitoring visit (news 004), which refers to the 2017
    # inadequate judgement: a visit known only from that reference.
    w.news_tower_hamlets = make_document(
        "Monitoring visit to Tower Hamlets local authority children's services",
        doc_kind=SourceDocument.Kind.NEWS,
        filename="004.txt",
    )
    w.tower_hamlets_2017 = make_visit(
        w.tower_hamlets,
        visit_type="sif_inspection",
        reference_only=True,
        approx_date=dt.date(2017, 4, 1),
        approx_precision="month",
        sources=[w.news_tower_hamlets],
        visit_type_stated=False,
    )
    make_judgements(
        w.tower_hamlets_2017,
        {"overall_effectiveness": "inadequate"},
        source=w.news_tower_hamlets,
        is_reference=True,
    )
    w.monitoring = make_visit(
        w.tower_hamlets,
        visit_type="monitoring_visit",
        sources=[w.news_tower_hamlets],
        sequence="sixth and final monitoring visit",
    )
    w.tower_hamlets_thresholds = make_finding(
        w.monitoring,
        THRESHOLDS_TOWER_HAMLETS,
        source=w.news_tower_hamlets,
        section="overview",
        themes=[("thresholds", "Thresholds")],
    )
    make_finding(
        w.monitoring,
        "While inspectors saw good examples of analytical case supervision, this has not yet been effective in "
        "reducing drift and delay for several children experiencing neglect.",
        source=w.news_tower_hamlets,
        polarity="concern",
        themes=["management-oversight", "neglect"],
    )

    # Leeds: a dated, graded inspection, for the national picture.
    w.leeds_report = make_document(
        "Leeds inspection of children's social care services",
        doc_kind=SourceDocument.Kind.REPORT,
        format=SourceDocument.Format.PDF,
        published=dt.date(2019, 2, 1),
        original=b"%PDF-1.4 leeds",
        filename="leeds.pdf",
    )
    w.leeds_visit = make_visit(
        w.leeds,
        visit_type="standard_inspection",
        start=dt.date(2018, 12, 3),
        end=dt.date(2018, 12, 14),
        published=dt.date(2019, 2, 1),
        sources=[w.leeds_report],
    )
    make_judgements(
        w.leeds_visit,
        {
            "overall_effectiveness": "good",
            "leadership": "good",
            "help_and_protection": "requires_improvement",
            "children_in_care_and_care_leavers": "good",
        },
        source=w.leeds_report,
    )

    # Nothing of these may show on a public page.
    w.draft = make_document("Draft letter awaiting review", status=SourceDocument.Status.REVIEW)
    w.draft_visit = make_visit(w.wandsworth, visit_type="monitoring_visit", sources=[w.draft])
    make_finding(
        w.draft_visit, "SECRET draft finding about thresholds", source=w.draft, themes=["thresholds"]
    )
    make_finding(
        w.wandsworth_visit,
        "HIDDEN finding an admin withdrew about consent",
        source=w.news_wandsworth,
        polarity="concern",
        themes=["consent"],
        hidden=True,
    )
    return w


def bulk_world(n: int) -> list[Authority]:
    """n more authorities, each with a dated graded inspection, a focused visit, findings on two
    themes and statistical neighbours: data that makes an N+1 query show."""
    themes = [make_theme(slug) for slug in ("workforce", "caseloads", "thresholds")]
    authorities = []
    for index in range(n):
        authority = make_authority(
            f"Bulk Authority {index:03d}", region="North West", authority_type="unitary"
        )
        authorities.append(authority)
        report = make_document(
            f"Inspection of Bulk Authority {index:03d}", doc_kind=SourceDocument.Kind.REPORT
        )
        inspection = make_visit(
            authority,
            start=dt.date(2019, 1, 7) + dt.timedelta(days=index),
            end=dt.date(2019, 1, 18) + dt.timedelta(days=index),
            sources=[report],
        )
        make_judgements(
            inspection,
            {"overall_effectiveness": "good", "leadership": "requires_improvement", "care_leavers": "good"},
            source=report,
        )
        letter = make_document(f"Focused visit to Bulk Authority {index:03d}")
        focused = make_visit(
            authority,
            visit_type="focused_visit",
            start=dt.date(2021, 3, 1) + dt.timedelta(days=index),
            sources=[letter],
        )
        for position, theme in enumerate(themes):
            make_finding(
                focused,
                f"Finding {position} of bulk authority {index} on {theme.slug}.",
                source=letter,
                polarity="concern" if position % 2 else "strength",
                themes=[theme.slug, themes[(position + 1) % len(themes)].slug],
            )
    for authority in authorities:
        make_neighbours(authority, [a for a in authorities if a != authority][:3])
    return authorities


def inspect_tower_hamlets_in_2019(world: SimpleNamespace, grades: dict[str, str] | None = None) -> Visit:
    """The seed world's Tower Hamlets re-inspected in June 2019 (judged good), which ends the
    inadequate judgement of 2017 and bounds the window of its undated monitoring visit."""
    report = make_document("Tower Hamlets inspection 2019", doc_kind="report", published=dt.date(2019, 7, 26))
    visit = make_visit(
        world.tower_hamlets,
        visit_type="standard_inspection",
        start=dt.date(2019, 6, 3),
        end=dt.date(2019, 6, 14),
        published=dt.date(2019, 7, 26),
        sources=[report],
    )
    make_judgements(visit, grades or {"overall_effectiveness": "good"}, source=report)
    return visit


def make_long_history(authority, visits: int, findings_per_visit: int = 50, themes: int = 30) -> list:
    """visits of authority a month apart from 2009, every third an inspection graded
    requires improvement, each with findings_per_visit findings on two of `themes` themes."""
    theme_rows = [
        make_theme(f"theme-{index:02d}", f"A theme of practice number {index}") for index in range(themes)
    ]
    made = []
    for index in range(visits):
        start = dt.date(2009, 1, 5) + dt.timedelta(days=30 * index)
        inspection = index % 3 == 0
        letter = make_document(f"Visit {index} to {authority.name}", published=start + dt.timedelta(days=40))
        visit = make_visit(
            authority,
            visit_type="standard_inspection" if inspection else "monitoring_visit",
            start=start,
            end=start + dt.timedelta(days=4),
            sources=[letter],
        )
        if inspection:
            make_judgements(visit, {"overall_effectiveness": "requires_improvement"}, source=letter)
        findings = Finding.objects.bulk_create(
            Finding(visit=visit, source=letter, position=position, text=f"Finding {position} of visit {index}.",
                    section="finding", polarity="concern" if position % 3 else "strength")
            for position in range(findings_per_visit)
        )  # fmt: skip
        FindingTheme.objects.bulk_create(
            FindingTheme(finding=finding, theme=theme_rows[(position + offset) % themes])
            for position, finding in enumerate(findings)
            for offset in (0, 7)
        )
        made.append(visit)
    return made


def add_recurring_weakness(authority: Authority) -> Visit:
    """Two inspections raising the quality of assessments, in judgement areas and as improvement
    points, with the authority's recurring weaknesses found again; returns the later visit."""
    from inspections.recurring import recurring_weaknesses_refresh

    texts = (
        "The quality and consistency of social work assessments and children’s plans.",
        "The consistency in the quality of children’s assessments in the assessment teams.",
    )
    for year, text in zip((2019, 2023), texts, strict=True):
        document = make_document(f"Inspection of {authority.name} {year}", doc_kind="report")
        visit = make_visit(authority, start=dt.date(year, 3, 4), end=dt.date(year, 3, 15), sources=[document])
        make_finding(visit, "Leaders know their services well.", source=document, area="leadership")
        make_finding(visit, f"Assessments are inconsistent in {year}.", source=document, polarity="concern", area="help_and_protection", themes=["assessments"])  # fmt: skip
        make_finding(visit, text, source=document, polarity="concern", section="improvement", themes=["assessments"])  # fmt: skip
    recurring_weaknesses_refresh([authority.pk])
    return visit
