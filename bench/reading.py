"""`make bench-reading`: how long the readers take on each real document, as text and as PDF.

    .venv/bin/python -m bench.reading [--repeat 5]

Every document of the ingest corpus (tests/ingest/real/, real public documents) is read as a
text file and as a PDF (rendered once with running headers and footers, kept in
var/bench/reading/), and so are the ingest fixtures (Word, Excel, CSV, HTML) and the long
report of `make bench`. Each file is read `--repeat` times after one warm-up. Beside each
reading, its floor: the same file's words taken out by the library alone (pdfplumber's
text, python-docx's paragraphs, openpyxl's cells, the text decoded), so a slow reading shows
whether the time is the library's or ours.

The target (issue #15): reading any one file stays under 2 s at the 95th percentile. The
machine is shared, so CPU time is shown beside wall time; bench/reading.md is written.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from bench.measure import long_report, percentile  # noqa: E402

TARGET_P95_SECONDS = 2.0
RESULTS = ROOT / "bench" / "reading.md"
FIXTURES = ROOT / "tests" / "ingest" / "fixtures"


@dataclass
class Timing:
    name: str
    kind: str  # txt | pdf | docx | xlsx | csv | html
    size: int
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    peer: float | None = None  # PDF: pdfplumber's lines, once
    items: int = 0

    @property
    def p95(self) -> float:
        return percentile(self.wall, 0.95)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def ratio(self) -> float | None:
        floor = statistics.median(self.floor) if self.floor else 0
        return self.median / floor if floor > 0 else None


def _files(folder: Path) -> list[tuple[str, Path]]:
    """(name, path) of every file to read: the corpus as text and PDF, the fixtures, the long
    report."""
    from tests.ingest.corpus import as_pdf, documents

    files: list[tuple[str, Path]] = []
    folder.mkdir(parents=True, exist_ok=True)
    corpus = documents()
    for number, document in enumerate(corpus, 1):
        text = folder / f"{document.stem.replace('/', '--')}.txt"
        if not text.exists():
            text.write_text(document.text, encoding="utf-8")
        pdf = text.with_suffix(".pdf")
        if not pdf.exists():
            print(f"  rendering {number}/{len(corpus)}: {document.stem}", flush=True)
            pdf.write_bytes(as_pdf(document))
        files += [(document.stem, text), (document.stem, pdf)]
    for path in sorted(FIXTURES.iterdir()):
        if path.suffix in {".docx", ".xlsx", ".csv", ".html", ".pdf", ".txt"}:
            files.append((f"fixtures/{path.stem}", path))
    files.append(("bench/long-report", long_report()))
    return files


def _floor(path: Path) -> None:
    """The words of the file taken out by the library alone, with nothing read into them."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    elif suffix == ".docx":
        import docx

        for paragraph in docx.Document(str(path)).paragraphs:
            _ = paragraph.text
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        book.close()
    else:
        path.read_bytes().decode("utf-8", errors="replace")


def _peer(path: Path) -> float:
    """PDF only: pdfplumber (pdfminer) taking out the same words, as the reader did before it
    used PDFium. Seconds, one run."""
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text_lines(layout=False, strip=True, return_chars=False)
    return time.perf_counter() - start


def measure(files: list[tuple[str, Path]], repeat: int) -> list[Timing]:
    from oversight.ingest.readers import read_file

    timings = []
    for number, (name, path) in enumerate(files, 1):
        timing = Timing(name, path.suffix.lstrip(".").lower(), path.stat().st_size)
        timing.items = len(read_file(path, name=path.name).recommendations)  # warm-up
        _floor(path)
        if timing.kind == "pdf":
            timing.peer = _peer(path)
        for _ in range(repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            read_file(path, name=path.name)
            timing.wall.append(time.perf_counter() - wall)
            timing.cpu.append(time.process_time() - cpu)
            start = time.perf_counter()
            _floor(path)
            timing.floor.append(time.perf_counter() - start)
        timings.append(timing)
        print(
            f"  {number:>3}/{len(files)} {timing.kind:<4} {name:<60} "
            f"median {timing.median * 1000:7.1f} ms  p95 {timing.p95 * 1000:7.1f} ms",
            flush=True,
        )
    return timings


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def report(timings: list[Timing], repeat: int) -> str:
    every = [w for t in timings for w in t.wall]
    worst = max(timings, key=lambda t: t.p95)
    met = worst.p95 < TARGET_P95_SECONDS
    lines = [
        "# Reading one file (issue #15)",
        "",
        f"Written by `make bench-reading` on {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} CPUs (the machine is shared).",
        "",
        f"{len(timings)} files, each read {repeat} times after a warm-up: the ingest corpus "
        "(real public documents) as text and as PDF with running headers and footers, the "
        "fixtures, and the long report of `make bench`. Floor: the same file's words taken out "
        "by the library alone (PDFium, python-docx, openpyxl, decoding); ratio = reading ÷ "
        "floor, medians. Peer, PDFs only: pdfplumber taking out the same lines, as the reader "
        "did before it used PDFium (one run).",
        "",
        f"**Target: every file under {TARGET_P95_SECONDS:.0f} s at the 95th percentile — "
        f"{'met' if met else 'MISSED'}.** Slowest file: {worst.name} ({worst.kind}), "
        f"p95 {_ms(worst.p95)}. Every reading together: median {_ms(statistics.median(every))}, "
        f"p95 {_ms(percentile(every, 0.95))}.",
        "",
        "## By format",
        "",
        "| Format | Files | Median | p95 | Slowest p95 | Median ratio to floor | Peer, median |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in sorted({t.kind for t in timings}):
        group = [t for t in timings if t.kind == kind]
        walls = [w for t in group for w in t.wall]
        ratios = [r for t in group if (r := t.ratio) is not None]
        ratio = f"{statistics.median(ratios):.1f}×" if ratios else "–"
        peers = [t.peer for t in group if t.peer is not None]
        peer = _ms(statistics.median(peers)) if peers else "–"
        lines.append(
            f"| {kind} | {len(group)} | {_ms(statistics.median(walls))} | "
            f"{_ms(percentile(walls, 0.95))} | {_ms(max(t.p95 for t in group))} | {ratio} | "
            f"{peer} |"
        )
    lines += [
        "",
        "## The ten slowest files",
        "",
        "| File | Format | Size | Items | Median | p95 | CPU median | Floor median | Ratio "
        "| Peer |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for t in sorted(timings, key=lambda t: t.p95, reverse=True)[:10]:
        floor = statistics.median(t.floor) if t.floor else 0
        ratio = f"{t.ratio:.1f}×" if t.ratio else "–"
        lines.append(
            f"| {t.name} | {t.kind} | {t.size / 1000:,.0f} kB | {t.items} | {_ms(t.median)} | "
            f"{_ms(t.p95)} | {_ms(statistics.median(t.cpu))} | {_ms(floor)} | {ratio} | "
            f"{_ms(t.peer) if t.peer is not None else '–'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from django.conf import settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="readings of each file (5)")
    args = parser.parse_args(argv)
    folder = Path(settings.VAR_DIR) / "bench" / "reading"
    print("Preparing the files (PDFs are rendered once and kept) …", flush=True)
    files = _files(folder)
    print(f"Reading {len(files)} files, {args.repeat} times each …", flush=True)
    timings = measure(files, max(args.repeat, 1))
    text = report(timings, args.repeat)
    RESULTS.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Written to {RESULTS.relative_to(ROOT)}")
    return 0 if max(t.p95 for t in timings) < TARGET_P95_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
