"""Child process: add an update with one evidence file through the service, as `owner`.

    python -m tests.ops.add_update TOKEN

With OVERSIGHT_TEST_PAUSE_AFTER_EVIDENCE=<marker path> set, a test-only post_save receiver on
Evidence writes the marker (the stored file's name) and sleeps: the file is on disk, the rows
are written, and the transaction has not committed. The kill test kills the process there.
Prints the stored file name when the update is committed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time


def main(token: str) -> None:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db.models.signals import post_save

    from oversight.accounts.models import User
    from oversight.recommendations.models import Evidence, Response
    from oversight.recommendations.services import update_add
    from tests.ops.helpers import pdf

    marker = os.environ.get("OVERSIGHT_TEST_PAUSE_AFTER_EVIDENCE")
    if marker:

        def pause(sender, instance, created, **kwargs):
            with open(marker + ".tmp", "w") as handle:
                json.dump({"file": instance.file.name, "pid": os.getpid()}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(marker + ".tmp", marker)
            time.sleep(300)  # the test kills us here

        post_save.connect(pause, sender=Evidence, weak=False)

    owner = User.objects.get(username="owner")
    response = Response.objects.filter(owner=owner).order_by("pk").first()
    update = update_add(
        response=response,
        author=owner,
        written_on=dt.date.today(),
        narrative=f"Update {token}",
        proposed_rag="green",
        files=[(SimpleUploadedFile(f"{token}.pdf", pdf(token)), "Minutes")],
    )
    print(update.evidence.get().file.name)


if __name__ == "__main__":
    main(sys.argv[1])
