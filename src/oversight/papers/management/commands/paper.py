"""`oversight paper --committee JAC --meeting 2022-07-28 --format docx -o FILE`
and `oversight paper --committee JAC --list`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from oversight.dates import long_date
from oversight.papers.documents import build
from oversight.papers.models import Paper, PaperStatus
from oversight.papers.selectors import committees_named


class Command(BaseCommand):
    help = "Write a committee paper as Word, PDF or HTML, or list a committee's meetings."

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="Name or short name, e.g. JAC")
        parser.add_argument("--meeting", help="The meeting's date, YYYY-MM-DD")
        parser.add_argument("--format", choices=["docx", "pdf", "html"], default="docx")
        parser.add_argument("-o", "--output", help="The file to write")
        parser.add_argument("--list", action="store_true", help="List meetings and their papers")
        parser.add_argument(
            "--paper-version",
            type=int,
            dest="paper_version",
            help="Which version of the paper (default: the latest issued, else the draft)",
        )

    def handle(self, *args, committee, meeting, format, output, list, paper_version, **options):
        matches = committees_named(committee)
        if not matches:
            raise CommandError(f"No committee is called {committee!r}")
        if matches.count() > 1:
            raise CommandError(f"Several committees are called {committee!r}: use the full name")
        chosen = matches.get()
        if list:
            for m in chosen.meetings.order_by("held_on"):
                papers = (
                    ", ".join(
                        f"v{p.version} {p.get_status_display().lower()}"
                        + (f" {p.issued_at:%Y-%m-%d}" if p.issued_at else "")
                        for p in m.papers.order_by("version")
                    )
                    or "no paper"
                )
                self.stdout.write(
                    f"{m.held_on:%Y-%m-%d}  {chosen.short_name or chosen.name}  {papers}"
                )
            return
        if not meeting or not output:
            raise CommandError("Give --meeting YYYY-MM-DD and -o FILE (or --list)")
        try:
            held_on = dt.date.fromisoformat(meeting)
        except ValueError as exc:
            raise CommandError(
                f"--meeting must be a date like 2022-07-28, not {meeting!r}"
            ) from exc
        papers = Paper.objects.filter(meeting__committee=chosen, meeting__held_on=held_on).defer(
            "data"
        )  # the export reads Paper.drawn, not the facts
        if not papers.exists():
            raise CommandError(
                f"No paper for {chosen} on {long_date(held_on)}: `--list` shows the meetings"
            )
        if paper_version:
            paper = papers.filter(version=paper_version).first()
        else:
            paper = (
                papers.filter(status=PaperStatus.ISSUED).order_by("-version").first()
                or papers.order_by("-version").first()
            )
        if paper is None:
            raise CommandError(f"There is no version {paper_version}")
        content, _, _ = build.export(paper, format)
        Path(output).write_bytes(content)
        self.stdout.write(f"Wrote {output}: {paper} ({len(content):,} bytes)")
