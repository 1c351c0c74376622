"""PEEL grades on the dashboard (#17.4): the latest cycle's grades, each area in words with
its change from the cycle before; where none is recorded (the demo: the 2021/22 report was
not yet published in July 2022), it says so rather than inventing any."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from oversight.accounts.models import User
from oversight.demo.load import load_demo
from oversight.inspections.models import PeelAssessment
from oversight.inspections.services import peel_assessment_edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    return {u.username: u for u in User.objects.all()}


def _dashboard(user) -> str:
    client = Client()
    client.force_login(user)
    answer = client.get(reverse("dashboards:dashboard"))
    assert answer.status_code == 200
    return answer.text


def test_no_grade_is_invented_where_none_is_recorded(demo):
    page = _dashboard(demo["viewer"])
    assert "PEEL 2021" in page
    assert "No grades are recorded for PEEL" in page
    assert "Requires improvement" not in page and "Outstanding" not in page


def test_recorded_grades_show_with_their_area(demo):
    liaison = demo["liaison"]
    assessment = PeelAssessment.objects.get(inspection__title="2021 PEEL inspection")
    areas = list(assessment.cycle.areas.filter(graded=True).order_by("position")[:2])
    peel_assessment_edit(
        assessment=assessment, actor=liaison, expected_version=assessment.version,
        grades={areas[0].pk: "good", areas[1].pk: "requires_improvement"},
        inspection=assessment.inspection, report=assessment.report,
        published_on=assessment.published_on, summary=assessment.summary,
    )  # fmt: skip
    for who in ("viewer", "executive", "liaison"):
        page = _dashboard(demo[who])
        assert "No grades are recorded" not in page
        grades = page[page.index('id="peel-grades"') :]
        grades = grades[: grades.index("</dl>")]
        assert areas[0].name in grades and "Good" in grades
        assert areas[1].name in grades and "Requires improvement" in grades
        assert reverse("inspections:peel-assessment", args=[assessment.pk]) in page
