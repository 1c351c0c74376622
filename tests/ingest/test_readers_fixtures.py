"""Our own fixtures (tests/ingest/fixtures, built by make_fixtures.py) ingest fully, checked
against the answer keys below; and the precision and recall of the items found over all of
them."""

from __future__ import annotations

import datetime as dt
import functools
import pathlib
from dataclasses import dataclass, field

import pytest

from oversight.ingest.extraction import Extraction, FoundRecommendation, RowProblem
from oversight.ingest.readers import read_file
from oversight.ingest.readers.common import normalise

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
D = dt.date


@dataclass(frozen=True)
class Item:
    """What a reader should find: the item's kind, its reference or number, its text."""

    kind: str
    key: str | None  # reference, else number
    text: str
    deadline: str | None = None
    due: dt.date | None = None
    audience: tuple[str, ...] = ()
    concern: str | None = None  # the number of the cause of concern it sits under
    extra: dict = field(default_factory=dict, hash=False, compare=False)


CC, R, AFI, NAT, PP = (
    "cause_of_concern", "recommendation", "area_for_improvement", "national_recommendation",
    "promising_practice",
)  # fmt: skip
THREE = "Within three months, the force should "
SEPT = "By 30 September 2024, the force should "
POLICE = ("Police",)

PEEL_KEY = [
    Item(CC, "1", "Northmoor Police does not answer emergency and non-emergency calls quickly "
         "enough, so callers wait too long and some give up before they speak to anyone."),
    Item(R, "1", THREE + "make sure it has enough call handlers at the busiest times of day;",
         "Within three months", D(2024, 6, 12), POLICE, "1"),
    Item(R, "2", THREE + "check how many callers give up on non-emergency calls and act on what "
         "it finds; and", "Within three months", D(2024, 6, 12), POLICE, "1"),
    Item(R, "3", THREE + "give supervisors a daily report of calls that have waited longer than "
         "its own targets.", "Within three months", D(2024, 6, 12), POLICE, "1"),
    Item(CC, "2", "The force does not always record the crimes reported to it accurately, which "
         "means some victims do not get the service they are entitled to."),
    Item(R, "1", SEPT + "train the staff who take reports of crime in the national crime "
         "recording rules; and", "By 30 September 2024", D(2024, 9, 30), POLICE, "2"),
    Item(R, "2", SEPT + "audit a sample of incidents every month to check that crimes have been "
         "recorded.", "By 30 September 2024", D(2024, 9, 30), POLICE, "2"),
    Item(AFI, "1", "The force should improve how quickly it completes investigations into rape "
         "and other serious sexual offences.", audience=POLICE),
    Item(AFI, "2", "The force should make sure officers record the grounds for every stop and "
         "search clearly, and that supervisors check them.", audience=POLICE),
    Item(AFI, "3", "The force needs to understand the wellbeing needs of its workforce better, "
         "including staff who work from home.", audience=POLICE),
    Item(PP, None, "A mental health nurse works in the force control room on busy evenings. Call "
         "handlers can ask for advice straight away, and fewer people in crisis are taken into "
         "custody.", extra={"theme": "Mental health advice in the control room"}),
]  # fmt: skip
PEEL_REPORT = (
    "PEEL 2023–25: Police effectiveness, efficiency and legitimacy – Northmoor Police",
    D(2024, 3, 12),
)

THEMATIC_KEY = [
    Item(NAT, "1", "By 31 March 2024, chief constables should make sure every victim of fraud "
         "aged 65 or over is offered a referral to a local support service.",
         "By 31 March 2024", D(2024, 3, 31), ("Chief Constables",)),
    Item(NAT, "2", "Within six months, chief constables should appoint a senior officer to lead "
         "on fraud against older people and publish the officer's name.",
         "Within six months", D(2024, 5, 7), ("Chief Constables",)),
    Item(NAT, "3", "Immediately, the NPCC lead for economic crime and the CPS should agree how "
         "cases with older victims are flagged when files pass between them.",
         "Immediately", D(2023, 11, 7), ("NPCC", "CPS")),
    Item(NAT, "4", "By 30 June 2024, the NPCC and the CPS should publish joint guidance on taking "
         "evidence from older victims who cannot attend court.",
         "By 30 June 2024", D(2024, 6, 30), ("NPCC", "CPS")),
    Item(NAT, "5", "Within 12 months, the College of Policing should update its training for "
         "investigators to cover fraud that starts online.",
         "Within 12 months", D(2024, 11, 7), ("College of Policing",)),
    Item(AFI, "1", "Forces should improve the information they give older victims about what "
         "happens after they report a fraud.", audience=POLICE),
    Item(PP, None, "One force we visited trains volunteers to visit older victims at home in the "
         "weeks after a fraud, to help them feel safe and avoid being targeted again.",
         extra={"theme": "A volunteer fraud buddy scheme"}),
]  # fmt: skip
THEMATIC_REPORT = (
    "Closing the gap: a joint thematic inspection of the police and CPS response to fraud "
    "against older people",
    D(2023, 11, 7),
)

REGISTER_KEY = [
    # addressed to every chief constable: a national recommendation
    Item(NAT, "11204", "By 31 March 2024, chief constables should make sure every victim of fraud "
         "aged 65 or over is offered a referral to a local support service.",
         "By 31 March 2024", D(2024, 3, 31), ("Chief Constables",)),
    # a cause of concern and the recommendation made about it: two items, linked
    Item(CC, "10877", "Too many people who call the police give up before their call is "
         "answered, and forces do not know who they are.", None, None, ()),
    Item(NAT, None, "Within six months, chief constables should publish how long callers wait "
         "and how many give up, every month.", "Within six months", None,
         ("Chief Constables",), concern="10877"),
    Item(NAT, "10878", "With immediate effect, the NPCC should agree a national standard for "
         "call-back times.", "With immediate effect", None, ("NPCC",)),
]  # fmt: skip

MESSY_KEY = [
    Item(CC, "9159", "Within three months chief constables should make sure the cyber-enabled "
         "flag is used.", "31/03/2023", D(2023, 3, 31), ("Chief Constables",),
         extra={"row": 5, "rag": "green", "owner": "DI Reid", "report_title": "Hate crime 2018"}),
    Item(CC, "9962", "Within three months chief constables should make sure safeguarding "
         "referrals are made.", None, D(2023, 6, 30), ("Chief Constables",),
         # the report title is in a cell merged over rows 5 and 6
         extra={"row": 6, "rag": "amber", "report_title": "Hate crime 2018"}),
    Item(AFI, "AFI-3", "The force should improve how quickly it completes rape investigations.",
         "March 2024", D(2024, 3, 31), POLICE, extra={"row": 8, "rag": "amber"}),
    Item(R, "R-15", "Publish call waiting times every month.", "Within three months", None,
         extra={"row": 12, "rag": "green", "progress": "Agreed at board."}),
]  # fmt: skip
MESSY_PROBLEMS = [
    RowProblem(9, "RAG status", "“Purple” is not a RAG rating (red, amber, green or blue)"),
    RowProblem(10, "Recommendation / AFI", "No recommendation text"),
    RowProblem(11, "Target date", "“when possible” could not be read as a date"),
]

CLEAN_KEY = [
    Item(R, "10877", "Within six months, chief constables should publish how long callers wait.",
         "2022-08-14", D(2022, 8, 14), ("Chief Constables",),
         extra={"rag": "amber", "status": "In progress", "theme": "Contact", "row": 2}),
    Item(R, "11204", "By 31 March 2024, chief constables should offer older fraud victims a "
         "referral.", "31/03/2024", D(2024, 3, 31), ("Chief Constables",),
         extra={"rag": "green", "owner": "Jordan Reid"}),
    Item(R, "8539", "Stop and search powers are used fairly and the force can explain any "
         "disparity.", None, None, extra={"rag": "blue", "status": "Closed"}),
    Item(R, "9472", "Treat breaches of orders as evidence of a wider pattern of offending.",
         "31 December 2022", D(2022, 12, 31), extra={"rag": "red", "progress": "Audit under way."}),
]  # fmt: skip

REPORT_FORMATS = ("txt", "html", "docx", "pdf")
KEYS: dict[str, list[Item]] = {
    **{f"peel-report.{fmt}": PEEL_KEY for fmt in REPORT_FORMATS},
    **{f"thematic-report.{fmt}": THEMATIC_KEY for fmt in REPORT_FORMATS},
    "register-page.html": REGISTER_KEY,
    "messy-tracker.xlsx": MESSY_KEY,
    "clean-tracker.csv": CLEAN_KEY,
}


def matches(found: FoundRecommendation, expected: Item) -> bool:
    """Same kind, same reference or number, same words."""
    key = found.reference or found.number
    return (
        found.kind == expected.kind
        and key == expected.key
        and normalise(found.text) == normalise(expected.text)
    )


@functools.cache
def read(name: str) -> Extraction:
    return read_file(FIXTURES / name)


@pytest.mark.parametrize("name", sorted(KEYS))
def test_fixture_ingests_fully(name: str) -> None:
    extraction = read(name)
    expected = KEYS[name]
    found = extraction.recommendations
    assert len(found) == len(expected), [f.text[:50] for f in found]
    for item, want in zip(found, expected, strict=True):
        assert matches(item, want), (item, want)
        assert item.deadline_text == want.deadline, item.text
        assert item.due_date == want.due, item.text
        if want.audience:
            assert item.audience == list(want.audience), item.text
        assert item.cause_of_concern == want.concern, item.text
        for attribute, value in want.extra.items():
            assert getattr(item, attribute) == value, (attribute, item.text)


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_report_title_and_date_in_every_format(fmt: str) -> None:
    for stem, (title, published) in (("peel-report", PEEL_REPORT),
                                     ("thematic-report", THEMATIC_REPORT)):  # fmt: skip
        extraction = read(f"{stem}.{fmt}")
        assert extraction.source.kind == "inspection_report"
        assert extraction.source.format == fmt
        (report,) = extraction.reports
        assert report.title == title
        assert report.published_on == published
        assert all(item.report_title == title for item in extraction.recommendations)


def test_register_page_status_log() -> None:
    extraction = read("register-page.html")
    assert extraction.source.kind == "register_page"
    first, concern, under_it, third = extraction.recommendations
    assert first.report_title == (
        "Closing the gap: a joint thematic inspection of the police and CPS response to fraud "
        "against older people"
    )
    assert [(e.date, e.date_text, e.status, e.comment) for e in first.status_history] == [
        (D(2023, 11, 7), "7th November 2023", "awaiting-review", None),
        (D(2024, 5, 2), "2nd May 2024", None,
         "Forces have told us what they have done. We will check this in our PEEL inspections."),
        (D(2024, 5, 2), "2nd May 2024", "in-progress", None),
    ]  # fmt: skip
    assert first.status == "in-progress"
    # The cause of concern, and the recommendation made about it, linked to it.
    assert concern.kind == "cause_of_concern" and concern.reference == "10877"
    assert concern.text.startswith("Too many people who call the police give up")
    assert under_it.cause_of_concern == "10877"
    assert under_it.concern_text == concern.text
    assert [(e.status, e.comment) for e in concern.status_history] == [
        ("awaiting-review", "Published with the report."),
        ("achieved", None),
    ]
    # A comment whose opening tag is missing (as on the real pages), and an unreadable date.
    assert third.status_history[0].comment.startswith("The status of this recommendation")
    assert third.status_history[1].date is None
    assert third.status_history[1].date_text == "sometime in 2023"
    assert any("sometime in 2023" in w for w in extraction.warnings)
    # The publication date is not on the page: relative deadlines have no due date.
    assert concern.due_date is None


def test_messy_tracker_rows_and_columns() -> None:
    extraction = read("messy-tracker.xlsx")
    assert extraction.row_problems == MESSY_PROBLEMS
    assert [(c.header, c.field) for c in extraction.columns] == [
        ("Rec No", "reference"), ("Report title", "report_title"),
        ("Recommendation / AFI", "text"), ("Type", "kind"), ("Lead", "owner"),
        ("Target date", "due_date"), ("RAG status", "rag"), ("Latest update", "progress"),
        ("Portfolio", "portfolio"),
    ]  # fmt: skip


def test_column_map_overrides_headers() -> None:
    # "Portfolio" is not understood; a person maps it to the theme and ignores "Lead".
    extraction = read_file(FIXTURES / "messy-tracker.xlsx", column_map={8: "theme", 4: ""})
    mapping = {c.header: c.field for c in extraction.columns}
    assert mapping["Portfolio"] == "theme" and mapping["Lead"] is None
    first = extraction.recommendations[0]
    assert first.theme == "Crime" and first.owner is None


def test_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    """Items found (by kind, reference or number, and text) against the answer keys."""
    found_total = expected_total = correct_found = correct_expected = 0
    for name, expected in KEYS.items():
        found = read(name).recommendations
        found_total += len(found)
        expected_total += len(expected)
        correct_found += sum(any(matches(f, e) for e in expected) for f in found)
        correct_expected += sum(any(matches(f, e) for f in found) for e in expected)
    precision = correct_found / found_total
    recall = correct_expected / expected_total
    with capsys.disabled():
        print(
            f"\nreaders: {found_total} items found, {expected_total} expected over "
            f"{len(KEYS)} fixture files; precision {precision:.3f}, recall {recall:.3f}"
        )
    assert precision >= 0.95 and recall >= 0.95


def test_precision_and_recall_on_the_example_papers(capsys: pytest.CaptureFixture[str]) -> None:
    """The same measure on the two real papers, against the hand-entered demo facts."""
    from oversight.demo.facts_recommendations import CAUSES_OF_CONCERN, RAPE_RECOMMENDATIONS

    examples = pathlib.Path(__file__).resolve().parents[3] / "shared" / "examples"
    keys = {
        "jac-hmicfrs-update-2022-03.txt": RAPE_RECOMMENDATIONS,
        "jac-hmicfrs-update-2022-07.txt": CAUSES_OF_CONCERN,
    }
    found_total = expected_total = correct_found = correct_expected = 0
    for name, facts in keys.items():
        expected = [Item(f.kind, f.reference or f.number, f.text) for f in facts]
        found = read_file(examples / name).recommendations
        found_total += len(found)
        expected_total += len(expected)
        correct_found += sum(any(matches(f, e) for e in expected) for f in found)
        correct_expected += sum(any(matches(f, e) for f in found) for e in expected)
    precision, recall = correct_found / found_total, correct_expected / expected_total
    with capsys.disabled():
        print(
            f"\nreaders on the example papers: {found_total} found, {expected_total} in the "
            f"facts; precision {precision:.3f}, recall {recall:.3f}"
        )
    assert precision == recall == 1.0
