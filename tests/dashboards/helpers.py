"""Reading pages the way a person does: the figures that link to the register, and the
register's own count."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

REGISTER_CAPTION = re.compile(r"(\d+)\s+responses?\b")


def figure_links(html: str) -> list[tuple[str, int, str]]:
    """(link text, the figure, href) of every figure on a page that opens the register."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    out = []
    for a in main.select('a[href^="/recommendations/?"]'):
        text = " ".join(a.get_text(" ").split())
        number = re.match(r"(\d+)", text)
        if number:
            out.append((text, int(number.group(1)), a["href"]))
    return out


def register_count(html: str) -> int:
    soup = BeautifulSoup(html, "html.parser")
    caption = soup.select_one("table.app-table--register caption")
    found = REGISTER_CAPTION.search(" ".join(caption.get_text(" ").split()))
    assert found, caption.get_text()
    return int(found.group(1))


def register_rows(html: str) -> list[str]:
    """The reference (or label) in the first column of each row of the register."""
    soup = BeautifulSoup(html, "html.parser")
    rows = soup.select("table.app-table--register tbody tr")
    return [
        r.select_one("td a").get_text(" ").split(":")[0].strip()
        for r in rows
        if r.select_one("td a")
    ]
