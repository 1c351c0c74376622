"""Child process: `oversight ingest PATH --as liaison`, through the management command.

    python -m tests.ops.import_big PATH

With OVERSIGHT_TEST_PAUSE_AT_RECORD=<n> and OVERSIGHT_TEST_PAUSE_MARKER=<path> set, a
test-only post_save receiver on ImportedRecord writes the marker when the n-th record of the
import is written, and sleeps: the import's transaction is open, half its rows written. The
kill test kills the process there. No product code knows about the pause.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(path: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models.signals import post_save

    from oversight.ingest.models import ImportedRecord

    marker = os.environ.get("OVERSIGHT_TEST_PAUSE_MARKER")
    pause_at = int(os.environ.get("OVERSIGHT_TEST_PAUSE_AT_RECORD") or 0)
    if marker and pause_at:
        seen = []

        def pause(sender, instance, created, **kwargs):
            seen.append(instance.pk)
            if len(seen) < pause_at:
                return
            with open(marker + ".tmp", "w") as handle:
                json.dump({"records": len(seen), "batch": instance.batch_id}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(marker + ".tmp", marker)
            time.sleep(300)  # the test kills us here

        post_save.connect(pause, sender=ImportedRecord, weak=False)

    call_command("ingest", path, "--as", "liaison")


if __name__ == "__main__":
    main(sys.argv[1])
