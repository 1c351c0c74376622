"""A paper's exports read what they draw (Paper.drawn: the chart's counts, the committee's
name as it was), not the facts (Paper.data), which at a national instance are megabytes; the
chart is the one the facts give, and it stays as drawn when the record moves on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps

from oversight.accounts.models import User
from oversight.demo.load import load_demo
from oversight.papers import compose, selectors
from oversight.papers.documents import build
from oversight.papers.models import Paper
from oversight.recommendations.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def papers():
    load_demo()
    return User.objects.get(username="liaison")


def _chart(paper) -> str:
    return next(s.chart_alt for s in build.paper_document(paper).sections if s.key == "annex_rag")


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_an_export_does_not_read_the_facts(papers, fmt):
    paper = Paper.objects.get(meeting__held_on=dt.date(2022, 7, 28))
    loaded = selectors.paper_readable(papers, paper.pk)
    content, _, _ = build.export(loaded, fmt)
    assert content
    assert "data" in loaded.get_deferred_fields()  # never read
    assert dict(loaded.drawn["rag_counts"]) == compose.rag_counts(paper.data)


def test_the_chart_is_the_facts_chart_and_stays_as_drawn(papers):
    march = Paper.objects.get(meeting__held_on=dt.date(2022, 3, 24))  # issued
    counts = compose.rag_counts(march.data)
    assert sum(counts.values()) > 0
    before = _chart(march)
    assert before == "Responses by RAG rating: " + ", ".join(f"{k} {v}" for k, v in counts.items())
    Response.objects.update(rag="red")  # the record moves on after the paper was issued
    assert _chart(Paper.objects.get(pk=march.pk)) == before


def test_papers_drawn_before_are_given_what_they_draw(papers):
    from importlib import import_module

    migration = import_module("oversight.papers.migrations.0005_paper_drawn")
    july = Paper.objects.get(meeting__held_on=dt.date(2022, 7, 28))
    expected = july.drawn
    Paper.objects.update(drawn={})  # as they were before the field
    migration.fill_drawn(apps, None)
    assert Paper.objects.get(pk=july.pk).drawn == expected
    assert all(p.drawn for p in Paper.objects.exclude(data={}))
