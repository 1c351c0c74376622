"""The Jinja2 environment: GOV.UK Frontend macros beside our own templates, and our filters."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from oversight.dates import long_date  # noqa: F401 — a filter, and imported from here
from oversight.jinja_helpers import register


def url(name: str, *args, **kwargs) -> str:
    """reverse(), remembered: a page asks for thirty addresses (the header alone a dozen), and
    working each one out again was a tenth of the register's time under load. The key holds
    what reverse() depends on besides its arguments: the URL map and the script prefix."""
    try:
        return _reverse(
            name, args, tuple(sorted(kwargs.items())), get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
        )  # fmt: skip
    except TypeError:  # an argument that cannot be a key: work it out
        return reverse(name, args=args or None, kwargs=kwargs or None)


@lru_cache(maxsize=8192)
def _reverse(name: str, args: tuple, kwargs: tuple, urlconf, prefix: str) -> str:
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None, urlconf=urlconf)


def query_with(request, **changes) -> str:
    """The current query string with some parameters changed (None removes one)."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def environment(**options) -> Environment:
    loader = options.pop("loader")
    options.setdefault("extensions", [])
    env = Environment(
        loader=ChoiceLoader(
            [
                loader,
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        **options,
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            "settings": settings,
            "get_messages": messages.get_messages,
            "urlencode": urlencode,
            "query_with": query_with,
        }
    )
    env.filters.update({"long_date": long_date})

    register(env)
    return env
