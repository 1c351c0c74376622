"""Child process: issue the demo's July 2022 draft paper, as `liaison`.

    python -m tests.ops.issue_paper

With OVERSIGHT_TEST_PAUSE_AFTER_ISSUE=<marker path> set, a test-only post_save receiver on
Paper writes the marker and sleeps once the paper's row says "issued" (and its history row is
written) but the transaction has not committed. The kill test kills the process there.
Prints the paper's id when the issue is committed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time


def main() -> None:
    import django

    django.setup()
    from django.db.models.signals import post_save

    from oversight.accounts.models import User
    from oversight.papers.models import Paper, PaperStatus
    from oversight.papers.services import paper_issue

    marker = os.environ.get("OVERSIGHT_TEST_PAUSE_AFTER_ISSUE")
    if marker:

        def pause(sender, instance, **kwargs):
            if instance.status != PaperStatus.ISSUED:
                return
            with open(marker + ".tmp", "w") as handle:
                json.dump({"paper": instance.pk, "pid": os.getpid()}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(marker + ".tmp", marker)
            time.sleep(300)  # the test kills us here

        post_save.connect(pause, sender=Paper, weak=False)

    liaison = User.objects.get(username="liaison")
    paper = Paper.objects.get(meeting__held_on=dt.date(2022, 7, 28), status=PaperStatus.DRAFT)
    paper_issue(paper=paper, actor=liaison)
    print(paper.pk)


if __name__ == "__main__":
    main()
