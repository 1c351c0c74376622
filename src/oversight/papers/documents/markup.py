"""The section text is a small Markdown: paragraphs, **bold**, lists (- and 1.), ### headings
and pipe tables. Raw HTML is never passed through: it is escaped.

One parser (markdown-it-py) serves both the HTML (with GOV.UK classes) and the Word file,
so what the committee reads in Word is what the liaison saw in the preview.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

CLASSES = {
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
}


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable(["image", "html_block", "html_inline"])

    def with_class(renderer, tokens, idx, options, env):
        token = tokens[idx]
        css = CLASSES.get(token.tag)
        if css and token.nesting == 1:
            token.attrSet("class", css)
        return renderer.renderToken(tokens, idx, options, env)

    for name in (
        "paragraph_open",
        "bullet_list_open",
        "ordered_list_open",
        "heading_open",
        "table_open",
        "thead_open",
        "tbody_open",
        "tr_open",
        "th_open",
        "td_open",
    ):
        md.add_render_rule(name, with_class)

    def link_open(renderer, tokens, idx, options, env):
        tokens[idx].attrSet("class", "govuk-link")
        tokens[idx].attrSet("rel", "noreferrer noopener")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


def to_html(text: str) -> str:
    """HTML with GOV.UK classes. Safe to mark as safe: raw HTML in `text` is escaped."""
    return parser().render(text or "")


def tokens(text: str) -> list[Token]:
    return parser().parse(text or "")


def escape(text: str) -> str:
    """Make record text safe to put inside the Markdown of a section, as plain words."""
    text = (text or "").replace("\r\n", "\n")
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        # a line that starts like a list item or a numbered item must stay a paragraph
        if stripped[:1] in {"-", "+"} and stripped[1:2] == " ":
            line = line.replace(stripped[0], "\\" + stripped[0], 1)
        head = stripped.split(" ", 1)[0]
        if head[:-1].isascii() and head[:-1].isdigit() and head[-1:] in {".", ")"}:
            line = line.replace(head, head[:-1] + "\\" + head[-1], 1)
        lines.append(line)
    return "\n".join(lines)
