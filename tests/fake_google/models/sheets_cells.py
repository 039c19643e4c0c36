"""Cells as Google keeps them: ``userEnteredValue`` (what was written), ``effectiveValue``
(what it evaluates to) and how both render for ``valueRenderOption``.

Deliberate simplifications: formulas of numbers, strings, operators and a few functions are
computed (``sheets_formulas``); any other formula evaluates to the ``#NAME?`` error (Google
would compute it), and its text is kept for ``valueRenderOption=FORMULA``. Dates typed with
USER_ENTERED become serial numbers with a DATE format, like Google.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .sheets_formulas import evaluate_formula
from .sheets_json import colors_out

Cell = dict[str, Any]  # CellData fields: userEnteredValue, effectiveValue, userEnteredFormat...

_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_PERCENT_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)%$")
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOT_DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASH_DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
EPOCH = dt.date(1899, 12, 30)


def is_ru(locale: str) -> bool:
    return locale.lower().startswith("ru")


def cell_is_empty(cell: Cell | None) -> bool:
    return cell is None or "userEnteredValue" not in cell


def value_from_raw(value: Any) -> dict[str, Any] | None:
    """RAW input: strings are stored verbatim (``=IMPORTXML(...)`` stays text)."""
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, (int, float)):
        return {"numberValue": float(value)}
    text = str(value)
    return {"stringValue": text} if text != "" else None


def value_from_user_entered(value: Any, locale: str) -> tuple[dict[str, Any] | None,
                                                                dict[str, Any] | None]:
    """USER_ENTERED input parsed as if typed: returns (userEnteredValue, numberFormat)."""
    if not isinstance(value, str):
        return value_from_raw(value), None
    text = value
    if text == "":
        return None, None
    if text.startswith("'"):
        return {"stringValue": text[1:]}, None
    if text.startswith("=") and len(text) > 1:
        return {"formulaValue": text}, None
    stripped = text.strip()
    if stripped.upper() in ("TRUE", "FALSE"):
        return {"boolValue": stripped.upper() == "TRUE"}, None
    numeric = stripped.replace(",", ".") if is_ru(locale) and stripped.count(",") == 1 \
        and "." not in stripped else stripped
    if _NUMBER_RE.match(numeric):
        return {"numberValue": float(numeric)}, None
    if _PERCENT_RE.match(numeric):
        digits = numeric[:-1]
        decimals = len(digits.partition(".")[2])
        pattern = "0%" if not decimals else "0." + "0" * decimals + "%"
        return {"numberValue": float(digits) / 100}, {"type": "PERCENT", "pattern": pattern}
    date = _parse_date(stripped, locale)
    if date is not None:
        serial, pattern = date
        return {"numberValue": float(serial)}, {"type": "DATE", "pattern": pattern}
    return {"stringValue": text}, None


def _parse_date(text: str, locale: str) -> tuple[int, str] | None:
    try:
        if m := _ISO_DATE_RE.match(text):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return (day - EPOCH).days, "yyyy-mm-dd"
        if (m := _DOT_DATE_RE.match(text)) and is_ru(locale):
            day = dt.date(int(m[3]), int(m[2]), int(m[1]))
            return (day - EPOCH).days, "dd.mm.yyyy"
        if (m := _SLASH_DATE_RE.match(text)) and not is_ru(locale):
            day = dt.date(int(m[3]), int(m[1]), int(m[2]))
            return (day - EPOCH).days, "m/d/yyyy"
    except ValueError:
        return None
    return None


def evaluate(user_value: dict[str, Any]) -> dict[str, Any]:
    """The effectiveValue of a userEnteredValue."""
    if "formulaValue" not in user_value:
        return dict(user_value)
    return evaluate_formula(user_value["formulaValue"])


def set_value(cell: Cell, user_value: dict[str, Any] | None,
              number_format: dict[str, Any] | None = None) -> None:
    """Store a written value (None clears the value but keeps the format)."""
    if user_value is None:
        cell.pop("userEnteredValue", None)
        cell.pop("effectiveValue", None)
        return
    cell["userEnteredValue"] = user_value
    cell["effectiveValue"] = evaluate(user_value)
    if number_format:
        cell.setdefault("userEnteredFormat", {})["numberFormat"] = number_format


def format_number(number: float, locale: str, number_format: dict[str, Any] | None) -> str:
    """FORMATTED_VALUE of a number, in the spreadsheet's locale."""
    kind = (number_format or {}).get("type")
    pattern = (number_format or {}).get("pattern", "")
    if kind in ("DATE", "DATE_TIME") and pattern:
        day = EPOCH + dt.timedelta(days=int(number))
        return (pattern.replace("yyyy", f"{day.year:04d}").replace("dd", f"{day.day:02d}")
                .replace("mm", f"{day.month:02d}").replace("m/", f"{day.month}/")
                .replace("/d/", f"/{day.day}/"))
    if kind == "PERCENT":
        decimals = len(pattern.partition(".")[2].rstrip("%"))
        text = f"{number * 100:.{decimals}f}%"
    elif number.is_integer() and abs(number) < 1e15:
        text = str(int(number))
    else:
        text = f"{number:.10f}".rstrip("0").rstrip(".")
        if text in ("0", "-0"):
            text = f"{number:.10E}"
    return text.replace(".", ",") if is_ru(locale) else text


def formatted(cell: Cell, locale: str) -> str | None:
    value = cell.get("effectiveValue")
    if value is None:
        return None
    if "stringValue" in value:
        return value["stringValue"]
    if "boolValue" in value:
        return "TRUE" if value["boolValue"] else "FALSE"
    if "errorValue" in value:
        return "#" + {"NAME": "NAME?", "DIVIDE_BY_ZERO": "DIV/0!", "VALUE": "VALUE!",
                      "N_A": "N/A", "REF": "REF!", "NUM": "NUM!", "ERROR": "ERROR!"}.get(
            value["errorValue"].get("type", "ERROR"), "ERROR!")
    fmt = (cell.get("userEnteredFormat") or {}).get("numberFormat")
    return format_number(value["numberValue"], locale, fmt)


def render(cell: Cell | None, option: str, locale: str, date_option: str = "SERIAL_NUMBER"
           ) -> Any:
    """A cell as values.get returns it; None for an empty cell."""
    if cell_is_empty(cell):
        return None
    assert cell is not None
    if option == "FORMATTED_VALUE":
        return formatted(cell, locale)
    if option == "FORMULA" and "formulaValue" in cell["userEnteredValue"]:
        return cell["userEnteredValue"]["formulaValue"]
    value = cell.get("effectiveValue", {})
    if "numberValue" in value:
        fmt = (cell.get("userEnteredFormat") or {}).get("numberFormat") or {}
        if date_option == "FORMATTED_STRING" and fmt.get("type") in ("DATE", "DATE_TIME"):
            return formatted(cell, locale)
        number = value["numberValue"]
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if "boolValue" in value:
        return value["boolValue"]
    if "stringValue" in value:
        return value["stringValue"]
    return formatted(cell, locale)


def cell_json(cell: Cell, locale: str) -> dict[str, Any]:
    """CellData as spreadsheets.get(includeGridData) returns it."""
    out = {k: v for k, v in cell.items() if k in ("userEnteredValue", "effectiveValue",
                                                  "userEnteredFormat", "dataValidation", "note")
           and v not in ("", {})}
    if "userEnteredFormat" in out:
        out["userEnteredFormat"] = colors_out(out["userEnteredFormat"])
    text = formatted(cell, locale)
    if text is not None:
        out["formattedValue"] = text
    return out


def sort_key(cell: Cell | None) -> tuple:
    """Google's ascending order: numbers, then text (case-insensitive), then booleans; blanks
    are always last (handled by the caller)."""
    value = (cell or {}).get("effectiveValue") or {}
    if "numberValue" in value:
        return (0, value["numberValue"], "")
    if "stringValue" in value:
        return (1, 0, value["stringValue"].lower())
    if "boolValue" in value:
        return (2, int(value["boolValue"]), "")
    return (3, 0, "")
