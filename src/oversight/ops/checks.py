"""System checks: the record on disk is readable by the app's own user only."""

from __future__ import annotations

from django.core.checks import Warning, register

from oversight.dates import long_date
from oversight.ops.private import readable_by_others


@register(deploy=True)
def check_files_are_private(app_configs=None, **kwargs):
    found = readable_by_others()
    if not found:
        return []
    shown = ", ".join(str(p) for p in found[:5]) + (" …" if len(found) > 5 else "")
    return [
        Warning(
            f"{len(found)} files or folders of the record can be read by other users of this "
            f"machine: {shown}",
            hint="`oversight serve` makes them private when it starts; or run "
            "`chmod -R go-rwx` on them.",
            id="oversight.W201",
        )
    ]


@register()
def check_fixed_day(app_configs=None, **kwargs):
    """OVERSIGHT_TODAY fixes the day every rule reads: right for the demo, never by accident."""
    from django.conf import settings

    fixed = getattr(settings, "OVERSIGHT_TODAY", None)
    if fixed is None:
        return []
    return [
        Warning(
            f"OVERSIGHT_TODAY is set: Oversight runs as at {long_date(fixed)}. Overdue, reviews "
            "due, reminders and the dates on papers and in the trail all read that day.",
            hint="Unset OVERSIGHT_TODAY unless this is the demo.",
            id="oversight.W202",
        )
    ]
