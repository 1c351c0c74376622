"""Production settings with a one-second SQLite busy timeout (the real one is 20 s), so the
locked-database test does not wait long."""

from oversight.config.settings import *  # noqa: F403
from oversight.config.settings import DATABASES

DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 1
