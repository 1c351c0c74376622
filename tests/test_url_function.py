"""The templates' url(): reverse(), remembered per URL map and script prefix, so that a page's
thirty addresses are worked out once per process, and never given from the wrong map."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix

from oversight.config.jinja2 import url


def test_url_is_what_reverse_gives():
    assert url("dashboards:home") == reverse("dashboards:home") == "/"
    assert url("recommendations:response-detail", 7) == "/recommendations/responses/7/"
    assert url("recommendations:response-detail", pk=8) == "/recommendations/responses/8/"
    with pytest.raises(NoReverseMatch):
        url("no-such-page")


def test_url_follows_the_script_prefix():
    try:
        set_script_prefix("/oversight/")
        assert url("dashboards:home") == "/oversight/"
    finally:
        set_script_prefix("/")
    assert url("dashboards:home") == "/"


def test_url_follows_the_url_map():
    with override_settings(ROOT_URLCONF="tests.url_function_urls"):
        assert url("only-here") == "/only/here/"
    with pytest.raises(NoReverseMatch):
        url("only-here")
