"""Partial responses: the ``fields`` query parameter (``sheets.properties``,
``files(id,name),nextPageToken``, ``*``) applied to a JSON answer."""
from __future__ import annotations

import copy
from typing import Any

from .errors import InvalidArgument

Mask = dict[str, "Mask | None"]  # None: the whole subtree


def parse_fields(text: str) -> Mask | None:
    """Parse a field mask; None means everything."""
    text = (text or "").replace(" ", "")
    if not text or text == "*":
        return None
    mask, pos = _parse_list(text, 0)
    if pos != len(text):
        raise InvalidArgument(f"Invalid field selection {text}")
    return mask


def _parse_list(text: str, pos: int) -> tuple[Mask, int]:
    mask: Mask = {}
    while pos < len(text):
        start = pos
        while pos < len(text) and text[pos] not in ",()":
            pos += 1
        path = [p for p in text[start:pos].replace("/", ".").split(".") if p]
        if not path:
            raise InvalidArgument(f"Invalid field selection {text}")
        sub: Mask | None = None
        if pos < len(text) and text[pos] == "(":
            sub, pos = _parse_list(text, pos + 1)
            if pos >= len(text) or text[pos] != ")":
                raise InvalidArgument(f"Invalid field selection {text}")
            pos += 1
        _merge(mask, path, sub)
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        break
    return mask, pos


def _merge(mask: Mask, path: list[str], sub: Mask | None) -> None:
    head, rest = path[0], path[1:]
    if head == "*" and not rest:
        mask["*"] = None
        return
    if rest:
        child = mask.get(head, {})
        if head in mask and child is None:
            return
        _merge(child, rest, sub)
        mask[head] = child
    else:
        if head in mask and mask[head] is not None and sub is not None:
            mask[head].update(sub)  # type: ignore[union-attr]
        else:
            mask[head] = None if sub is None or (head in mask and mask[head] is None) else sub


def apply_fields(value: Any, mask: Mask | None) -> Any:
    """Keep only the masked parts of ``value`` (lists are masked element by element)."""
    if mask is None or "*" in mask:
        return value
    if isinstance(value, list):
        return [apply_fields(v, mask) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, sub in mask.items():
        if key in value:
            out[key] = apply_fields(value[key], sub)
    return out


def apply_mask(target: dict[str, Any], source: dict[str, Any], mask: str) -> None:
    """Set the ``fields`` paths of ``source`` into ``target`` (absent in source: cleared)."""
    tree = parse_fields(mask)
    if tree is None:
        target.clear()
        target.update(copy.deepcopy(source))
        return
    _apply_tree(target, source, tree)


def _apply_tree(target: dict[str, Any], source: Any, tree: dict[str, Any]) -> None:
    for key, sub in tree.items():
        value = source.get(key) if isinstance(source, dict) else None
        if sub is None or key == "*":
            if key == "*":
                target.clear()
                target.update(copy.deepcopy(source or {}))
            elif value is None:
                target.pop(key, None)
            else:
                target[key] = copy.deepcopy(value)
        else:
            child = target.setdefault(key, {})
            _apply_tree(child, value, sub)
            if not child:
                target.pop(key, None)
