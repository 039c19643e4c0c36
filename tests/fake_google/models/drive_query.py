"""Drive's search language (files.list ``q``) parsed into a predicate over files."""
from __future__ import annotations

import re
from typing import Any, Callable

from ..errors import InvalidArgument

Predicate = Callable[[Any], bool]

_TOKEN_RE = re.compile(r"""
    \s*(?:
      (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
     |(?P<op>!=|<=|>=|=|<|>|\(|\)|\{|\})
     |(?P<word>[A-Za-z_][A-Za-z0-9_.]*)
    )""", re.X)


def invalid_query() -> InvalidArgument:
    return InvalidArgument("Invalid Value", reason="invalid", location="q")


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise invalid_query()
        pos = m.end()
        if m.group("string") is not None:
            raw = m.group("string")[1:-1]
            tokens.append(("str", re.sub(r"\\(.)", r"\1", raw)))
        elif m.group("op") is not None:
            tokens.append(("op", m.group("op")))
        else:
            tokens.append(("word", m.group("word")))
        if pos < len(text) and text[pos:].strip() == "":
            break
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], root_id: str, me: str):
        self.tokens = tokens
        self.root_id = root_id
        self.me = me
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise invalid_query()
        self.pos += 1
        return tok

    def expect(self, kind: str, value: str | None = None) -> str:
        k, v = self.take()
        if k != kind or (value is not None and v.lower() != value):
            raise invalid_query()
        return v

    def is_word(self, word: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "word" and tok[1].lower() == word

    def parse(self) -> Predicate:
        pred = self.expr()
        if self.peek() is not None:
            raise invalid_query()
        return pred

    def expr(self) -> Predicate:
        left = self.conj()
        while self.is_word("or"):
            self.take()
            right = self.conj()
            left = (lambda a, b: lambda f: a(f) or b(f))(left, right)
        return left

    def conj(self) -> Predicate:
        left = self.unary()
        while self.is_word("and"):
            self.take()
            right = self.unary()
            left = (lambda a, b: lambda f: a(f) and b(f))(left, right)
        return left

    def unary(self) -> Predicate:
        if self.is_word("not"):
            self.take()
            inner = self.unary()
            return lambda f: not inner(f)
        tok = self.peek()
        if tok == ("op", "("):
            self.take()
            inner = self.expr()
            self.expect("op", ")")
            return inner
        return self.term()

    def term(self) -> Predicate:
        kind, value = self.take()
        if kind == "str":  # 'x' in parents / owners / writers / readers
            self.expect("word", "in")
            collection = self.expect("word").lower()
            if value == "me":
                value = self.me
            return _membership(collection, self.root_id if value == "root" else value)
        if kind != "word":
            raise invalid_query()
        field = value
        if field.lower() in ("appproperties", "properties"):
            self.expect("word", "has")
            self.expect("op", "{")
            self.expect("word", "key")
            self.expect("op", "=")
            key = self.expect("str")
            self.expect("word", "and")
            self.expect("word", "value")
            self.expect("op", "=")
            val = self.expect("str")
            self.expect("op", "}")
            attr = "app_properties" if field.lower() == "appproperties" else "properties"
            return lambda f: getattr(f, attr).get(key) == val
        if field == "parents" and self.is_word("in"):  # gspread writes: parents in "id"
            self.take()
            parent = self.expect("str")
            return _membership("parents", self.root_id if parent == "root" else parent)
        op_kind, op = self.take()
        if op_kind == "word" and op.lower() == "contains":
            needle = self.expect("str")
            if field == "name":
                return lambda f: needle.lower() in f.name.lower()
            if field == "fullText":
                return lambda f: needle.lower() in (f.name + " " + f.description).lower()
            if field == "mimeType":
                return lambda f: needle in f.mime_type
            raise invalid_query()
        if op_kind != "op" or op not in ("=", "!=", "<", "<=", ">", ">="):
            raise invalid_query()
        k, operand = self.take()
        if field in ("trashed", "starred"):
            if k != "word" or operand.lower() not in ("true", "false") or op not in ("=", "!="):
                raise invalid_query()
            want = operand.lower() == "true"
            return (lambda f: getattr(f, field) == want) if op == "=" else \
                (lambda f: getattr(f, field) != want)
        if k != "str":
            raise invalid_query()
        getters = {"name": lambda f: f.name, "mimeType": lambda f: f.mime_type,
                   "modifiedTime": lambda f: f.modified_time, "createdTime": lambda f: f.created_time}
        if field not in getters:
            raise invalid_query()
        get = getters[field]
        if field == "name" and op not in ("=", "!="):
            raise invalid_query()
        if field in ("modifiedTime", "createdTime"):
            operand = operand.replace("Z", "")
            get = (lambda g: lambda f: g(f).replace("Z", ""))(get)
        compare = {"=": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
                   "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}[op]
        return lambda f: compare(get(f), operand)


def _membership(collection: str, value: str) -> Predicate:
    if collection == "parents":
        return lambda f: value in f.parents
    if collection in ("owners", "writers", "readers"):
        rank = {"owners": 6, "writers": 3, "readers": 1}[collection]
        return lambda f: f.has_direct_role(value.lower(), rank)
    raise invalid_query()


def parse_query(text: str, root_id: str = "root", me: str = "") -> Predicate:
    """A predicate for Drive's ``q``; raises Drive's 400 ``Invalid Value`` on syntax errors."""
    if not text or not text.strip():
        return lambda f: True
    return _Parser(tokenize(text), root_id, me).parse()
