"""Charts for the dashboard and the committee paper, drawn with matplotlib.

SVG for pages (shown as an <img> with a text alternative, the figures in a table beside it),
PNG for Word. Every function is pure: the same figures give the same bytes, so results are
cached in the process. Colour is never the only way to read a chart: bars carry their
numbers, lines their markers and a legend, and the page has the table.

The committee paper uses these too (papers.documents.build):
``rag_bar_chart(counts, title=…)`` has the same signature and returns (PNG, SVG).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import escape


@lru_cache(maxsize=1)
def _plt():
    """pyplot, imported on first use: matplotlib takes seconds to import, and most requests
    and every management command draw no chart."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    return pyplot


RAG_COLOURS = {
    "Red": "#d4351c",
    "Amber": "#f47738",
    "Green": "#00703c",
    "Blue (complete)": "#1d70b8",
    "Not rated": "#b1b4b6",
}
DEFAULT_COLOUR = "#505a5f"
SERIES_COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#505a5f"]
SERIES_MARKERS = ["o", "s", "^", "D", "v"]


@dataclass(frozen=True)
class Chart:
    svg: str
    png: bytes | None
    alt: str  # the text alternative: what the chart shows, in words and numbers


STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "Arial", "DejaVu Sans"],
    "svg.hashsalt": "oversight",  # the same chart gives the same SVG
    "svg.fonttype": "none",  # text stays text: selectable, smaller
}


def _styled(draw):
    """Draw inside our own matplotlib settings, leaving the process-wide ones alone."""

    def wrapped(*args, **kwargs):
        with _plt().rc_context(STYLE):
            return draw(*args, **kwargs)

    wrapped.__name__ = draw.__name__
    wrapped.__doc__ = draw.__doc__
    return wrapped


def _with_title(svg: str, alt: str) -> str:
    """Give the SVG itself a text alternative (role, aria-label and <title>)."""
    start = svg.find("<svg")
    end = svg.find(">", start)
    if start == -1 or end == -1:
        return svg
    label = str(escape(alt))
    return (
        svg[:end]
        + f' role="img" aria-label="{label}"'
        + svg[end]
        + f"<title>{label}</title>"
        + svg[end + 1 :]
    )


def _render(figure, alt: str, png: bool) -> Chart:
    figure.tight_layout()
    svg_io = io.StringIO()
    figure.savefig(svg_io, format="svg", metadata={"Date": None, "Creator": None})
    png_bytes = None
    if png:
        png_io = io.BytesIO()
        figure.savefig(png_io, format="png", dpi=150, metadata={"Software": None})
        png_bytes = png_io.getvalue()
    _plt().close(figure)
    return Chart(svg=_with_title(svg_io.getvalue(), alt), png=png_bytes, alt=alt)


def _alt_counts(title: str, counts: tuple[tuple[str, int], ...]) -> str:
    return f"{title}: " + ", ".join(f"{label} {n}" for label, n in counts) + "."


@lru_cache(maxsize=128)
@_styled
def _bars(
    title: str,
    counts: tuple[tuple[str, int], ...],
    colours: tuple[str, ...],
    png: bool,
) -> Chart:
    labels = [label for label, _ in counts] or ["None"]
    values = [n for _, n in counts] or [0]
    figure, axes = _plt().subplots(figsize=(5, 0.5 * len(labels) + 0.9), dpi=100)
    bars = axes.barh(labels, values, color=list(colours) or DEFAULT_COLOUR)
    axes.invert_yaxis()
    axes.set_title(title, loc="left", fontsize=13, fontweight="bold")
    axes.bar_label(bars, labels=[str(v) for v in values], padding=4, fontsize=13)
    axes.set_xlim(0, max(values + [1]) * 1.2)
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=13, length=0)
    axes.xaxis.set_visible(False)
    return _render(figure, _alt_counts(title, counts), png)


def bar_chart(
    counts: dict[str, int], *, title: str, colours: dict[str, str] | None = None, png: bool = False
) -> Chart:
    """Horizontal bars, one per label, each with its number written beside it."""
    items = tuple((str(k), int(v)) for k, v in counts.items())
    palette = tuple((colours or {}).get(label, DEFAULT_COLOUR) for label, _ in items)
    return _bars(title, items, palette, png)


def rag_chart(counts: dict[str, int], *, title: str, png: bool = False) -> Chart:
    """Bars of RAG counts keyed by label ("Red", "Amber", "Green", "Blue (complete)",
    "Not rated"), in the RAG colours."""
    return bar_chart(counts, title=title, colours=RAG_COLOURS, png=png)


def rag_bar_chart(counts: dict[str, int], *, title: str) -> tuple[bytes, str]:
    """(PNG, SVG) of a RAG bar chart: the signature the committee paper uses."""
    chart = rag_chart(counts, title=title, png=True)
    return chart.png or b"", chart.svg


def _month_labels(months: tuple[str, ...]) -> tuple[list[int], list[str]]:
    """Tick positions and labels: at most about twelve, so they stay readable."""
    step = max(1, -(-len(months) // 12))
    ticks = list(range(0, len(months), step))
    return ticks, [months[i] for i in ticks]


@lru_cache(maxsize=64)
@_styled
def _lines(
    title: str,
    months: tuple[str, ...],
    series: tuple[tuple[str, tuple[int, ...]], ...],
    png: bool,
) -> Chart:
    figure, axes = _plt().subplots(figsize=(8, 3.6), dpi=100)
    x = list(range(len(months)))
    for i, (name, values) in enumerate(series):
        axes.plot(
            x,
            values,
            label=name,
            color=SERIES_COLOURS[i % len(SERIES_COLOURS)],
            marker=SERIES_MARKERS[i % len(SERIES_MARKERS)],
            markersize=4 if len(months) > 24 else 6,
            linewidth=2,
        )
    ticks, labels = _month_labels(months)
    axes.set_xticks(ticks, labels, rotation=45, ha="right", fontsize=9)
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.set_ylim(0, max([v for _, values in series for v in values] + [1]) * 1.35)
    axes.legend(loc="upper left", fontsize=10, frameon=False, ncols=len(series))
    alt = f"{title}, {months[0]} to {months[-1]}. " if months else f"{title}: no figures. "
    alt += " ".join(
        f"{name}: {values[0]} in {months[0]}, {values[-1]} in {months[-1]}, highest {max(values)}."
        for name, values in series
        if values
    )
    return _render(figure, alt.strip(), png)


def trend_chart(
    months: list[str], series: dict[str, list[int]], *, title: str, png: bool = False
) -> Chart:
    """Lines month by month (e.g. open, closed, overdue), each with its own marker."""
    return _lines(
        title,
        tuple(months),
        tuple((name, tuple(int(v) for v in values)) for name, values in series.items()),
        png,
    )


@lru_cache(maxsize=64)
@_styled
def _stacked(
    title: str,
    months: tuple[str, ...],
    stacks: tuple[tuple[str, tuple[int, ...]], ...],
    png: bool,
) -> Chart:
    figure, axes = _plt().subplots(figsize=(8, 3.6), dpi=100)
    x = list(range(len(months)))
    bottom = [0] * len(months)
    for name, values in stacks:
        axes.bar(
            x,
            values,
            bottom=bottom,
            label=name,
            color=RAG_COLOURS.get(name, DEFAULT_COLOUR),
            width=0.8,
            edgecolor="white",
            linewidth=0.5,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ticks, labels = _month_labels(months)
    axes.set_xticks(ticks, labels, rotation=45, ha="right", fontsize=9)
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="upper left", fontsize=10, frameon=False, ncols=len(stacks))
    axes.set_ylim(0, max(bottom + [1]) * 1.35)
    alt = f"{title}, {months[0]} to {months[-1]}. " if months else f"{title}: no figures. "
    if months:
        alt += f"In {months[-1]}: " + ", ".join(f"{n} {v[-1]}" for n, v in stacks) + "."
    return _render(figure, alt.strip(), png)


def stacked_chart(
    months: list[str], stacks: dict[str, list[int]], *, title: str, png: bool = False
) -> Chart:
    """Stacked bars month by month (e.g. the RAG mix of open responses), RAG colours."""
    return _stacked(
        title,
        tuple(months),
        tuple((name, tuple(int(v) for v in values)) for name, values in stacks.items()),
        png,
    )
