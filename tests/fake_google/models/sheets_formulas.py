"""Formulas the fake computes: numbers (``1.5``, ``1E3``), strings (``"a"``), ``+ - * / ^``,
unary minus, postfix ``%``, ``&``, parentheses, spaces anywhere, and the functions SUM, MIN,
MAX, AVERAGE, ABS and ROUND over those. Precedence is Sheets': unary minus binds tighter than
``^`` (``=-2^2`` is 4) and ``^`` is left-associative (``=2^3^2`` is 64).

What the fake cannot compute (cell references, other functions, names) evaluates to
``#NAME?``; a formula that does not parse to ``#ERROR!``; a division by zero to ``#DIV/0!`` —
each as Google's ``errorValue`` (type and message).
"""
from __future__ import annotations

import math
import re
from typing import Any, Callable

_TOKEN_RE = re.compile(r"""\s*(?:
    (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<string>"(?:[^"]|"")*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
  | (?P<op>[-+*/^%&(),;])
)""", re.VERBOSE)


class FormulaError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def _parse_error() -> FormulaError:
    return FormulaError("ERROR", "Formula parse error.")


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        if not text[pos:].strip():
            break
        match = _TOKEN_RE.match(text, pos)
        if not match or match.end() == pos:  # an operator or reference the fake does not know
            raise FormulaError("NAME", "fake_google cannot compute this formula.")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value.strip()) if value.strip() else 0.0
    except ValueError:
        raise FormulaError("VALUE", f"Function requires a number, but '{value}' is a text "
                                    "and cannot be coerced to a number.") from None


def _text(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _divide(a: float, b: float) -> float:
    if b == 0:
        raise FormulaError("DIVIDE_BY_ZERO", "Function DIVIDE parameter 2 cannot be zero.")
    return a / b


def _round(x: float, digits: float = 0) -> float:
    factor = 10 ** int(digits)
    return math.floor(abs(x) * factor + 0.5) / factor * (1 if x >= 0 else -1)


def _average(*xs: float) -> float:
    if not xs:
        raise FormulaError("DIVIDE_BY_ZERO", "Evaluation of function AVERAGE caused a divide "
                                             "by zero error.")
    return sum(xs) / len(xs)


_FUNCTIONS: dict[str, Callable[..., float]] = {
    "SUM": lambda *xs: sum(xs), "MIN": lambda *xs: min(xs, default=0.0),
    "MAX": lambda *xs: max(xs, default=0.0), "AVERAGE": _average, "ABS": abs, "ROUND": _round,
}


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise _parse_error()
        self.pos += 1
        return self.tokens[self.pos - 1]

    def expect(self, op: str) -> None:
        if self.take()[1] != op:
            raise _parse_error()

    def parse(self) -> Any:
        value = self.concat()
        if self.pos != len(self.tokens):
            raise _parse_error()
        return value

    def concat(self) -> Any:
        value = self.additive()
        while self.peek() == "&":
            self.take()
            value = _text(value) + _text(self.additive())
        return value

    def additive(self) -> Any:
        value = self.multiplicative()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            right = self.multiplicative()
            value = _number(value) + _number(right) if op == "+" \
                else _number(value) - _number(right)
        return value

    def multiplicative(self) -> Any:
        value = self.power()
        while self.peek() in ("*", "/"):
            op = self.take()[1]
            right = self.power()
            value = _number(value) * _number(right) if op == "*" \
                else _divide(_number(value), _number(right))
        return value

    def power(self) -> Any:
        value = self.unary()
        while self.peek() == "^":
            self.take()
            try:
                value = math.pow(_number(value), _number(self.unary()))
            except (ValueError, OverflowError):
                raise FormulaError("NUM", "POWER evaluates to an imaginary or too large "
                                          "number.") from None
        return value

    def unary(self) -> Any:
        if self.peek() in ("-", "+"):
            op = self.take()[1]
            value = _number(self.unary())
            return -value if op == "-" else value
        return self.postfix()

    def postfix(self) -> Any:
        value = self.primary()
        while self.peek() == "%":
            self.take()
            value = _number(value) / 100
        return value

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "number":
            return float(text)
        if kind == "string":
            return text[1:-1].replace('""', '"')
        if text == "(":
            value = self.concat()
            self.expect(")")
            return value
        if kind == "name":
            if self.peek() != "(" and text.upper() in ("TRUE", "FALSE"):
                return text.upper() == "TRUE"
            if self.peek() != "(":
                raise FormulaError("NAME", f"fake_google does not compute references or "
                                           f"names: '{text}'.")
            self.take()
            args = []
            if self.peek() != ")":
                args.append(self.concat())
                while self.peek() in (",", ";"):
                    self.take()
                    args.append(self.concat())
            self.expect(")")
            function = _FUNCTIONS.get(text.upper())
            if function is None:
                raise FormulaError("NAME", f"Unknown function: '{text}'.")
            try:
                return float(function(*[_number(a) for a in args]))
            except TypeError:
                raise FormulaError("N_A", f"Wrong number of arguments to {text.upper()}.") \
                    from None
        raise _parse_error()


def evaluate_formula(formula: str) -> dict[str, Any]:
    """The effectiveValue of ``=...``: numberValue, stringValue or errorValue."""
    try:
        tokens = _tokens(formula[1:])
        if not tokens:
            raise _parse_error()
        value = _Parser(tokens).parse()
    except FormulaError as error:
        return {"errorValue": {"type": error.kind, "message": error.message}}
    if isinstance(value, str):
        return {"stringValue": value}
    if isinstance(value, bool):
        return {"boolValue": value}
    if math.isinf(value) or math.isnan(value):
        return {"errorValue": {"type": "NUM", "message": "Result is too large."}}
    return {"numberValue": value}
