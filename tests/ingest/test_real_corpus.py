"""The readers on real documents nobody on the team wrote (tests/ingest/real/), as text and as
PDFs with running headers and footers: recall of items with the right kind, deadline wording
and audience where printed, nothing invented, nothing found in a document with no items.

`make ingest-eval` prints the table these figures come from (tests/ingest/corpus.py).
"""

from __future__ import annotations

import re

import pytest

from tests.ingest.corpus import ITEM_KINDS, Score, documents, evaluate, normalise

pytest.importorskip("oversight.ingest.readers")

RECALL = 0.95
DEADLINES = 0.95
AUDIENCES = 0.95


def test_the_corpus_is_real_documents_with_their_keys():
    docs = documents()
    assert len(docs) >= 40
    assert len({d.kind for d in docs}) >= 8
    assert sum(1 for d in docs if not d.key["items"]) >= 5  # documents with no items
    assert sum(1 for d in docs if d.stem.startswith("fire/") or "frs" in d.stem) >= 8
    for document in docs:
        assert re.match(r"https?://\S+", document.source), document.stem
        assert document.key["source"] == document.source, document.stem
        text = normalise(document.text)
        for item in document.key["items"]:
            assert item["kind"] in ITEM_KINDS, document.stem
            assert normalise(item["starts"]) in text, f"{document.stem}: {item['starts']}"
            if item.get("deadline_text"):
                assert normalise(item["deadline_text"]) in text, document.stem
            if item.get("under") is not None:
                assert document.key["items"][item["under"]]["kind"] == "cause_of_concern"


@pytest.fixture(scope="module")
def results():
    return evaluate()


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_the_readers_find_what_a_person_finds(results, fmt):
    total = Score()
    for (f, _kind), score in results["by_item"].items():
        if f == fmt:
            total.add(score)
    misses = "\n".join(total.misses[:30])
    assert total.recall >= RECALL, f"{fmt}: recall {total.recall:.1%}\n{misses}"
    assert total.invented == 0, f"{fmt}: {total.invented} invented\n{misses}"
    assert total.deadlines_right >= DEADLINES * total.deadlines, misses
    assert total.audiences_right >= AUDIENCES * total.audiences, misses


def test_nothing_is_found_in_a_document_with_no_items(results):
    assert results["empty_with_items"] == []


def test_no_reference_is_invented():
    from tests.ingest.corpus import read_as

    for document in documents():
        text = normalise(document.text)
        for item in read_as(document, "txt").recommendations:
            if item.reference:
                assert normalise(item.reference) in text, f"{document.stem}: {item.reference}"
