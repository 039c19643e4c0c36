"""Stored sheet state as Google's JSON shows it (pure functions, no model access).

Google's JSON omits a field at its proto default (0, false, "", an empty list), as gspread's
recorded real traffic shows: ``frozenRowCount: 0``, ``hidden: false``, ``warningOnly: false``,
a colour's ``green: 0`` and the ``sheetId`` 0 of a GridRange are absent, while fields with
presence stay (``sheetId`` and ``index`` of SheetProperties, a GridRange's ``startRowIndex:
0``). Colours are float32 on Google's side: ``0.4980392156862745`` comes back as
``0.49803922``, and with 8 bits per channel (0.5 comes back as ``0.49803922`` too); a colour
is answered with its ``...ColorStyle`` twin, as the recorded cell formats show.
"""
from __future__ import annotations

import copy
import struct
from typing import Any

_KEEP_AT_DEFAULT = {"sheetId", "index", "rowCount", "columnCount"}
_COLOR_KEYS = {"red", "green", "blue", "alpha"}
_RANGE_KEYS = {"range", "ranges", "unprotectedRanges"}


def range_out(gr: dict[str, Any] | None) -> dict[str, Any]:
    """A stored GridRange/DimensionRange as Google shows it (no ``sheetId`` 0)."""
    out = copy.deepcopy(gr or {})
    if not out.get("sheetId"):
        out.pop("sheetId", None)
    return out


def float32(value: float) -> float | int:
    """The shortest decimal that reads back as the same float32, as Google prints it."""
    packed = struct.unpack("f", struct.pack("f", value))[0]
    for digits in range(1, 10):
        text = f"{packed:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == packed:
            number = float(text)
            return int(number) if number.is_integer() else number
    return packed


def color_component(value: Any) -> Any:
    """Google keeps 8 bits per colour channel: 0.5 comes back as 127/255 = 0.49803922."""
    if isinstance(value, float) and 0 <= value <= 1:
        return float32(int(value * 255 + 1e-6) / 255)
    return value


def colors_out(value: Any) -> Any:
    """Colours as Google answers them, at any depth: 8-bit channels, zero channels omitted,
    and each colour with its twin (``backgroundColor`` ↔ ``backgroundColorStyle.rgbColor``)."""
    if isinstance(value, list):
        return [colors_out(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for k, v in value.items():
        if k in _COLOR_KEYS:
            v = color_component(v)
            if v == 0:
                continue
        out[k] = colors_out(v)
    for k in list(out):
        twin = k + "Style"
        if (k == "color" or k.endswith("Color")) and k != "rgbColor" \
                and isinstance(out[k], dict) and twin not in out:
            out[twin] = {"rgbColor": copy.deepcopy(out[k])}
        elif k.endswith("ColorStyle") and "rgbColor" in (out[k] or {}) \
                and k[:-5] not in out:
            out[k[:-5]] = copy.deepcopy(out[k]["rgbColor"])
    return out


def _prune(value: Any, key: str = "") -> Any:
    """Drop None and proto defaults below ``value``; colour components become float32."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in _RANGE_KEYS:  # GridRange indexes have presence: 0 stays
                out[k] = copy.deepcopy(v)
                continue
            v = _prune(v, k)
            if v is None or (k not in _KEEP_AT_DEFAULT and v in (0, False, "", [])
                             and not isinstance(v, dict)):
                continue
            if k in ("tabColor", "tabColorStyle") and v == {}:
                continue
            out[k] = v
        return out
    if isinstance(value, list):
        return [_prune(v) for v in value]
    if key in _COLOR_KEYS:
        return color_component(value)
    return value


_PROPERTY_ORDER = ("sheetId", "title", "index", "sheetType", "gridProperties", "hidden",
                   "tabColor", "tabColorStyle", "rightToLeft", "dataSourceSheetProperties")


def sheet_properties_out(props: dict[str, Any]) -> dict[str, Any]:
    """SheetProperties without default fields (``gridProperties`` always has its counts), in
    Google's field order."""
    out = colors_out(_prune(copy.deepcopy(props)))
    order = {k: i for i, k in enumerate(_PROPERTY_ORDER)}
    return dict(sorted(out.items(), key=lambda kv: order.get(kv[0], len(order))))


def protected_range_out(pr: dict[str, Any]) -> dict[str, Any]:
    out = _prune(copy.deepcopy(pr))
    if "range" in out:
        out["range"] = range_out(out["range"])
    out.setdefault("editors", {})
    return out


def banded_range_out(banded: dict[str, Any]) -> dict[str, Any]:
    out = colors_out(_prune(copy.deepcopy(banded)))
    out["range"] = range_out(out.get("range"))
    return out


def conditional_rule_out(rule: dict[str, Any]) -> dict[str, Any]:
    out = colors_out(copy.deepcopy(rule))
    out["ranges"] = [range_out(gr) for gr in out.get("ranges", [])]
    return out


def named_range_out(named: dict[str, Any]) -> dict[str, Any]:
    return {"namedRangeId": named["namedRangeId"], "name": named["name"],
            "range": range_out(named["range"])}


def dimension_groups(depths: dict[int, int], collapsed: set[tuple[str, int, int, int]],
                     sheet_id: int, dimension: str) -> list[dict[str, Any]]:
    """Groups as Google lists them: for each depth, the maximal runs of indexes at least that
    deep, ordered by start index then depth."""
    groups = []
    for depth in range(1, max(depths.values(), default=0) + 1):
        start = last = None
        for i in sorted(depths) + [None]:
            inside = i is not None and depths[i] >= depth
            if inside and start is not None and i == last + 1:
                last = i
                continue
            if start is not None:
                groups.append((start, last + 1, depth))
                start = None
            if inside:
                start = last = i
    out = []
    for a, b, depth in sorted(groups):
        group: dict[str, Any] = {"range": range_out({"sheetId": sheet_id, "dimension": dimension,
                                                     "startIndex": a, "endIndex": b}),
                                 "depth": depth}
        if (dimension, depth, a, b) in collapsed:
            group["collapsed"] = True
        out.append(group)
    return out
