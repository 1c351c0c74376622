"""Charts for papers and dashboards, drawn with matplotlib: SVG for pages, PNG for Word and PDF.

Every chart has its numbers written on it and a table beside it on the page: colour is never
the only way to read it.
"""

from __future__ import annotations

import io

RAG_COLOURS = {
    "Red": "#d4351c",
    "Amber": "#f47738",
    "Green": "#00703c",
    "Blue (complete)": "#1d70b8",
    "Not rated": "#b1b4b6",
}


def rag_bar_chart(counts: dict[str, int], *, title: str) -> tuple[bytes, str]:
    """A horizontal bar chart of RAG counts: (PNG bytes, SVG text)."""
    labels = list(counts)
    values = [counts[label] for label in labels]
    colours = [RAG_COLOURS.get(label, "#505a5f") for label in labels]
    # Imported here: matplotlib takes seconds to import, and most requests draw no chart.
    # The Figure API keeps no global state, so requests in threads don't share a figure.
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = ["Liberation Sans", "DejaVu Sans"]
    matplotlib.rcParams["svg.hashsalt"] = "oversight"  # the same chart gives the same SVG
    figure = Figure(figsize=(7, 0.55 * len(labels) + 1.1), dpi=150)
    axes = figure.subplots()
    bars = axes.barh(labels, values, color=colours)
    axes.invert_yaxis()
    axes.set_title(title, loc="left", fontsize=11, fontweight="bold")
    axes.bar_label(bars, labels=[str(v) for v in values], padding=4, fontsize=10)
    axes.set_xlim(0, max(values + [1]) * 1.2)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="both", labelsize=10)
    axes.xaxis.set_visible(False)
    figure.tight_layout()
    png = io.BytesIO()
    figure.savefig(png, format="png", metadata={"Software": None})
    svg = io.StringIO()
    figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()
