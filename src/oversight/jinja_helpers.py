"""Filters and globals shared by every page: RAG tags, statuses, dates as written."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup, escape

from oversight.rules.rag import RAG_TAG_CLASSES, rag_label

STATUS_TAG_CLASSES = {
    "open": "govuk-tag--grey",
    "in_progress": "govuk-tag--light-blue",
    "ready_for_closure": "govuk-tag--purple",
    "submitted": "govuk-tag--purple",
    "closed": "govuk-tag--blue",
    "closed_by_inspectorate": "govuk-tag--blue",
    "superseded": "govuk-tag--grey",
    "notified": "govuk-tag--grey",
    "scheduled": "govuk-tag--light-blue",
    "fieldwork": "govuk-tag--yellow",
    "debriefed": "govuk-tag--purple",
    "awaiting_report": "govuk-tag--orange",
    "published": "govuk-tag--green",
    "cancelled": "govuk-tag--grey",
    "discharged": "govuk-tag--blue",
    "revisited": "govuk-tag--yellow",
}


def rag_tag(value: str | None) -> Markup:
    """A RAG rating as a coloured tag that always carries the word."""
    if not value:
        return Markup('<strong class="govuk-tag govuk-tag--grey">Not rated</strong>')
    css = RAG_TAG_CLASSES.get(value, "govuk-tag--grey")
    return Markup(f'<strong class="govuk-tag {css}">{escape(rag_label(value))}</strong>')


def status_tag(value: str, label: str) -> Markup:
    css = STATUS_TAG_CLASSES.get(value, "govuk-tag--grey")
    return Markup(f'<strong class="govuk-tag {css}">{escape(label)}</strong>')


def paragraphs(text: str | None) -> Markup:
    """Plain text with blank lines as GOV.UK paragraphs; everything escaped."""
    if not text:
        return Markup("")
    parts = [p.strip() for p in str(text).replace("\r\n", "\n").split("\n\n") if p.strip()]
    return Markup("").join(
        Markup('<p class="govuk-body">{}</p>').format(
            Markup("<br>").join(escape(line) for line in part.split("\n"))
        )
        for part in parts
    )


def css_string(text: str | None) -> Markup:
    """Text for a CSS string in a <style> block (page headers of the PDF): quotes, backslashes
    and angle brackets escaped the CSS way, so no text can close the string or the block."""
    out = []
    for char in str(text or ""):
        if char in {'"', "\\", "<", ">", "&"} or ord(char) < 32:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return Markup("".join(out))


def select_options(options, value, any_label: str | None = None) -> Markup:
    """The <option> elements of a GOV.UK select, written in one pass.

    govukSelect renders each option through its own macro calls (about 0.1 ms an option); the
    register's filters offer a few hundred owners, reports and themes at national scale, so
    the options are written here and the component's wrapper around them (components/macros
    .html, filter_select) keeps the GOV.UK markup.
    """
    value = "" if value is None else str(value)
    selected = " selected"
    parts = []
    if any_label is not None:
        parts.append(
            f'<option value=""{selected if value == "" else ""}>{escape(any_label)}</option>'
        )
    for v, text in options:
        v = str(v)
        mark = selected if v == value else ""
        parts.append(f'<option value="{escape(v)}"{mark}>{escape(text)}</option>')
    return Markup("\n".join(parts))  # every value and text escaped above


def b64(text: str | bytes) -> str:
    import base64

    data = text.encode("utf-8") if isinstance(text, str) else text
    return base64.b64encode(data).decode("ascii")


def register(env: Environment) -> None:
    env.filters.update(
        {"rag_tag": rag_tag, "paragraphs": paragraphs, "css_string": css_string, "b64": b64}
    )
    env.globals.update(
        {"status_tag": status_tag, "rag_tag": rag_tag, "select_options": select_options}
    )
