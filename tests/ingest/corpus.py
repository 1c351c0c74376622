"""The real-document corpus (tests/ingest/real/) and how well the readers do on it.

Each document is read as text and as a PDF with running headers and footers (WeasyPrint),
and what the readers find is compared with the answer key a person wrote by reading it.

    python -m tests.ingest.corpus          # the table (also `make ingest-eval`)
    python -m tests.ingest.corpus --misses # and every miss and invented item
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REAL = Path(__file__).parent / "real"
EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"
ITEM_KINDS = (
    "cause_of_concern",
    "recommendation",
    "area_for_improvement",
    "national_recommendation",
)
# "the force should", "the service should": the organisation itself, not an audience to record
SELF = {"the force", "force", "the service", "service", "the constabulary", "forces"}


@dataclass
class Document:
    stem: str
    path: Path
    source: str
    text: str
    key: dict

    @property
    def kind(self) -> str:
        return self.key["kind"]


def documents() -> list[Document]:
    found = []
    for path in sorted(REAL.glob("*/*.txt")):
        key = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        raw = path.read_text(encoding="utf-8")
        first, _, rest = raw.partition("\n")
        assert first.startswith("Source: "), f"{path}: line 1 must be 'Source: <address>'"
        found.append(
            Document(
                f"{path.parent.name}/{path.stem}", path, first[8:].strip(), rest.lstrip("\n"), key
            )
        )
    return found


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"[-‐‑‒–—]", "-", text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s'-]", " ", text)).strip()


def _audience(names, about: str | None = None) -> set[str]:
    """The bodies named as having to act, in the record's names; the organisation itself (the
    force, the service, or its name) is not an audience."""
    from oversight.ingest.readers.common import audience_from_heading, audience_from_text

    wanted = set()
    for name in names or []:
        if normalise(name) in SELF or (about and normalise(name) == normalise(about)):
            continue
        # the record's name for what the key wrote as printed ("those forces using …" → Police)
        canonical = audience_from_text(f"{name} should act") or audience_from_heading(name)
        wanted |= {normalise(c) for c in canonical or [name]}
    return wanted


def read_as(document: Document, fmt: str):
    """The readers' extraction of `document`, as a text file or as a PDF."""
    from oversight.ingest.readers import read_file

    with tempfile.TemporaryDirectory() as folder:
        if fmt == "txt":
            path = Path(folder) / "document.txt"
            path.write_text(document.text, encoding="utf-8")
        else:
            path = Path(folder) / "document.pdf"
            path.write_bytes(as_pdf(document))
        return read_file(path, name=document.path.name)


def as_pdf(document: Document) -> bytes:
    """The text set as an A4 report: a running header with the title, a footer with the page
    number, justified and hyphenated paragraphs (as HMICFRS publishes)."""
    from html import escape

    from weasyprint import HTML

    title = escape(document.text.strip().splitlines()[0][:80])
    paragraphs = "".join(
        f"<p>{escape(block)}</p>" for block in re.split(r"\n\s*\n", document.text) if block.strip()
    )
    css = f"""
      @page {{ size: A4; margin: 25mm 20mm;
        @top-center {{ content: "{title}"; font: 9pt 'Liberation Sans'; color: #555 }}
        @bottom-right {{ content: "Page " counter(page); font: 9pt 'Liberation Sans' }} }}
      body {{ font: 11pt/1.4 'Liberation Sans'; }}
      p {{ white-space: pre-line; text-align: justify; hyphens: auto; margin: 0 0 8pt }}
    """
    html = f'<html lang="en"><head><style>{css}</style></head><body>{paragraphs}</body></html>'
    return HTML(string=html).write_pdf()


@dataclass
class Score:
    expected: int = 0
    found_right_kind: int = 0
    found_any_kind: int = 0
    invented: int = 0
    deadlines: int = 0
    deadlines_right: int = 0
    audiences: int = 0
    audiences_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "expected",
            "found_right_kind",
            "found_any_kind",
            "invented",
            "deadlines",
            "deadlines_right",
            "audiences",
            "audiences_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @property
    def recall(self) -> float:
        return self.found_right_kind / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        found = self.found_any_kind + self.invented
        return self.found_any_kind / found if found else 1.0


def _matches(key_item: dict, found) -> bool:
    starts = normalise(key_item["starts"])
    text = normalise(found.text)
    return bool(starts) and (starts in text or text.startswith(starts[: max(40, len(text))]))


def score(document: Document, extraction) -> dict[str, Score]:
    """Scores by item kind, for one reading of one document."""
    scores: dict[str, Score] = defaultdict(Score)
    found = [f for f in extraction.recommendations if f.kind in ITEM_KINDS]
    used: set[int] = set()
    for key_item in document.key["items"]:
        s = scores[key_item["kind"]]
        s.expected += 1
        match = next(
            (i for i, f in enumerate(found) if i not in used and _matches(key_item, f)), None
        )
        if match is None:
            s.misses.append(f"{document.stem}: missed {key_item['kind']}: {key_item['starts']}")
            continue
        used.add(match)
        item = found[match]
        s.found_any_kind += 1
        if item.kind == key_item["kind"]:
            s.found_right_kind += 1
        else:
            s.misses.append(
                f"{document.stem}: {key_item['starts'][:50]} read as {item.kind}, "
                f"not {key_item['kind']}"
            )
        if key_item.get("deadline_text"):
            s.deadlines += 1
            if normalise(item.deadline_text or "") == normalise(key_item["deadline_text"]):
                s.deadlines_right += 1
            else:
                s.misses.append(
                    f"{document.stem}: deadline {item.deadline_text!r}, "
                    f"not {key_item['deadline_text']!r}"
                )
        wanted = _audience(key_item.get("audience"), document.key.get("about"))
        if wanted:
            s.audiences += 1
            if wanted == _audience(item.audience, document.key.get("about")):
                s.audiences_right += 1
            else:
                s.misses.append(
                    f"{document.stem}: audience {item.audience}, not {key_item['audience']}"
                )
    lines = [ln for ln in document.text.strip().splitlines() if ln.strip()]
    last_line = normalise(re.sub(r"^\W+", "", lines[-1] if lines else ""))
    end = normalise(document.text)[-25:]
    for i, item in enumerate(found):
        words = normalise(item.text)
        cut_off = (last_line and words.endswith(last_line[-60:])) or words.endswith(end)
        if i not in used and cut_off:
            continue  # an item cut off by the end of the stored text: not in the key, not invented
        if i not in used:
            scores[item.kind].invented += 1
            scores[item.kind].misses.append(
                f"{document.stem}: invented {item.kind}: {item.text[:70]}"
            )
    return scores


def evaluate(formats=("txt", "pdf")) -> dict:
    """Every document in every format: totals by item kind and by document kind."""
    by_item: dict[tuple[str, str], Score] = defaultdict(Score)
    by_document: dict[tuple[str, str], Score] = defaultdict(Score)
    by_set: dict[tuple[str, str], Score] = defaultdict(Score)
    empty_with_items: list[str] = []
    for document in documents():
        for fmt in formats:
            extraction = read_as(document, fmt)
            scores = score(document, extraction)
            for s in scores.values():
                s.misses = [f"{fmt}: {m}" for m in s.misses]
            folder = document.stem.split("/")[0]
            sets = {"heldout": "held out 1", "heldout2": "held out 2", "heldout3": "held out 3"}
            held_out = sets.get(folder, "development")
            for kind, s in scores.items():
                by_item[(fmt, kind)].add(s)
                by_document[(fmt, document.kind)].add(s)
                by_set[(fmt, held_out)].add(s)
            if not document.key["items"] and any(s.invented for s in scores.values()):
                empty_with_items.append(f"{fmt}: {document.stem}")
    return {
        "by_item": by_item,
        "by_document": by_document,
        "by_set": by_set,
        "empty_with_items": empty_with_items,
    }


def table(results: dict) -> str:
    lines = []
    tables = (
        ("By item kind", results["by_item"]),
        ("By document", results["by_document"]),
        # "development": the documents the readers were improved on; "held out": gathered after
        # that, and measured as they came
        ("By set", results["by_set"]),
    )
    for title, rows in tables:
        lines.append(f"\n{title}")
        lines.append(
            f"{'format':6} {'kind':24} {'items':>5} {'recall':>7} {'precision':>9} "
            f"{'invented':>8} {'deadline':>9} {'audience':>9}"
        )
        totals: dict[str, Score] = defaultdict(Score)
        for (fmt, kind), s in sorted(rows.items()):
            totals[fmt].add(s)
            lines.append(_row(fmt, kind, s))
        for fmt, s in sorted(totals.items()):
            lines.append(_row(fmt, "ALL", s))
    lines.append(
        f"\nDocuments with no items where something was found: {results['empty_with_items']}"
    )
    return "\n".join(lines)


def _row(fmt: str, kind: str, s: Score) -> str:
    deadline = f"{s.deadlines_right}/{s.deadlines}" if s.deadlines else "-"
    audience = f"{s.audiences_right}/{s.audiences}" if s.audiences else "-"
    return (
        f"{fmt:6} {kind:24} {s.expected:>5} {s.recall:>7.1%} {s.precision:>9.1%} "
        f"{s.invented:>8} {deadline:>9} {audience:>9}"
    )


def main() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.config.settings_test")
    django.setup()
    results = evaluate()
    print(table(results))
    if "--misses" in sys.argv:
        seen = set()
        for s in list(results["by_item"].values()):
            for miss in s.misses:
                if miss not in seen:
                    seen.add(miss)
                    print("  " + miss)


if __name__ == "__main__":
    main()
