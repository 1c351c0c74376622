"""One word for overdue, one date format (#17.5): "1 March 2027", never "01 March 2027", in
the trail, messages and pages; no "Late" beside "Overdue"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_dates_in_the_trail_and_pages_have_no_leading_zero_and_overdue_is_one_word(client):
    from oversight.accounts.models import User
    from oversight.demo.load import load_demo
    from oversight.recommendations.models import Response
    from oversight.recommendations.services import extension_decide, extension_request

    load_demo()
    liaison = User.objects.get(username="liaison")
    executive = User.objects.get(username="executive")
    response = Response.objects.filter(extensions__isnull=True, recommendation__theme="Hate Crime")[
        0
    ]
    extension = extension_request(
        response=response, actor=liaison, proposed_due_on=dt.date(2027, 3, 1), reason="Later."
    )
    extension_decide(extension=extension, actor=executive, approve=True)
    reason = response.history.latest("history_date").history_change_reason
    assert "Due date moved to 1 March 2027" in reason
    client.force_login(liaison)
    for url in (
        reverse("recommendations:reviews-due"),
        reverse("recommendations:response-history", args=[response.pk]),
        reverse("dashboards:home"),
    ):
        page = client.get(url).text
        assert not re.search(r"\b0\d (January|February|March|April|May|June|July|August|"
                             r"September|October|November|December) \d{4}", page), url  # fmt: skip
        assert ">Late<" not in page, url
