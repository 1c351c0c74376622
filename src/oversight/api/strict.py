"""Query parameters the API does not document are refused (400), as docs/api.md says.

The OpenAPI schema is the list of what each operation takes: it is generated once per
process and each request's parameters are checked against its operation's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.http import JsonResponse

ALWAYS = frozenset({"format"})  # DRF's format override (?format=json)


@lru_cache(maxsize=1)
def _operations() -> list[tuple[re.Pattern, dict[str, frozenset[str]]]]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, item in schema["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")
        methods = {}
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            names = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
            methods[method.upper()] = frozenset(names) | ALWAYS
        found.append((pattern, methods))
    return found


def allowed_parameters(path: str, method: str) -> frozenset[str] | None:
    """The query parameters the schema gives this path and method; None if it has no such
    operation (the view answers that itself: 404 or 405)."""
    for pattern, methods in _operations():
        if pattern.match(path):
            return methods.get(method.upper())
    return None


class StrictApiParametersMiddleware:
    """Refuses, before the view runs, an API request with a query parameter its operation does
    not take (a misspelt filter would otherwise be silently ignored)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/v1/") and request.GET:
            allowed = allowed_parameters(request.path_info, request.method)
            if allowed is not None:
                unknown = sorted(set(request.GET) - allowed)
                if unknown:
                    takes = ", ".join(sorted(allowed - ALWAYS)) or "no parameters"
                    return JsonResponse(
                        {
                            "detail": f"Unknown parameter{'s' * (len(unknown) > 1)}: "
                            f"{', '.join(unknown)}. This takes: {takes}.",
                            "code": "unknown_parameter",
                        },
                        status=400,
                    )
        return self.get_response(request)
