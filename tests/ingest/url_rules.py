"""Who may open each import page (merged into tests/test_permissions.py)."""

from __future__ import annotations


def rules(*, LIAISON_OBJECT, LIAISON_PAGE, ROLES, **_):
    liaison = ROLES[0]
    posted = {**LIAISON_OBJECT, liaison: 302}  # the liaison is sent on to the next page
    return {
        "import:upload": (None, LIAISON_PAGE, "get"),
        "import:preview": ("ingest_batch", LIAISON_OBJECT, "get"),
        "import:columns": ("ingest_batch", LIAISON_OBJECT, "get"),
        "import:confirm": ("ingest_batch", posted, "post"),
        "import:cancel": ("ingest_batch", posted, "post"),
        "import:result": ("ingest_imported", LIAISON_OBJECT, "get"),
    }


def _batch(home, people, *, status: str):
    from oversight.accounts.models import Role
    from oversight.ingest.models import ImportBatch
    from tests.ingest.builders import row, tracker

    data = f"permissions {status}".encode()
    extraction = tracker([row(2, "7001", "Chief constables should do a thing.")], data=data)
    return ImportBatch.objects.create(
        organisation=home,
        file_name="tracker.csv",
        sha256=extraction.source.sha256,
        size=len(data),
        kind="tracker",
        format="csv",
        extraction=extraction.as_json(),
        content=data,
        status=status,
        created_by=people[Role.LIAISON],
    )


BUILDERS = {
    "ingest_batch": lambda home, people: {"pk": _batch(home, people, status="previewed").pk},
    "ingest_imported": lambda home, people: {"pk": _batch(home, people, status="imported").pk},
}
