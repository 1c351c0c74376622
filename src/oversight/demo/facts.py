"""The demo record: West Midlands Police (WMP) as two real committee papers describe it.

The facts come from two "HMICFRS update" papers WMP put before its Joint Audit Committee
(JAC) in March and July 2022. They are kept here as plain data, in the papers' own wording
(only obvious typos are fixed and marked), so the demo needs nothing outside the project.

The facts are split by paper section:

* this module: the shapes of the facts, the organisations, people, portfolios, boards and the
  committee, and the papers' own framing text (purpose, governance, closing notes);
* ``facts_inspections``: PEEL 2021 and every inspection in section 3 of both papers, with
  their dated steps and follow-up actions; the engagement log and the PEEL assessment;
* ``facts_reports``: the reports of section 4 of the March paper, and the national reports
  the July paper's causes of concern come from;
* ``facts_recommendations``: the causes of concern (July, section 2) and the rape survivors'
  recommendations (March, section 4), with WMP's response to each and its progress updates.

Where a paper leaves something out that the record needs (the day of a meeting, who owns a
recommendation, a RAG rating), the demo value is invented and says so in a comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from oversight.rules.partial_dates import PartialDate

# --- The shapes of the facts --------------------------------------------------------------


@dataclass(frozen=True)
class PersonFact:
    username: str
    role: str  # liaison, owner, executive or viewer
    first_name: str
    last_name: str
    job_title: str


@dataclass(frozen=True)
class PortfolioFact:
    name: str
    lead: str = ""


@dataclass(frozen=True)
class BoardFact:
    name: str
    chair: str = ""
    note: str = ""  # e.g. how often it meets; the Board model has no field for it


@dataclass(frozen=True)
class StepFact:
    """A dated step of an inspection's lifecycle (an InspectionStatus value)."""

    status: str
    when: PartialDate
    note: str = ""


@dataclass(frozen=True)
class ActionFact:
    """A follow-up action an inspection leads to; `due` as written, e.g. "by May 2022"."""

    text: str
    owner: str = ""
    due: str = ""


@dataclass(frozen=True)
class InspectionFact:
    key: str  # how the facts refer to it (reports link to it by this key)
    title: str
    kind: str  # an InspectionKind value
    status: str  # an InspectionStatus value
    start: PartialDate
    summary: str = ""
    lead_inspectorates: tuple[str, ...] = ()  # names, short names or aliases
    participants: tuple[tuple[str, str], ...] = ()  # (name as written, note)
    participants_note: str = ""
    debrief_strengths: tuple[str, ...] = ()
    debrief_areas_to_consider: tuple[str, ...] = ()
    debrief_notes: str = ""
    # The dated steps, first to last; the last is `status`. None: one step, `status`, undated.
    steps: tuple[StepFact, ...] = ()
    actions: tuple[ActionFact, ...] = ()
    # The summary as rewritten later, each on its day: a paper drawn before shows the earlier words
    rewritten: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class EngagementFact:
    """A dated contact with the inspectorate (an EngagementKind value)."""

    kind: str
    when: PartialDate
    subject: str
    summary: str = ""
    with_whom: str = ""
    inspection: str = ""  # the key of the InspectionFact it is about, if any


@dataclass(frozen=True)
class PeelFact:
    """The force's assessment in a PEEL cycle; `grades` is {question theme: grade}."""

    cycle: str  # the cycle's slug, e.g. "2021-22"
    inspection: str = ""  # the key of the InspectionFact
    summary: str = ""
    grades: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FindingsFact:
    heading: str
    texts: tuple[str, ...]
    about_force: bool  # True: about West Midlands Police; False: about no one organisation


@dataclass(frozen=True)
class ReportFact:
    key: str
    title: str
    inspectorate: str
    published_on: date
    about_force: bool  # True: about West Midlands Police; False: a national report
    inspection: str = ""  # the key of the InspectionFact it came from, if any
    summary: str = ""
    findings: tuple[FindingsFact, ...] = ()


@dataclass(frozen=True)
class UpdateFact:
    written_on: date
    narrative: str  # paragraphs separated by a blank line
    proposed_rag: str = ""


@dataclass(frozen=True)
class ResponseFact:
    """West Midlands Police's response to one recommendation."""

    owner: str  # username
    portfolio: str
    board: str
    rag: str
    status: str
    next_review_on: date
    updates: tuple[UpdateFact, ...]
    sign_off: str = "chief_constable"


@dataclass(frozen=True)
class RecommendationFact:
    report: str  # the key of its ReportFact
    kind: str  # a RecommendationKind value
    text: str
    response: ResponseFact
    reference: str = ""
    number: str = ""
    theme: str = ""
    audience: tuple[str, ...] = ()
    deadline_text: str = ""


# --- Organisations --------------------------------------------------------------------------

FORCE = "West Midlands Police"  # already loaded by the reference-organisations migration
HMICFRS = "HMICFRS"

# The papers speak of "the PCC's office" (July, section 2): the demo gives it a record.
PCC_OFFICE = {
    "name": "Office of the West Midlands Police and Crime Commissioner",
    "short_name": "West Midlands OPCC",
    "kind": "pcc_office",
}

# The Joint Audit Committee is the Chief Constable's and the PCC's; it is recorded under the
# force so that the force's people see it.
COMMITTEE = {"name": "Joint Audit Committee", "short_name": "JAC"}

# The papers give only the month of each meeting ("March 2022", "July 2022"): the days are
# assumed for the demo.
# The day the demo runs as at (OVERSIGHT_TODAY; `make demo` sets it): after the July paper's
# draft, before the July committee, so the record reads as the force's did then.
DEMO_TODAY = date(2022, 7, 20)

# Work waiting on DEMO_TODAY, so each person's home has something in it. Illustrations, not
# facts of the papers (neither says these happened), and their words say so. By the Rape
# recommendation's number: (asked on, checked on or None, the words).
DEMO_WAITING_CLOSURES = (
    (
        "1",
        date(2022, 7, 12),
        None,
        "Demo illustration: the owner asks to close this; the evidence is on file.",
    ),
    (
        "2",
        date(2022, 7, 5),
        date(2022, 7, 11),
        "Demo illustration: the owner asks to close this; the liaison has checked the evidence.",
    ),
)
# (number, asked on, the date asked for, why)
DEMO_WAITING_EXTENSION = (
    "3",
    date(2022, 7, 15),
    date(2022, 12, 31),
    "Demo illustration: more time is asked for while the new process is rolled out.",
)

MARCH_MEETING = date(2022, 3, 24)
JULY_MEETING = date(2022, 7, 28)
MEETINGS = (MARCH_MEETING, JULY_MEETING)

# --- People ---------------------------------------------------------------------------------
# The papers name no one but "ACC Bell" (manager of the Crime portfolio). These people are
# invented for the demo; all of them are in West Midlands Police and sign in with DEMO_PASSWORD.

DEMO_PASSWORD = "demo"
LIAISON_USERNAME = "liaison"

PEOPLE = (
    PersonFact("liaison", "liaison", "Sam", "Patel", "HMICFRS Force Liaison Lead"),
    PersonFact("owner", "owner", "Jordan", "Reid", "Crime portfolio lead"),
    PersonFact("executive", "executive", "Chris", "Walker", "Deputy Chief Constable"),
    PersonFact("viewer", "viewer", "Pat", "Okafor", "Joint Audit Committee member"),
    PersonFact("ppu.lead", "owner", "Morgan", "Hayes", "Public Protection Unit lead"),
    PersonFact("stalking.lead", "owner", "Jamie", "Clarke", "Stalking and Harassment lead"),
    PersonFact("stopsearch.lead", "owner", "Alex", "Morgan", "Stop and Search lead"),
)

# --- Portfolios and boards ------------------------------------------------------------------

PORTFOLIOS = (
    # March, section 4: "brought into the Crime portfolio, managed by ACC Bell".
    PortfolioFact("Crime", lead="ACC Bell"),
    # Not named as portfolios in the papers; the papers' work on vulnerability, domestic
    # abuse and stop and search needs a home. Their leads are not given.
    PortfolioFact("Public Protection"),
    PortfolioFact("Neighbourhood Policing"),
)

BOARDS = (
    # March and July, section 2: recommendations are "managed by the Force Executive Team
    # through the existing force governance boards".
    BoardFact("Force Executive Team"),
    # July, section 2 (8539): "scrutinised at various forums including the bi-monthly Silver
    # Stop and Search Structure and the Fairness in Policing Board".
    BoardFact("Fairness in Policing Board"),
    BoardFact("Silver Stop and Search", note="Meets bi-monthly."),
    # July, section 3 (Section 60): "oversight from the Fair & Effective Use of Police Powers
    # board and the Fairness & Belonging Our Communities sub-group".
    BoardFact("Fair & Effective Use of Police Powers Board"),
    BoardFact("Fairness & Belonging Our Communities sub-group"),
    # Not named in the papers: invented for the demo.
    BoardFact("Public Protection Board"),
    BoardFact("Crime Board"),
)

# --- The papers' own framing text -----------------------------------------------------------
# Kept for the committee-paper work: nothing in the record holds it yet.

PURPOSE = (
    "To provide members of the Committee with oversight of HMICFRS Inspection activity and "
    "recommendations."
)
CLOSING = (
    "This report is submitted for the information of the Committee. The Committee are asked "
    "to note the contents of the report."
)

# March 2022, section 3: what each kind of inspection is. ("A Jointed Targeted Area
# Inspection" in the paper: typo fixed.)
INSPECTION_KINDS_EXPLAINED = {
    "intro": (
        "In addition to the PEEL inspection regime, there are several other circumstances under "
        "which HMICFRS may lead a single or multi-agency inspection or investigation in a force "
        "area."
    ),
    "national_thematic": (
        "A National Thematic Inspection",
        "This is an in-depth examination of a specific policing matter. These matters are "
        "usually identified through HMICFRS monitoring processes or as a result of a commission "
        "from the Home Secretary. Thematic Inspections tend to identify areas of strong or weak "
        "practice in specific forces, but result in recommendations that are relevant to the 43 "
        "Forces. Fieldwork for the National Thematic Inspections usually take place in about "
        "six forces, but it can involve all 43 Forces in England and Wales.",
    ),
    "jtai": (
        "A Joint Targeted Area Inspection",
        "This is an inspection led jointly by several agencies to review and investigate a local "
        "area’s multi-agency response to an identified need and/or risks in specific cases.",
    ),
    "super_complaint": (
        "A Super-complaint",
        "This is a complaint made by a designated body who have identified that “a feature, or "
        "combination of features, of policing in England and Wales by one or more than one "
        "police force is, or appears to be, significantly harming the interests of the public.” "
        "(Section 29A, Police Reform Act 2002).\n\n"
        "Super-complaints must be made to Her Majesty’s Chief Inspector of Constabulary. "
        "However, they will be considered by HMICFRS, the College of Policing and the "
        "Independent Office for Police Conduct (IOPC), who will together decide what (if "
        "anything) needs to happen as a result of the super-complaint. The complaint may "
        "generate a full inspection or data request across any number of forces.",
    ),
}

PAPERS = {
    # The March 2022 paper (JAC, March 2022).
    "2022-03": {
        "meeting": MARCH_MEETING,
        "title": "HMICFRS Update",
        "sections": {
            "1. PURPOSE OF REPORT": PURPOSE,
            "2. WEST MIDLANDS POLICE PEEL INSPECTION": (
                "The Force continues to work through the recommendations set by PEEL and wider "
                "thematic inspections across the portfolios. These are RAG rated to align to "
                "the Force Risk Register and managed by the Force Executive Team through the "
                "existing Force governance boards supported by the HMICFRS Liaison Lead and "
                "Officer where recommendation owners are held to account for timely updates."
            ),
            "3. HMICFRS INSPECTIONS": (
                "Since the last JAC report was produced there have been five inspections "
                "conducted within West Midlands Police.\n\n"
                "Reports will be published later in 2022 with the exception of the JTAI (which "
                "has already been published – see next section).\n\n"
                "We have received notifications of several further inspections from April 2022 "
                "onwards for:"
            ),
            "4. PUBLISHED INSPECTION REPORTS": (
                "Since the last JAC, two reports have been published by HMICFRS;"
            ),
        },
        "closing": CLOSING,
    },
    # The July 2022 paper (JAC, July 2022).
    "2022-07": {
        "meeting": JULY_MEETING,
        "title": "HMICFRS UPDATE",
        "sections": {
            "1. PURPOSE OF REPORT": PURPOSE,
            "2. WEST MIDLANDS POLICE PEEL INSPECTION & NATIONAL RECOMMENDATIONS": (
                "The force continues to work through the recommendations set by PEEL and wider "
                "thematic inspections across the force portfolios. These are RAG rated to align "
                "to the corporate risk management approach and managed by the Force Executive "
                "Team through the existing force governance boards, supported by the HMICFRS "
                "Force Liaison Lead (FLL) and Officer, where recommendation owners are held to "
                "account for timely updates.\n\n"
                "HMICFRS have recently agreed that Chief Constables should have greater "
                "authority to sign off a range of recommendations, rather than requiring "
                "submission to the HMICFRS. Where there are causes for concern these may be "
                "published on the HMICFRS website. There are currently five causes for concern "
                "over three areas, which apply to all forces in England & Wales, as well as "
                "national bodies (e.g. the National Police Chief’s Council (NPCC)):"
            ),
            "3. HMICFRS INSPECTIONS & OTHER ENGAGEMENTS": (
                "Since the last JAC report was produced there have been two inspections within "
                "WMP.\n\n"
                "We have received notification of one inspection post Commonwealth Games."
            ),
            "4. PUBLISHED INSPECTION REPORTS": (
                "Since the last JAC, there have been no new reports published by HMICFRS "
                "relating to West Midlands Police."
            ),
        },
        # After the five causes of concern, section 2.
        "review_note": (
            "These are reviewed every three months and evidence of progress shared with the FLL. "
            "Where further support is required, the FLL meets directly with the recommendation "
            "owner to offer guidance."
        ),
        "closing": CLOSING,
    },
}


# --- The committee's standing text, as each paper had it ---------------------------------------
# The demo issues the March paper with March's words, then the liaison changes the standing
# text to July's words before drafting the July paper (as the force did between meetings).
_MARCH_GOVERNANCE = PAPERS["2022-03"]["sections"]["2. WEST MIDLANDS POLICE PEEL INSPECTION"]
_JULY_GOVERNANCE = PAPERS["2022-07"]["sections"][
    "2. WEST MIDLANDS POLICE PEEL INSPECTION & NATIONAL RECOMMENDATIONS"
].split(" There are currently five causes for concern")[0]
STANDING_TEXT = {
    "2022-03": {
        "purpose": PURPOSE,
        "governance": _MARCH_GOVERNANCE,
        "inspection_kinds": INSPECTION_KINDS_EXPLAINED,
        "closing": CLOSING,
    },
    "2022-07": {
        "purpose": PURPOSE,
        "governance": _JULY_GOVERNANCE,
        "review_note": PAPERS["2022-07"]["review_note"],
        "closing": CLOSING,
    },
}
# The March paper covered the time since the JAC before it (December 2021).
MARCH_PERIOD_START = date(2021, 12, 1)
