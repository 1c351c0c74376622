"""The answers every operation can give, added to the OpenAPI schema so that it says what the
API does: 400 for a parameter or a body that is not right, 401 without a valid token, 403 for a
role that may not, 404 for a record that is not there or not yours (and a page past the last)."""

from __future__ import annotations

ERROR = {
    "type": "object",
    "description": "What is wrong. `detail` says it in words; a body that is not right has one "
    "entry per field instead.",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
    },
    "additionalProperties": True,
}
ANSWERS = {
    "400": "Bad input: a parameter that is not documented or not right, or a body that is not. "
    "`detail` or the fields say what to change. Nothing was saved.",
    "401": "No token, or the token is not valid, revoked or expired.",
    "403": "Your role cannot do this.",
    "404": "Not found, or not your organisation's; for a list, a page past the last.",
}


def add_error_answers(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    reference = {"$ref": "#/components/schemas/Error"}
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, description in ANSWERS.items():
                answer = operation["responses"].setdefault(code, {"description": description})
                answer.setdefault("description", description)
                answer.setdefault("content", {"application/json": {"schema": reference}})
    return result
