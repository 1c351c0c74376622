"""The API reference for the documentation page, read from the OpenAPI schema.

Drawn on the server, so the page needs no script (the CSP allows none inline) and cannot
drift from the schema that /api/schema/ serves.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from http import HTTPStatus

METHODS = ("get", "post", "put", "patch", "delete")
ORDER = [
    "Organisations",
    "Inspections",
    "Reports",
    "Recommendations",
    "Responses",
    "Updates",
    "Evidence",
    "Reviews",
    "CSV files",
]


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    parameters: list[Field] = field(default_factory=list)
    request_type: str = ""
    request_fields: list[Field] = field(default_factory=list)
    responses: list[tuple[str, str]] = field(default_factory=list)
    response_name: str = ""  # "Response", or "a page of Response"
    response_object: str = ""  # the name of the object described under "Objects"


@dataclass
class ApiObject:
    name: str
    anchor: str
    fields: list[Field]


@dataclass
class Reference:
    groups: list[Group]
    objects: list[ApiObject]


@dataclass
class Group:
    name: str
    anchor: str
    operations: list[Operation] = field(default_factory=list)


def schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


class _Reader:
    def __init__(self, spec: dict):
        self.components = spec.get("components", {}).get("schemas", {})

    def resolve(self, node: dict) -> tuple[str, dict]:
        """(component name, its schema) for a reference, else ("", node)."""
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            return name, self.components.get(name, {})
        for key in ("allOf", "oneOf", "anyOf"):
            options = [o for o in node.get(key, []) if o.get("type") != "null" and o]
            if options:
                return self.resolve(options[0])
        return "", node

    def type_of(self, node: dict) -> str:
        name, node_ = self.resolve(node)
        words = ""
        if "enum" in node_:
            values = [str(v) for v in node_["enum"] if v not in ("", None)]
            words = "one of: " + ", ".join(values)
            if "" in node_["enum"]:
                words += " (or empty)"
        elif node_.get("type") == "array":
            words = f"list of {self.type_of(node_.get('items', {}))}"
        elif node_.get("type") == "object" or node_.get("properties"):
            keys = ", ".join(node_.get("properties", {}))
            words = f"object ({name}: {keys})" if name else "object"
        else:
            kind = node_.get("type", "string")
            fmt = node_.get("format")
            words = {
                ("string", "date"): "date (YYYY-MM-DD)",
                ("string", "date-time"): "date and time (ISO 8601)",
                ("string", "uri"): "URL",
                ("string", "binary"): "file",
            }.get((kind, fmt), kind)
        if node.get("nullable") or node_.get("nullable"):
            words += ", or null"
        return words

    def fields(self, node: dict) -> tuple[str, list[Field]]:
        name, node_ = self.resolve(node)
        if node_.get("type") == "array":
            name, node_ = self.resolve(node_.get("items", {}))
        required = set(node_.get("required", []))
        return name, [
            Field(
                key,
                self.type_of(prop),
                key in required,
                prop.get("description", ""),
            )
            for key, prop in node_.get("properties", {}).items()
        ]


def _operation(reader: _Reader, path: str, method: str, op: dict) -> Operation:
    result = Operation(
        method=method.upper(),
        path=path,
        summary=op.get("summary", ""),
        description=op.get("description", ""),
        anchor=op.get("operationId", f"{method}-{path}").replace("_", "-"),
    )
    for param in op.get("parameters", []):
        result.parameters.append(
            Field(
                f"{param['name']} ({param.get('in', 'query')})",
                reader.type_of(param.get("schema", {})),
                bool(param.get("required")),
                param.get("description", ""),
            )
        )
    content = op.get("requestBody", {}).get("content", {})
    for content_type in ("application/json", "multipart/form-data"):
        if content_type in content:
            result.request_type = content_type
            _, result.request_fields = reader.fields(content[content_type].get("schema", {}))
            break
    for code, answer in op.get("responses", {}).items():
        words = answer.get("description", "") or HTTPStatus(int(code)).phrase
        result.responses.append((code, words))
        body = answer.get("content", {}).get("application/json", {}).get("schema")
        if code in {"200", "201"} and body and not result.response_object:
            name, fields = reader.fields(body)
            if "results" in {f.name for f in fields}:  # a page: its items are the object
                _, page = reader.resolve(body)
                name, _ = reader.fields(page["properties"]["results"])
                result.response_name = f"a page of {name} objects"
            else:
                result.response_name = f"a {name} object"
            result.response_object = name
    return result


@functools.lru_cache(maxsize=1)
def reference() -> Reference:
    spec = schema()
    reader = _Reader(spec)
    groups: dict[str, Group] = {}
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            tag = (op.get("tags") or ["Other"])[0]
            group = groups.setdefault(tag, Group(tag, "group-" + tag.lower().replace(" ", "-")))
            group.operations.append(_operation(reader, path, method, op))
    ordered = sorted(
        groups.values(), key=lambda g: ORDER.index(g.name) if g.name in ORDER else len(ORDER)
    )
    names = [op.response_object for g in ordered for op in g.operations if op.response_object]
    objects = [
        ApiObject(name, f"object-{name.lower()}", reader.fields({"$ref": f"#/{name}"})[1])
        for name in dict.fromkeys(names)
    ]
    return Reference(groups=ordered, objects=objects)
