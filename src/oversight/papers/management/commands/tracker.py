"""`oversight tracker -o FILE.xlsx` (or .csv): every response of an organisation; with
`--every-organisation`, of every organisation on the instance (for the people who run a
national instance), with the organisation's name as the first column.

The file appears whole or not at all: it is written beside its name and moved into place at
the end, so a failure halfway leaves the old file (or none), never half a spreadsheet.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from oversight import clock
from oversight.papers import tracker
from oversight.recommendations.selectors import organisations_responding, tracker_responses


class Command(BaseCommand):
    help = (
        "Write the tracker spreadsheet of every response (xlsx or csv, by the file name): of "
        "one organisation, or with --every-organisation of all of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True)
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--organisation", help="Name or short name (default: the only one with responses)"
        )
        which.add_argument(
            "--every-organisation",
            action="store_true",
            help="Every organisation's responses in one file, the organisation's name first",
        )

    def handle(self, *args, output, organisation, every_organisation, **options):
        path = Path(output)
        suffix = path.suffix.lower()
        if suffix not in {".csv", ".xlsx"}:
            raise CommandError("The file name must end in .xlsx or .csv")
        if not path.parent.is_dir():
            raise CommandError(f"There is no folder {path.parent}")
        if every_organisation:
            org = None
            shown = "every organisation"
        else:
            orgs = organisations_responding(organisation)
            if len(orgs) != 1:
                names = ", ".join(o.name for o in orgs[:10])
                raise CommandError(
                    "Say which organisation with --organisation, or --every-organisation"
                    + (f" (one of: {names})" if names else "")
                )
            org = orgs[0]
            shown = str(org)
        queryset = tracker_responses(org)
        total = queryset.count()
        today = clock.today()
        step = max(2000, total // 10)
        last = [0]

        def progress(done: int) -> None:
            if done - last[0] >= step or done == total:
                last[0] = done
                self.stderr.write(f"  {done:,} of {total:,} responses written …")

        options = {"today": today, "organisation": every_organisation, "progress": progress}
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=suffix
        )
        try:
            if suffix == ".csv":
                with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                    for line in tracker.csv_lines(queryset, **options):
                        out.write(line)
            else:
                with os.fdopen(handle, "wb") as out:
                    tracker.write_xlsx(queryset, out, **options)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(f"Wrote {output}: {total:,} responses of {shown}")
