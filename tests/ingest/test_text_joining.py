"""How wrapped lines become paragraphs: words broken at a line end, and a lone "and"."""

from __future__ import annotations

from oversight.ingest.readers.text import paragraphs_from_lines


def _texts(text: str) -> list[str]:
    return [p.text for p in paragraphs_from_lines(text)]


def test_a_word_broken_across_lines_is_made_whole() -> None:
    assert _texts("The force should make a com-\nprehensive plan.") == [
        "The force should make a comprehensive plan."
    ]


def test_a_compound_broken_at_its_own_hyphen_keeps_it() -> None:
    # Surrey FRS revisit letter, as a PDF: "risk-" at a line end, "based" on the next
    assert _texts("Make sure staff manage the risk-\nbased inspection programme.") == [
        "Make sure staff manage the risk-based inspection programme."
    ]


def test_a_word_the_document_hyphenates_elsewhere_keeps_its_hyphen() -> None:
    text = "The co-ordinator met them.\n\nThe service should appoint a co-\nordinator now."
    assert _texts(text)[-1] == "The service should appoint a co-ordinator now."


def test_a_lone_and_after_a_list_item_goes_back_on_the_item() -> None:
    # Warwickshire FRS progress letter, as a PDF: "; and" wrapped onto a line of its own
    text = (
        "By 31 August 2021, the service should:\n"
        "• review its risk-based inspection programme;\n"
        "and\n"
        "• put in place a clear plan with timescales.\n"
    )
    paras = paragraphs_from_lines(text)
    assert [p.marker for p in paras] == [None, "•", "•"]
    assert paras[1].text == "review its risk-based inspection programme; and"


def test_items_on_a_page_with_a_blank_line_after_every_line_stay_apart() -> None:
    # Shropshire FRS's HMICFRS page (tests/ingest/real/heldout3): each item, then "Action
    # Taken", the action and "Status: …", every line followed by a blank line, no full stops
    text = (
        "The report contained 30 areas for improvement. This page details our response to these"
        " recommendations:\n\n \n\nCause for Concern\n\n"
        "The Service Should make sure there are appropriate strategic oversight arrangements in"
        " place to manage risks, performance and improvement plans effectively\n\n"
        "Action Taken\n\nxxx\n\nStatus: In Progress\n\n"
        "The Service Should make sure the corporate risk register is actively used  to mitigate"
        " and manage known risks\n\n"
        "Action Taken\n\nxxx\n\nStatus: In Progress\n\n"
        "The Service Should make sure all processes in place to support performance management"
        " are effective\n\nAction Taken\n\nxxx\n\nStatus: In Progress\n"
    )
    texts = _texts(text)
    items = [t for t in texts if t.startswith("The Service Should")]
    assert items == [
        "The Service Should make sure there are appropriate strategic oversight arrangements in"
        " place to manage risks, performance and improvement plans effectively",
        "The Service Should make sure the corporate risk register is actively used to mitigate"
        " and manage known risks",
        "The Service Should make sure all processes in place to support performance management"
        " are effective",
    ]
    assert texts.count("Status: In Progress") == 3
