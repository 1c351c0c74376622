"""The import forms: choosing a file, and matching a tracker's columns."""

from __future__ import annotations

from django import forms

from oversight.ingest.extraction import ColumnMapping

# What a tracker column can hold: a FoundRecommendation field, in words.
COLUMN_FIELDS: list[tuple[str, str]] = [
    ("", "Ignore this column"),
    ("reference", "Reference (e.g. 9159)"),
    ("number", "Number in the report"),
    ("kind", "Kind (recommendation, cause of concern, area for improvement)"),
    ("text", "Recommendation text"),
    ("report_title", "Report"),
    ("theme", "Theme"),
    ("owner", "Owner"),
    ("deadline_text", "Deadline as written"),
    ("due_date", "Due date"),
    ("rag", "RAG rating"),
    ("status", "Status"),
    ("progress", "Progress update"),
    ("audience", "Audience"),
    ("cause_of_concern", "Cause of concern it sits under"),
]


class UploadForm(forms.Form):
    file = forms.FileField(
        error_messages={
            "required": "Choose a file to import",
            "empty": "The file is empty",
            "invalid": "Choose a file to import",
        }
    )


class ColumnsForm(forms.Form):
    """One select per spreadsheet column, named column_<position>."""

    def __init__(self, data=None, *, columns: list[ColumnMapping], current: dict[int, str]):
        super().__init__(data)
        self.columns = columns
        for column in columns:
            name = f"column_{column.index}"
            self.fields[name] = forms.ChoiceField(
                choices=COLUMN_FIELDS,
                required=False,
                initial=current.get(column.index, column.field or ""),
            )
            self.fields[name].header = column.header

    def clean(self):
        data = super().clean()
        chosen: dict[str, str] = {}
        for column in self.columns:
            value = data.get(f"column_{column.index}")
            if not value:
                continue
            if value in chosen and value != "progress":
                label = dict(COLUMN_FIELDS)[value]
                self.add_error(
                    f"column_{column.index}",
                    f"“{label}” is already chosen for the column “{chosen[value]}”",
                )
            chosen.setdefault(value, column.header or f"column {column.index + 1}")
        if "text" not in chosen:
            self.add_error(None, "Choose the column that holds the recommendation text")
        return data

    def column_map(self) -> dict[int, str]:
        """Column position → field; "" for a column to ignore (as the readers take it)."""
        return {
            column.index: self.cleaned_data.get(f"column_{column.index}") or ""
            for column in self.columns
        }

    def bound_columns(self):
        return [(column, self[f"column_{column.index}"]) for column in self.columns]
