"""What a paper is, for the documents: plain data, built from the Paper and its sections."""

from __future__ import annotations

from dataclasses import dataclass, field

# Under a chart in the document: the numbers are in the table just above it (and in the
# chart's alternative text), so the caption does not repeat them.
CHART_CAPTION = "The figures in the table above, as a chart."


@dataclass(frozen=True)
class Section:
    number: str  # "1", "2" … or "A" for an annex
    key: str
    heading: str
    text: str  # the small Markdown of markup.py
    is_annex: bool = False
    chart_png: bytes | None = None
    chart_svg: str | None = None
    chart_alt: str = ""


@dataclass(frozen=True)
class PaperDocument:
    organisation: str
    committee: str
    committee_short: str
    meeting: str  # "28 July 2022"
    title: str
    status: str  # "Draft" or "Issued"
    version: int
    period: str  # "24 March 2022 to 28 July 2022"
    marking: str = "OFFICIAL-SENSITIVE"
    sections: list[Section] = field(default_factory=list)

    @property
    def header_text(self) -> str:
        return f"{self.organisation} · {self.committee}, {self.meeting}"
