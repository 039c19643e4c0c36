"""Google's discovery documents (shipped in google-api-python-client) as the contract.

Every request the fake answers is checked against its method's description: unknown query
parameters, bad enum values and request bodies that do not fit the request schema get Google's
400 ``INVALID_ARGUMENT`` answer, worded as Google's JSON parser words it (gspread's recorded
traffic: ``Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue),
"X"``), with the field in ``details`` (``google.rpc.BadRequest`` field violations).

Paths are named as in Google's protos: snake_case fields, the request message's field that
holds the HTTP body as prefix (``data`` for values.update/append), a list of lists as
``google.protobuf.ListValue``.
"""
from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from .errors import InvalidArgument

DOCUMENTS = {"sheets": "sheets.v4.json", "drive": "drive.v3.json", "docs": "docs.v1.json",
             "forms": "forms.v1.json"}
PROTO_PACKAGE = {"sheets": "google.apps.sheets.v4", "docs": "google.apps.docs.v1",
                 "forms": "google.apps.forms.v1", "drive": "google.apps.drive.v3"}
# methods whose HTTP body is one field of the request message (gRPC transcoding ``body: "data"``)
BODY_FIELD = {"sheets.spreadsheets.values.update": "data",
              "sheets.spreadsheets.values.append": "data"}
_INT_RE = re.compile(r"^-?\d+$")
_NUMBER_RE = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^(NaN|-?Infinity)$")


@functools.lru_cache(maxsize=None)
def document(api: str) -> dict[str, Any]:
    """The discovery document of ``api`` (sheets, drive, docs, forms)."""
    path = resources.files("googleapiclient") / "discovery_cache" / "documents" / DOCUMENTS[api]
    return json.loads(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def methods(api: str) -> dict[str, dict[str, Any]]:
    """Method descriptions by id, e.g. ``sheets.spreadsheets.values.get``."""
    found: dict[str, dict[str, Any]] = {}

    def walk(node: dict[str, Any]) -> None:
        for method in node.get("methods", {}).values():
            found[method["id"]] = method
        for child in node.get("resources", {}).values():
            walk(child)

    walk(document(api))
    return found


@functools.lru_cache(maxsize=4096)  # field names: a few hundred, met on every request
def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m.group(1).lower(), name)


@functools.lru_cache(maxsize=4096)
def camel(name: str) -> str:
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def validate_query(api: str, method_id: str, query: dict[str, list[str]]) -> dict[str, Any]:
    """Check query parameters and return them typed (repeated ones as lists)."""
    method = methods(api)[method_id]
    known = dict(document(api).get("parameters", {}))
    known.update({k: v for k, v in method.get("parameters", {}).items()
                  if v.get("location") == "query"})
    known.setdefault("access_token", {"type": "string"})
    out: dict[str, Any] = {}
    for name, values in query.items():
        spec = known.get(name) or known.get(camel(name))
        if spec is None and api == "drive" and name in _all_query_parameters(api):
            # Drive ignores a parameter of its other methods: gspread's recorded traffic sends
            # includeItemsFromAllDrives (a files.list parameter) to files.get and gets a 200
            continue
        if spec is None:
            raise InvalidArgument(
                f'Invalid JSON payload received. Unknown name "{name}": Cannot bind query '
                f"parameter. Field '{name}' could not be found in request message.", field="")
        key = name if name in known else camel(name)
        typed = [_query_value(api, key, spec, v) for v in values]
        out[key] = typed if spec.get("repeated") else typed[-1]
    return out


@functools.lru_cache(maxsize=None)
def _all_query_parameters(api: str) -> frozenset[str]:
    return frozenset(name for method in methods(api).values()
                     for name, spec in method.get("parameters", {}).items()
                     if spec.get("location") == "query")


def _query_value(api: str, name: str, spec: dict[str, Any], raw: str) -> Any:
    kind = spec.get("type")
    where = snake(name)
    if "enum" in spec and raw not in spec["enum"]:
        enum_type = f"type.googleapis.com/{PROTO_PACKAGE[api]}.{name[0].upper()}{name[1:]}"
        raise InvalidArgument(f"Invalid value at '{where}' ({enum_type}), \"{raw}\"", field=where)
    if kind == "boolean":
        if raw.lower() not in ("true", "false"):
            raise InvalidArgument(f"Invalid value at '{where}' (TYPE_BOOL), \"{raw}\"", field=where)
        return raw.lower() == "true"
    if kind == "integer":
        if not _INT_RE.match(raw):
            raise InvalidArgument(f"Invalid value at '{where}' (TYPE_INT32), \"{raw}\"", field=where)
        return int(raw)
    return raw


def validate_body(api: str, method_id: str, body: Any) -> None:
    """Check a request body against the method's request schema."""
    method = methods(api)[method_id]
    request = method.get("request")
    if request is None:
        return
    if body is None:
        return
    Validator(api).check(body, request, BODY_FIELD.get(method_id, ""))


class Validator:
    """Validate JSON against discovery schemas, producing Google-style messages."""

    def __init__(self, api: str):
        self.api = api
        self.schemas = document(api)["schemas"]
        self._field = ""

    def type_name(self, schema: dict[str, Any]) -> str:
        if schema.get("type") == "array":
            # a repeated field is named by its element; a list of lists, or a list that is
            # itself an element of one, is a google.protobuf.ListValue
            items = schema.get("items", {})
            if items.get("type") in ("array", "any"):
                return "type.googleapis.com/google.protobuf.ListValue"
            return self.type_name(items)
        if schema.get("type") == "any":
            return "type.googleapis.com/google.protobuf.Value"
        ref = schema.get("$ref") or schema.get("id")
        if not ref and "enum" in schema and self._field:
            ref = self._field[0].upper() + self._field[1:]
        if ref:
            return f"type.googleapis.com/{PROTO_PACKAGE[self.api]}.{ref}"
        kind, fmt = schema.get("type"), schema.get("format")
        if kind == "integer":
            return "TYPE_UINT32" if fmt == "uint32" else "TYPE_INT32"
        if kind == "number":
            return "TYPE_FLOAT" if fmt == "float" else "TYPE_DOUBLE"
        if kind == "boolean":
            return "TYPE_BOOL"
        if kind == "string" and fmt in ("int64", "uint64"):
            return "TYPE_INT64" if fmt == "int64" else "TYPE_UINT64"
        return "TYPE_STRING"

    def _bad(self, value: Any, schema: dict[str, Any], path: str) -> InvalidArgument:
        shown = json.dumps(value, ensure_ascii=False)
        if isinstance(value, (dict, list)):
            shown = shown[:100]
        return InvalidArgument(f"Invalid value at '{path}' ({self.type_name(schema)}), {shown}",
                               field=path)

    def check(self, value: Any, schema: dict[str, Any], path: str) -> None:
        if value is None:
            return
        if "$ref" in schema:
            target = self.schemas[schema["$ref"]]
            if "enum" in target or target.get("type") != "object":
                return self.check(value, target, path)
            if not isinstance(value, dict):
                raise self._bad(value, schema, path)
            return self._check_object(value, target, path)
        kind = schema.get("type")
        if kind == "any":
            return
        if kind == "object":
            if not isinstance(value, dict):
                raise self._bad(value, schema, path)
            if "properties" in schema:
                return self._check_object(value, schema, path)
            extra = schema.get("additionalProperties")
            if extra:
                for key, item in value.items():
                    self.check(item, extra, f"{path}[{key}]" if path else key)
            return
        if kind == "array":
            if not isinstance(value, list):
                raise self._bad(value, schema, path)
            items = schema.get("items", {})
            if items.get("type") == "any":  # e.g. a row of ValueRange.values: nothing to check
                return
            for i, item in enumerate(value):
                self.check(item, items, f"{path}[{i}]")
            return
        if kind == "boolean":
            if not isinstance(value, bool):
                raise self._bad(value, schema, path)
            return
        if kind == "integer":
            ok = (isinstance(value, int) and not isinstance(value, bool)) or \
                (isinstance(value, float) and value.is_integer()) or \
                (isinstance(value, str) and _INT_RE.match(value))
            if not ok:
                raise self._bad(value, schema, path)
            return
        if kind == "number":
            ok = (isinstance(value, (int, float)) and not isinstance(value, bool)) or \
                (isinstance(value, str) and _NUMBER_RE.match(value))
            if not ok:
                raise self._bad(value, schema, path)
            return
        if kind == "string":
            fmt = schema.get("format")
            if fmt in ("int64", "uint64") and isinstance(value, int) and not isinstance(value, bool):
                return
            if not isinstance(value, str):
                raise self._bad(value, schema, path)
            if "enum" in schema and value not in schema["enum"]:
                raise self._bad(value, schema, path)
            if fmt in ("int64", "uint64") and not _INT_RE.match(value):
                raise self._bad(value, schema, path)

    def _check_object(self, value: dict[str, Any], schema: dict[str, Any], path: str) -> None:
        props = schema.get("properties", {})
        for key, item in value.items():
            name = key if key in props else camel(key)
            if name not in props:
                where = f" at '{path}'" if path else ""
                raise InvalidArgument(f'Invalid JSON payload received. Unknown name "{key}"'
                                      f"{where}: Cannot find field.", field=path)
            child = f"{path}.{snake(name)}" if path else snake(name)
            self._field = name
            self.check(item, props[name], child)


def check_response(api: str, method_id: str, body: Any) -> None:
    """Self-check: the fake's own answer must fit the method's response schema."""
    method = methods(api)[method_id]
    response = method.get("response")
    if response is None or not isinstance(body, dict):
        return
    try:
        Validator(api).check(body, response, "")
    except InvalidArgument as exc:
        raise AssertionError(f"fake_google answered {method_id} outside its schema: "
                             f"{exc.message}") from None
