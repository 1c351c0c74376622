"""`oversight tracker -o FILE.xlsx` (or .csv): every response of an organisation."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from oversight import clock
from oversight.accounts.models import Organisation
from oversight.papers import tracker
from oversight.recommendations.models import Response


class Command(BaseCommand):
    help = "Write the tracker spreadsheet of every response (xlsx or csv, by the file name)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument(
            "--organisation", help="Name or short name (default: the only one with responses)"
        )

    def handle(self, *args, output, organisation, **options):
        orgs = Organisation.objects.filter(responses__isnull=False).distinct()
        if organisation:
            orgs = orgs.filter(name__iexact=organisation) | orgs.filter(
                short_name__iexact=organisation
            )
        if orgs.count() != 1:
            names = ", ".join(o.name for o in orgs[:10])
            raise CommandError(
                "Say which organisation with --organisation"
                + (f" (one of: {names})" if names else "")
            )
        org = orgs.get()
        queryset = Response.objects.filter(organisation=org).order_by(
            "recommendation__reference", "pk"
        )
        today = clock.today()
        path = Path(output)
        if path.suffix.lower() == ".csv":
            with path.open("w", encoding="utf-8", newline="") as handle:
                for line in tracker.csv_lines(queryset, today=today):
                    handle.write(line)
        elif path.suffix.lower() == ".xlsx":
            with path.open("wb") as handle:
                tracker.write_xlsx(queryset, handle, today=today)
        else:
            raise CommandError("The file name must end in .xlsx or .csv")
        self.stdout.write(f"Wrote {output}: {queryset.count()} responses of {org}")
