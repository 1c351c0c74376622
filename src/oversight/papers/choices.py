"""The papers app's vocabulary: the choices its records take, with the words pages show.

Other apps import these from here; the records themselves they reach through
`oversight.papers.selectors` and `services`."""

from __future__ import annotations

from django.db import models


class ItemOrder(models.TextChoices):
    """The order a paper sets out recommendations in: the committee chooses."""

    THEME = "theme", "By theme, as the papers have been written"
    REFERENCE = "reference", "By reference number"
    DUE = "due", "By due date, the soonest first"


class PaperStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
