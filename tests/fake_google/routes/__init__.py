"""The response layer: one module per API maps (HTTP method, path) to a discovery method id
and a handler that only extracts parameters and calls the models."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ..state import State


@dataclass
class Reply:
    """What a handler answers: JSON (``body``) or raw bytes (``raw``)."""

    body: Any = None
    status: int = 200
    raw: bytes | None = None
    content_type: str = "application/json; charset=UTF-8"
    default_fields: str | None = None  # Drive's default partial response
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Call:
    """One authenticated API call, already validated against discovery."""

    identity: str
    path: dict[str, str]
    query: dict[str, Any]
    body: Any
    state: "State"
    media: bytes | None = None  # the content part of a media upload

    def flag(self, name: str) -> bool:
        return bool(self.query.get(name, False))


Handler = Callable[[Call], Reply]


@dataclass
class Route:
    http_method: str
    pattern: re.Pattern[str]
    api: str
    method_id: str
    handler: Handler
    media: bool = False  # a media upload: the body is multipart/related (metadata JSON + content)


def route(http_method: str, path: str, method_id: str, handler: Handler, media: bool = False) -> Route:
    """``path`` uses ``{name}`` for one percent-encoded path segment (no ``/`` or ``:``)."""
    regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/:]+)", path.replace(".", r"\."))
    api = method_id.split(".")[0]
    return Route(http_method, re.compile("^" + regex + "$"), api, method_id, handler, media)


def all_routes() -> list[Route]:
    from . import docs, drive, forms, sheets
    return sheets.ROUTES + drive.ROUTES + docs.ROUTES + forms.ROUTES
