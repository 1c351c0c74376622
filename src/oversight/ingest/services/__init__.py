"""The writes of an import, split by step:

- batches: reading a file into a batch (the preview), matching columns again, cancelling
- confirm: importing a previewed batch, in one transaction or not at all
- background: confirming on the page queues that import for the background worker
- progress: how far a background import has got

Only the liaison of the organisation imports. Every record an import writes carries
"Imported from <file> (SHA-256 <first 12>…)" as the reason in its history, and is linked to
its batch by an ImportedRecord.
"""

from oversight.ingest.services.background import ingest_confirm_later
from oversight.ingest.services.batches import (
    ImportRefused,
    Preview,
    ingest_cancel,
    ingest_preview,
    ingest_remap,
    max_import_bytes,
)
from oversight.ingest.services.confirm import (
    ImportBlocked,
    ImportResult,
    already_imported,
    ingest_confirm,
    summary_sentence,
)
from oversight.ingest.services.progress import Progress, import_progress

__all__ = [
    "ImportBlocked",
    "Progress",
    "import_progress",
    "ingest_confirm_later",
    "ImportRefused",
    "ImportResult",
    "Preview",
    "already_imported",
    "ingest_cancel",
    "ingest_confirm",
    "ingest_preview",
    "ingest_remap",
    "max_import_bytes",
    "summary_sentence",
]
