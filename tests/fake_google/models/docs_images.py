"""Docs ``insertInlineImage``: how Google gets the picture behind ``uri`` and sizes it.

Rules kept from Google (InsertInlineImageRequest): the URI is at most 2 kB; the image is fetched
once at insertion time and a copy is stored (later changes to the source do not matter); it must
be PNG, JPEG or GIF, under 50 MB and 25 megapixels; the URI must be publicly accessible — a Drive
download address (``https://drive.google.com/uc?id=…``, ``…/file/d/<id>/…``) works only while the
file is shared with anyone who has the link; otherwise 400 "There was a problem retrieving the
image…". ``objectSize``: neither dimension → from the resolution (1 px = 0.75 pt); one → the other
keeps the aspect ratio; both → scaled to fit inside, keeping the aspect ratio.

Deviations (the fake is offline): a ``data:`` URI with base64 content is accepted and decoded
(Google documents only public URLs); any other http(s) URI is accepted unfetched, sized 300×200 px.
"""
from __future__ import annotations

import base64
import binascii
import re
import struct
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .. import errors

MAX_URI = 2048
MAX_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 25_000_000
UNKNOWN_SIZE = (300, 200)
_DRIVE_PATH = re.compile(r"^/file/d/([^/]+)")


def retrieval_error(where: str) -> errors.GoogleError:
    return errors.InvalidArgument(f"Invalid {where}: There was a problem retrieving the image. The "
                                  "provided image should be publicly accessible, within size limit, "
                                  "and in supported formats.")


def pixel_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF or JPEG; None for any other content."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5:i + 9])
                return width, height
            i += 2 + length
    return None


def drive_file_id(uri: str) -> str | None:
    """The file id of a Drive download or view address, else None."""
    parts = urlsplit(uri)
    if parts.hostname not in ("drive.google.com", "docs.google.com"):
        return None
    m = _DRIVE_PATH.match(parts.path)
    if m:
        return m.group(1)
    ids = parse_qs(parts.query).get("id")
    return ids[0] if ids else None


def fetch(uri: str, drive, where: str) -> tuple[int, int]:
    """The pixel size of the image behind `uri`, as Google would fetch it (module docstring)."""
    if not uri:
        raise errors.InvalidArgument(f"Invalid {where}: uri must be set.")
    if len(uri) > MAX_URI:
        raise errors.InvalidArgument(f"Invalid {where}: The URI is too long (more than 2 kB).")
    data: bytes | None
    if uri.startswith("data:"):
        head, _, payload = uri[5:].partition(",")
        try:
            data = base64.b64decode(payload, validate=True) if head.endswith(";base64") else None
        except (binascii.Error, ValueError):
            data = None
    elif uri.startswith(("http://", "https://")):
        file_id = drive_file_id(uri)
        if file_id is None:
            return UNKNOWN_SIZE
        data = drive.public_content(file_id)
    else:
        data = None
    size = pixel_size(data) if data and len(data) <= MAX_BYTES else None
    if size is None or size[0] * size[1] > MAX_PIXELS or 0 in size:
        raise retrieval_error(where)
    return size


def object_size(pixels: tuple[int, int], requested: dict[str, Any] | None) -> tuple[float, float]:
    """(width, height) in points (module docstring)."""
    width_px, height_px = pixels
    natural = (width_px * 0.75, height_px * 0.75)
    requested = requested or {}

    def points(dim: dict[str, Any] | None) -> float | None:
        if not dim or dim.get("magnitude") is None:
            return None
        value = float(dim["magnitude"])
        return value if dim.get("unit", "PT") == "PT" else None

    w, h = points(requested.get("width")), points(requested.get("height"))
    ratio = natural[1] / natural[0]
    if w is None and h is None:
        return natural
    if h is None:
        return w, w * ratio
    if w is None:
        return h / ratio, h
    scale = min(w / natural[0], h / natural[1])
    return natural[0] * scale, natural[1] * scale
