"""The `oversight` command: `oversight demo`, `oversight serve`, and every management command.

`oversight help` lists them all; `oversight COMMAND --help` explains one.
"""

from __future__ import annotations

import os
import sys


def private_files() -> None:
    """Everything this process creates (the SQLite database and its journal, evidence files,
    exports, temporary uploads) is readable by its own user only: files 0600, folders 0700."""
    os.umask(0o077)


def main(argv: list[str] | None = None) -> None:
    private_files()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.config.settings")
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")  # `oversight search-index` is `search_index`
    if len(argv) > 1 and argv[1] == "demo":
        os.environ.setdefault("OVERSIGHT_DEMO", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["oversight", *argv[1:]])


if __name__ == "__main__":  # pragma: no cover
    main()
