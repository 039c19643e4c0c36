"""Media uploads as Google takes them: ``uploadType=multipart`` — a ``multipart/related`` body of
two parts, the metadata (JSON) and the content — or ``uploadType=media`` (the content alone).
https://developers.google.com/drive/api/guides/manage-uploads"""
from __future__ import annotations

import json
import re
from typing import Any

from . import errors

_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)


def parse(upload_type: str, content_type: str, raw: bytes) -> tuple[dict[str, Any], bytes]:
    """(metadata, content) of an upload request; Google's 400 for what it would refuse."""
    if upload_type == "media":
        return {}, raw
    if upload_type != "multipart":
        raise errors.InvalidArgument(f"Invalid upload type: '{upload_type}'. Use multipart or media "
                                     "(resumable uploads are not modelled by fake_google).",
                                     reason="badContent", location="uploadType")
    m = _BOUNDARY.search(content_type)
    if not content_type.lower().startswith("multipart/related") or not m:
        raise errors.InvalidArgument("Bad content type. Please use multipart.", reason="badContent")
    delimiter = b"--" + m.group(1).encode()
    parts = []
    for chunk in raw.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, data = chunk.partition(b"\r\n\r\n")
        parts.append(data[:-2] if data.endswith(b"\r\n") else data)
    if len(parts) != 2:
        raise errors.InvalidArgument("Multipart upload must have exactly two parts: metadata and "
                                     "media.", reason="badContent")
    try:
        metadata = json.loads(parts[0].decode("utf-8")) if parts[0].strip() else {}
    except (ValueError, UnicodeDecodeError):
        raise errors.InvalidArgument("Invalid JSON payload received. Unexpected token.") from None
    return metadata, parts[1]
