"""The starting set of themes (DESIGN.md); seeded into the Theme table, which admins then edit.

Each pattern is a regular expression matched case-insensitively against a finding's text.
Keep them readable: one idea per pattern, `\\b` word boundaries at both ends, `s?` for plurals.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultTheme:
    slug: str
    name: str
    description: str
    patterns: tuple[str, ...]


DEFAULT_THEMES: list[DefaultTheme] = [
    DefaultTheme(
        "front-door",
        "Front door",
        "Contacts, referrals and the first response: the MASH, duty and assessment teams.",
        (
            r"\bfront[- ]door\b",
            r"\bMASH\b",
            r"\bmulti[- ]agency safeguarding hubs?\b",
            r"\bcontacts\b",
            r"\breferrals?\b",
            r"\bre-referrals?\b",
            r"\b(?:access|referral|duty) and assessment\b",
            r"\bfirst response\b",
            r"\bsingle point of (?:access|contact)\b",
            r"\bchildren'?s (?:advice|services) (?:and support )?(?:hub|service desk)\b",
        ),
    ),
    DefaultTheme(
        "thresholds",
        "Thresholds",
        "How the levels of need and risk are understood and applied.",
        (
            r"\bthresholds?\b",
            r"\blevels? of need\b",
        ),
    ),
    DefaultTheme(
        "consent",
        "Consent",
        "Parental consent for checks, enquiries and information sharing.",
        (r"\bconsent(?:ed|s)?\b",),
    ),
    DefaultTheme(
        "strategy-discussions",
        "Strategy discussions",
        "Strategy discussions and strategy meetings: timing, attendance and quality.",
        (
            r"\bstrategy (?:discussions?|meetings?)\b",
            r"\bstrategy discussions? and meetings?\b",
        ),
    ),
    DefaultTheme(
        "child-protection-enquiries",
        "Child protection enquiries",
        "Section 47 enquiries and child protection investigations.",
        (
            r"\bchild protection (?:enquir(?:y|ies)|investigations?)\b",
            r"\bsection 47\b",
            r"\bs\.? ?47\b",
        ),
    ),
    DefaultTheme(
        "assessments",
        "Assessments",
        "Quality and analysis of social work assessments.",
        (
            r"(?<!self-)(?<!self )\bassessments?\b",
            r"(?<!self-)\bassessed\b",
        ),
    ),
    DefaultTheme(
        "plans",
        "Plans and planning",
        "Child in need, child protection, care and pathway plans, and planning.",
        (
            r"\bplans?\b",
            r"\bplanning\b",
        ),
    ),
    DefaultTheme(
        "management-oversight",
        "Management oversight",
        "Supervision, case direction and management oversight of practice.",
        (
            r"\bsupervis(?:ion|ions|ed|ing|ors?)\b",
            r"\bmanage(?:ment|rial|rs') oversight\b",
            r"\boversight\b",
            r"\bcase direction\b",
            r"\bmanagement direction\b",
            r"\bmanagers? (?:challenge|direct|review)s?\b",
        ),
    ),
    DefaultTheme(
        "caseloads",
        "Caseloads",
        "Caseloads and workloads of social workers.",
        (
            r"\bcase ?loads?\b",
            r"\bworkloads?\b",
        ),
    ),
    DefaultTheme(
        "workforce",
        "Workforce",
        "Recruitment, retention, turnover, morale, training and development of staff.",
        (
            r"\bworkforce\b",
            r"\bmorale\b",
            r"\brecruit(?:s|ed|ing|ment)?\b",
            r"\bretention\b",
            r"\bturnover\b",
            r"\btraining\b",
            r"\binduction\b",
            r"\bstaff(?:ing)?\b",
            r"\bvacanc(?:y|ies)\b",
            r"\bagency (?:social )?workers?\b",
            r"\btemporary social workers?\b",
            r"\bnewly qualified\b",
            r"\bASYE\b",
            r"\bprofessional development\b",
        ),
    ),
    DefaultTheme(
        "early-help",
        "Early help",
        "Early help and early intervention, and stepping up and down.",
        (
            r"\bearly help\b",
            r"\bearly intervention\b",
            r"\bstep(?:ped|ping|s)? (?:up|down)\b",
            r"'step (?:up|down)'",
        ),
    ),
    DefaultTheme(
        "partnership",
        "Partnership",
        "Work with partner agencies: police, health, schools; information sharing.",
        (
            r"\bpartners?\b",
            r"\bpartnerships?\b",
            r"\bpartner agenc(?:y|ies)\b",
            r"\bmulti-?agency\b",
            r"\bpolice\b",
            r"\binformation[- ]sharing\b",
            r"\bco-?located\b",
            r"\bhealth professionals?\b",
            r"\bsafeguarding (?:partnership|children board)\b",
            r"\bLSCB\b",
        ),
    ),
    DefaultTheme(
        "quality-assurance",
        "Quality assurance",
        "Audits, performance data and management information, self-evaluation.",
        (
            r"\baudit(?:s|ed|ing|ors?)?\b",
            r"\bquality assurance\b",
            r"\bperformance (?:data|management|information|reports?|monitoring|checks?)\b",
            r"\bmanagement information\b",
            r"\bself[- ](?:evaluation|assessment)\b",
            r"\bpractice weeks?\b",
            r"\bdip[- ]sampl(?:e|es|ing)\b",
        ),
    ),
    DefaultTheme(
        "leadership",
        "Leadership",
        "Senior and political leadership, corporate support and governance.",
        (
            r"\bleaders(?:hip)?\b",
            r"\bsenior managers?\b",
            r"\bcorporate(?:ly)?\b",
            r"\bpolitical\b",
            r"\belected members?\b",
            r"\blead member\b",
            r"\bdirector\b",
            r"\bchief executive\b",
            r"\bgovernance\b",
        ),
    ),
    DefaultTheme(
        "children-voice",
        "Children's voice",
        "Children's wishes and feelings, their lived experience and direct work with them.",
        (
            r"\bwishes and feelings\b",
            r"\blived experiences?\b",
            r"\bdirect work\b",
            r"\bvoices? of (?:the )?child(?:ren)?\b",
            r"\bchildren'?s (?:views|voices?)\b",
            r"\bviews of (?:the )?child(?:ren)?\b",
            r"\bchild-?(?:centred|focused)\b",
        ),
    ),
    DefaultTheme(
        "exploitation",
        "Exploitation",
        "Child sexual and criminal exploitation, gangs, county lines, trafficking.",
        (
            r"\bexploit(?:ation|ed)\b",
            r"\bgangs?\b",
            r"\bCSE\b",
            r"\bCCE\b",
            r"\bcounty lines\b",
            r"\btrafficking\b",
            r"\bserious youth violence\b",
            r"\bradicalisation\b",
        ),
    ),
    DefaultTheme(
        "missing-children",
        "Missing children",
        "Children who go missing from home, care or education, and return home interviews.",
        (
            r"\bmissing\b",
            r"\breturn (?:home )?(?:interviews?|conversations?)\b",
        ),
    ),
    DefaultTheme(
        "disabled-children",
        "Disabled children",
        "Children with disabilities and special educational needs.",
        (
            r"\bdisabled\b",
            r"\bdisabilit(?:y|ies)\b",
            r"\bspecial educational needs\b",
            r"\bSEND\b",
        ),
    ),
    DefaultTheme(
        "children-in-care",
        "Children in care",
        "Children in care: placements, fostering, permanence and adoption.",
        (
            r"\bchildren in care\b",
            r"\bchild in care\b",
            r"\blooked[- ]after\b",
            r"\bplacements?\b",
            r"(?<!private )\bfoster(?:ing|ed| carers?| homes?| families)?\b",
            r"\bpermanence\b",
            r"\badoption\b",
            r"\bconnected persons?'?\b",
            r"\bspecial guardianship\b",
            r"\bchildren'?s homes?\b",
            r"\bcorporate parent(?:s|ing)?\b",
        ),
    ),
    DefaultTheme(
        "care-leavers",
        "Care leavers",
        "Young people leaving care: pathway plans, personal advisers, staying put.",
        (
            r"\bcare leavers?\b",
            r"\bleaving care\b",
            r"\bpathway plans?\b",
            r"\bpersonal advisers?\b",
            r"\bstaying put\b",
            r"\bcare[- ]experienced\b",
        ),
    ),
    DefaultTheme(
        "health",
        "Health",
        "Physical, emotional and mental health of children; health services.",
        (
            r"\bhealth\b",
            r"\bCAMHS\b",
            r"\bwell-?being\b",
        ),
    ),
    DefaultTheme(
        "education",
        "Education",
        "Education, schools and the virtual school.",
        (
            r"\beducation(?:al)?\b",
            r"\bschools?\b",
            r"\bvirtual school\b",
            r"\bNEET\b",
        ),
    ),
    DefaultTheme(
        "housing",
        "Housing",
        "Housing, homelessness and accommodation of young people.",
        (
            r"\bhousing\b",
            r"\bhomeless(?:ness)?\b",
            r"\baccommodation\b",
            r"\bbed and breakfast\b",
        ),
    ),
    DefaultTheme(
        "out-of-hours",
        "Out of hours",
        "Emergency duty and out-of-hours services.",
        (
            r"\bout[- ]of[- ]hours\b",
            r"\bemergency duty\b",
            r"\bEDT\b",
        ),
    ),
    DefaultTheme(
        "timeliness",
        "Timeliness",
        "Timeliness of work, drift and delay.",
        (
            r"\btimel(?:y|iness)\b",
            r"\buntimely\b",
            r"\btimescales?\b",
            r"\bdela(?:y|ys|yed)\b",
            r"\bdrift(?:s|ed|ing)?\b",
            r"\bprompt(?:ly)?\b",
            r"\bswift(?:ly)?\b",
            r"\bquickly\b",
            r"\bwait(?:ed|ing)? too long\b",
        ),
    ),
    DefaultTheme(
        "private-fostering",
        "Private fostering",
        "Private fostering arrangements.",
        (r"\bprivate(?:ly)? foster(?:ing|ed)\b",),
    ),
    DefaultTheme(
        "domestic-abuse",
        "Domestic abuse",
        "Domestic abuse and violence, coercive control.",
        (
            r"\bdomestic (?:abuse|violence)\b",
            r"\bcoercive control\b",
            r"\bMARAC\b",
        ),
    ),
    DefaultTheme(
        "neglect",
        "Neglect",
        "Neglect, including chronic neglect.",
        (r"\bneglect(?:ed|ful)?\b",),
    ),
    DefaultTheme(
        "court-proceedings",
        "Court proceedings",
        "Pre-proceedings, the public law outline (PLO) and care proceedings.",
        (
            r"\bpre-?proceedings\b",
            r"\bcare proceedings\b",
            r"\bpublic law outline\b",
            r"\bPLO\b",
            r"\bcourts?\b",
            r"\blegal (?:planning|gateway|proceedings)\b",
        ),
    ),
    DefaultTheme(
        "youth-justice",
        "Youth justice",
        "Youth justice and youth offending services.",
        (
            r"\byouth (?:justice|offending)\b",
            r"\bYOT\b",
            r"\bYJS\b",
            r"\bremand(?:ed)?\b",
        ),
    ),
    DefaultTheme(
        "unaccompanied-children",
        "Unaccompanied children",
        "Unaccompanied asylum-seeking children.",
        (
            r"\bunaccompanied\b",
            r"\bUASC\b",
            r"\basylum[- ]seeking\b",
        ),
    ),
]
