"""Fuzzing: whatever the bytes, every reader either reads the file or raises UnreadableFile
(never the catch-all "fault in Oversight" message, never another exception), in bounded time.
"""

from __future__ import annotations

import pathlib
import tempfile
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oversight.ingest.extraction import Extraction, UnreadableFile
from oversight.ingest.readers import UNEXPECTED, read_file

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
BOUND_SECONDS = 5.0  # per file; the fixtures read in well under a second once imports are warm

FAST = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
SLOW = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

# Pieces of the documents the readers look for, to build text that reaches deep into them.
PIECES = [
    "Causes of concern", "Cause of concern 1", "Recommendations", "Recommendation 2:",
    "Areas for improvement", "Area for improvement 3", "Promising practice", "For chief constables",
    "For the NPCC and the CPS", "Within three months, the force should:", "By 31 March 2023",
    "Immediately,", "1.)", "2.", "•", "(a)", "Published 21st February 2022.", "PURPOSE OF REPORT",
    "3. HMICFRS INSPECTIONS", "4. PUBLISHED INSPECTION REPORTS",
    "Hate Crime (Recommendation 9159).",
    "Other forces involved are:", "(W/C 4th April).", "(October – Date TBC)", "Also",
    "We have received notification of one inspection", "there have been two inspections",
    "Understanding the difference (9125)", "[on]", "[/on]", "[status]", "[/status]", "[comment]",
    "[/comment]", "19th July 2018", "Ref,Recommendation,Due date,RAG", "31/02/2023", "Purple",
    "<h2>", "</h2>", "<li>", "<ol start='x'>", "\n", "\n\n", " \n", ",", ":", "the force should",
]  # fmt: skip


def read_bytes_as(data: bytes, name: str) -> Extraction | None:
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / name
        path.write_bytes(data)
        started = time.monotonic()
        try:
            result: Extraction | None = read_file(path)
        except UnreadableFile as error:
            assert str(error) != UNEXPECTED, "a reader crashed (see the log)"
            assert str(error)
            result = None
        assert time.monotonic() - started < BOUND_SECONDS
        return result


@FAST
@given(data=st.binary(max_size=4000), name=st.sampled_from(["f.txt", "f.csv", "f.pdf", "f"]))
def test_random_bytes(data: bytes, name: str) -> None:
    read_bytes_as(data, name)


@FAST
@given(
    parts=st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=80),
    name=st.sampled_from(["f.txt", "f.html", "f.csv"]),
    html=st.booleans(),
)
def test_random_text(parts: list[str], name: str, html: bool) -> None:
    text = " ".join(parts)
    if html:
        text = f"<html><body><p>{text}</p></body></html>"
    result = read_bytes_as(text.encode("utf-8", "surrogatepass"), name)
    if result is not None:
        result.as_json()  # the JSON the command prints can always be made


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: float | None) -> bytes:
    buffer = bytearray(data)
    for position, value in edits:
        buffer[position % len(buffer)] = value
    if cut is not None:
        buffer = buffer[: max(int(len(buffer) * cut), 1)]
    return bytes(buffer)


MUTATIONS = dict(
    edits=st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=30),
    cut=st.one_of(st.none(), st.floats(0.05, 1.0)),
)


@FAST
@given(
    name=st.sampled_from(
        ["peel-report.txt", "thematic-report.html", "register-page.html", "clean-tracker.csv"]
    ),
    **MUTATIONS,
)
def test_mutated_text_fixtures(name: str, edits, cut) -> None:
    data = _mutate((FIXTURES / name).read_bytes(), edits, cut)
    read_bytes_as(data, name)


@SLOW
@given(
    name=st.sampled_from(["thematic-report.pdf", "thematic-report.docx", "messy-tracker.xlsx"]),
    **MUTATIONS,
)
def test_mutated_binary_fixtures(name: str, edits, cut) -> None:
    data = _mutate((FIXTURES / name).read_bytes(), edits, cut)
    read_bytes_as(data, name)


@FAST
@given(
    lines=st.lists(
        st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=8),
        max_size=30,
    )
)
def test_random_trackers(lines: list[list[str]]) -> None:
    header = "Ref,Recommendation,Report,Owner,Due date,RAG,Status,Update,Type\n"
    body = "\n".join(",".join(cells) for cells in lines)
    read_bytes_as((header + body).encode("utf-8", "surrogatepass"), "t.csv")


def test_long_lines_and_deep_nesting_are_bounded() -> None:
    # Pathological shapes: one enormous line, thousands of markers, deeply nested HTML.
    read_bytes_as(("Recommendation 1: " + "a" * 1_500_000).encode(), "long.txt")
    read_bytes_as(("1.)\n" * 20_000 + "Recommendations\n").encode(), "markers.txt")
    read_bytes_as(("<div>" * 5000 + "Recommendations" + "</div>" * 5000).encode(), "deep.html")
    read_bytes_as(("[on]" * 50_000).encode(), "log.html")
    read_bytes_as(("3. HMICFRS INSPECTIONS\n" + "there has been " * 100_000).encode(), "p.txt")
    read_bytes_as(("Hate Crime (Recommendation 9159). " + "x (" * 100_000).encode(), "r.txt")
