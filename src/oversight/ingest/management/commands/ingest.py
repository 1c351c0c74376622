"""`oversight ingest PATH [--dry-run] [--json]`: read a file, show the preview, import it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from oversight.accounts import selectors as accounts
from oversight.accounts.choices import Role
from oversight.ingest.extraction import UnreadableFile
from oversight.ingest.planning import Plan
from oversight.ingest.services import (
    ImportRefused,
    already_imported,
    ingest_confirm,
    ingest_preview,
)

if TYPE_CHECKING:
    from oversight.accounts.models import User

KINDS = {
    "inspection_report": "an inspection report",
    "register_page": "a page of the HMICFRS recommendations register",
    "committee_paper": "a committee paper",
    "tracker": "a tracker spreadsheet",
    "document": "another document, its items read from its text",
    "unknown": "not recognised",
}


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Read an inspection report, register page, committee paper or tracker spreadsheet and "
        "show what importing it would do: what will be created, what matches existing records, "
        "what could not be read. Without --dry-run, then imports it in one transaction, as the "
        "liaison of the organisation. Exits with 1 for a file that cannot be read, or for rows "
        "with problems (unless --skip-bad-rows)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The file to read.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the preview and stop: write nothing."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON object: what was read (source, recommendations, inspections, "
            "reports, warnings …) and the plan (matches, row problems).",
        )
        parser.add_argument(
            "--organisation", help="The organisation to import into (name or short name)."
        )
        parser.add_argument(
            "--as",
            dest="username",
            help="The liaison who imports (default: the organisation's liaison, if only one).",
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Import the rest of a spreadsheet, skipping the rows with problems.",
        )

    def handle(self, *args, path: Path, **options) -> None:
        actor = _actor(options.get("username"), options.get("organisation"))
        dry_run, as_json = options["dry_run"], options["json"]
        try:
            with transaction.atomic():
                preview = ingest_preview(actor=actor, path=path)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass  # the batch the preview wrote is rolled back: a dry run writes nothing
        except UnreadableFile as exc:
            raise CommandError(f"{path.name} cannot be read: {exc}") from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        plan = preview.plan
        output: dict = {**plan.extraction.as_json(), "plan": plan.as_json()}
        if not as_json:
            self.stdout.write(describe(plan, preview.batch.file_name))
        problems = plan.problem_rows
        failure = None
        if preview.already:
            message = already_imported(preview.batch)
            output["result"] = {"imported": False, "nothing_changed": True, "message": message}
            if not as_json:
                self.stdout.write(message)
        elif problems and not options["skip_bad_rows"]:
            failure = (
                f"{len(problems)} row{'s' * (len(problems) > 1)} with problems "
                f"({', '.join(str(r) for r in problems)}): nothing was imported. Fix the file, "
                "or run again with --skip-bad-rows to import the rest."
            )
        elif dry_run:
            output["result"] = {"imported": False, "dry_run": True}
            if not as_json:
                self.stdout.write("Dry run: nothing was imported.")
        else:
            try:
                result = ingest_confirm(
                    batch=preview.batch,
                    actor=actor,
                    skip_rows=problems,
                    progress=None if as_json else _Progress(self.stderr),
                )
            except ImportRefused as exc:
                failure = f"Nothing was imported: {exc}"
            else:
                output["result"] = {
                    "imported": not result.nothing_changed,
                    "nothing_changed": result.nothing_changed,
                    "batch": result.batch.pk,
                    "counts": result.counts,
                    "message": result.message,
                }
                if not as_json:
                    self.stdout.write(self.style.SUCCESS(result.message))
        if failure:
            output["result"] = {"imported": False, "error": failure}
        if as_json:
            self.stdout.write(json.dumps(output, indent=2, ensure_ascii=False))
        if failure:
            raise CommandError(failure)


class _Progress:
    """Rows imported so far, on one line of the terminal (a line every 10% when not a terminal)."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = stream.isatty()
        self.shown = -1

    def __call__(self, done: int, total: int, **_) -> None:
        if total < 50:
            return
        step = 1 if self.tty else 10
        percent = 100 * done // total
        if percent // step == self.shown and done != total:
            return
        self.shown = percent // step
        line = f"Importing: {done:,} of {total:,} rows ({percent}%)"
        if self.tty:
            self.stream.write("\r" + line, ending="\n" if done == total else "")
            self.stream.flush()
        else:
            self.stream.write(line)


def _actor(username: str | None, organisation_name: str | None) -> User:
    organisation = None
    if organisation_name:
        organisation = accounts.organisation_named(organisation_name)
        if organisation is None:
            raise CommandError(f"There is no organisation called “{organisation_name}”.")
    if username:
        actor = accounts.active_person(username)
        if actor is None:
            raise CommandError(f"There is no active person with the username “{username}”.")
        if actor.role != Role.LIAISON:
            raise CommandError(f"{username} is not a liaison: only the liaison imports files.")
        if organisation is not None and actor.organisation_id != organisation.pk:
            raise CommandError(f"{username} is not in {organisation.name}.")
        return actor
    liaisons = list(accounts.active_liaisons(organisation)[:2])
    if len(liaisons) == 1:
        return liaisons[0]
    if not liaisons:
        raise CommandError("There is no liaison to import as: create one, or use --as USERNAME.")
    raise CommandError("Say who imports: --as USERNAME (or --organisation NAME).")


def _short(text: str | None, width: int = 90) -> str:
    return textwrap.shorten(" ".join((text or "").split()), width=width, placeholder="…")


def describe(plan: Plan, file_name: str) -> str:
    """The preview in words, for the terminal."""
    source = plan.extraction.source
    lines = [
        f"File: {file_name} (SHA-256 {source.sha256[:12]}…)",
        f"Read as: {KINDS.get(source.kind, source.kind)} ({source.format})",
        f"Importing into: {plan.organisation.name}",
        f"About: {plan.about or 'no one force or service (national, or not named)'}",
        *([f"Warning: {plan.about_someone_else}"] if plan.about_someone_else else []),
        "",
    ]

    def where(item) -> str:
        return f"row {item.row}: " if item.row is not None else ""

    created = plan.to_create
    lines.append(f"To be created ({len(created)}):")
    for item in created:
        report = plan.reports[item.report_key].title if item.report_key else ""
        lines.append(f"  {where(item)}{item.kind_label} {item.label}: {_short(item.found.text)}")
        if report:
            lines.append(f"      report: {_short(report, 80)}")
        for note in item.notes:
            lines.append(f"      note: {note}")
    matched = plan.matched
    lines.append(f"Matches existing records ({len(matched)}):")
    for item in matched:
        change = "; ".join(item.changes) or (
            "our response will be opened" if item.action == "take_on" else "no change"
        )
        lines.append(
            f"  {where(item)}{item.label} = {item.recommendation.title} ({item.how}): {change}"
        )
        for note in item.notes:
            lines.append(f"      note: {note}")
    if plan.not_imported:
        lines.append(f"Read but not imported ({len(plan.not_imported)}):")
        for item in plan.not_imported:
            lines.append(f"  {where(item)}{_short(item.found.text, 60)}: {' '.join(item.notes)}")
    if plan.reports:
        lines.append("Reports:")
        for report in plan.reports.values():
            state = "already recorded" if report.report else "to be created"
            lines.append(f"  {_short(report.title, 90)}: {state}")
    if plan.inspections:
        lines.append("Inspections:")
        for planned in plan.inspections:
            state = "already recorded" if planned.inspection else "to be created"
            when = f" ({planned.found.when_text})" if planned.found.when_text else ""
            lines.append(f"  {_short(planned.found.title, 80)}{when}: {state}")
    if plan.warnings:
        lines.append("Could not read:")
        lines.extend(f"  - {w}" for w in plan.warnings)
    for blocker in plan.blockers:
        lines.append(f"Cannot import: {blocker}")
    if plan.problems:
        lines.append(f"Rows with problems ({len(plan.problem_rows)}):")
        for problem in sorted(plan.problems, key=lambda p: p.row):
            lines.append(f"  row {problem.row}, column {problem.column}: {problem.reason}")
    return "\n".join(lines)
