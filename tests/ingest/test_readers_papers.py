"""The two real committee papers ingest with every reference, theme, deadline wording,
inspection and report found, checked against the hand-entered facts of the demo
(`oversight.demo.facts*`), which hold the same papers' facts typed in by a person."""

from __future__ import annotations

import pathlib

from oversight.demo import facts_inspections as fi
from oversight.demo import facts_recommendations as fr
from oversight.demo import facts_reports as frep
from oversight.ingest.extraction import SourceKind
from oversight.ingest.readers import read_file
from oversight.ingest.readers.common import normalise

# As tests/demo/test_demo.py finds them: /work/shared/examples beside the repository.
EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "shared" / "examples"


def same(a: str | None, b: str | None) -> bool:
    """Equal but for case, spacing, punctuation (the facts fix a few typos of that kind)."""
    return normalise(a or "") == normalise(b or "")


def by_title(found: list, title: str):
    matches = [item for item in found if same(item.title, title)]
    assert matches, f"not found: {title!r}; found {[i.title for i in found]}"
    return matches[0]


def check_inspection(found, fact, *, notified: bool, dated: bool = True) -> None:
    assert found.kind == fact.kind, fact.title
    assert found.notified is notified, fact.title
    if dated:
        assert found.when_text == fact.start.text, fact.title
        assert found.start == fact.start.on, fact.title
        assert found.precision == fact.start.precision, fact.title
    else:
        assert found.when_text is None and found.start is None, fact.title
    names = [name for name, _ in fact.participants]
    assert len(found.participants) == len(names), fact.title
    for written, name in zip(found.participants, names, strict=True):
        assert normalise(written).startswith(normalise(name)), (written, name)


def test_march_2022_paper() -> None:
    extraction = read_file(EXAMPLES / "jac-hmicfrs-update-2022-03.txt")
    assert extraction.source.kind == SourceKind.COMMITTEE_PAPER
    assert len(extraction.source.sha256) == 64

    # Section 4: the three police-specific recommendations of the rape survivors' report.
    assert len(extraction.recommendations) == len(fr.RAPE_RECOMMENDATIONS) == 3
    for found, fact in zip(extraction.recommendations, fr.RAPE_RECOMMENDATIONS, strict=True):
        assert found.kind == fact.kind
        assert found.number == fact.number
        assert same(found.text, fact.text)
        assert found.deadline_text == fact.deadline_text == "Immediately"
        assert found.audience == list(fact.audience)
        assert same(found.report_title, frep.RAPE_SURVIVORS_PHASE_2.title)
        assert found.progress == fr.RAPE_PROGRESS
        # "Immediately" counts from the report's publication, which the paper gives.
        assert found.due_date == frep.RAPE_SURVIVORS_PHASE_2.published_on
        # The facts' theme "Rape" was chosen by a person; the paper gives none: never invent.
        assert found.theme is None

    # Section 3: five inspections since the last JAC, five notified; section 2: PEEL 2021.
    found = extraction.inspections
    peel = by_title(found, "2021 PEEL inspection")
    assert peel.kind == "peel" and peel.when_text == "2021" and peel.start == fi.PEEL_2021.start.on
    for fact in (fi.OSAEC, fi.JTAI, fi.SERIOUS_YOUTH_VIOLENCE, fi.INVISIBLE_SURVIVORS,
                 fi.POLICE_PERPETRATED_DA):  # fmt: skip
        check_inspection(by_title(found, fact.title), fact, notified=False, dated=False)
    for fact in (fi.DIGITAL_FORENSICS, fi.DIVERSITY_INCLUSION_WORKSHOP,
                 fi.CRIMINAL_JUSTICE_OUTCOMES, fi.ROCU):  # fmt: skip
        check_inspection(by_title(found, fact.title), fact, notified=True)
    # The facts keep the July paper's fuller title for the stop and search super-complaint.
    section_60 = by_title(found, "Police Super-complaint: Police use of stop and search powers")
    check_inspection(section_60, fi.SECTION_60, notified=True)
    assert len(found) == 11

    # Section 4: two published reports, with their dates as written and their findings.
    assert len(extraction.reports) == 2
    for fact in (frep.SOLIHULL_JTAI_REPORT, frep.RAPE_SURVIVORS_PHASE_2):
        report = by_title(extraction.reports, fact.title)
        assert report.published_on == fact.published_on
    jtai = by_title(extraction.reports, frep.SOLIHULL_JTAI_REPORT.title)
    assert jtai.published_text == "21st February 2022"
    findings = {normalise(text) for text in jtai.findings}
    wmp = next(f for f in frep.SOLIHULL_JTAI_REPORT.findings if f.about_force and len(f.texts) > 5)
    assert {normalise(text) for text in wmp.texts} <= findings
    rape = by_title(extraction.reports, frep.RAPE_SURVIVORS_PHASE_2.title)
    themes = frep.RAPE_SURVIVORS_PHASE_2.findings[0].texts
    assert [normalise(t) for t in rape.findings] == [normalise(t) for t in themes]


def test_july_2022_paper() -> None:
    extraction = read_file(EXAMPLES / "jac-hmicfrs-update-2022-07.txt")
    assert extraction.source.kind == SourceKind.COMMITTEE_PAPER

    # Section 2: five causes of concern, each with its reference, theme, deadline and progress.
    assert [r.reference for r in extraction.recommendations] == [
        f.reference for f in fr.CAUSES_OF_CONCERN
    ]
    for found, fact in zip(extraction.recommendations, fr.CAUSES_OF_CONCERN, strict=True):
        assert found.kind == fact.kind == "cause_of_concern"
        assert found.theme == fact.theme
        assert (found.deadline_text or "") == fact.deadline_text
        assert same(found.text, fact.text)
        assert same(found.progress, fact.response.updates[0].narrative), fact.reference
        # The publication dates are not in the paper: no due date, never a guess.
        assert found.due_date is None
        if fact.reference != "8539":  # the paper names no one for 8539; the facts chose
            assert found.audience == list(fact.audience), fact.reference
    assert any("publication date is not in the file" in w for w in extraction.warnings)

    found = extraction.inspections
    peel = by_title(found, "2021 PEEL inspection")
    assert peel.kind == "peel" and peel.start == fi.PEEL_2021.start.on
    for fact in (fi.DIGITAL_FORENSICS, fi.SECTION_60):
        check_inspection(by_title(found, fact.title), fact, notified=False)
    check_inspection(by_title(found, fi.ROCU.title), fi.ROCU, notified=True)
    for fact in (fi.SPRING_DATA_REQUEST, fi.FORCE_MANAGEMENT_STATEMENT):
        assert by_title(found, fact.title).kind == fact.kind
    assert len(found) == 6
    # What the hot debriefs said, as written.
    debrief = " ".join(by_title(found, fi.DIGITAL_FORENSICS.title).debrief)
    for strength in fi.DIGITAL_FORENSICS.debrief_strengths:
        assert normalise(strength) in normalise(debrief)
    section_60 = " ".join(by_title(found, fi.SECTION_60.title).debrief)
    assert "Qlik allows supervisors" in section_60
    assert "Spring Data Request" not in section_60

    # Section 4: "there have been no new reports published".
    assert extraction.reports == []
