"""What a local .docx template may do, checked before anything is made, and a bounded rendering.

docxtpl hands the template's XML to Jinja, which could run any Python a template asks for. A
school's template needs only this, and nothing else gets through the check (`refused_tags`):

- ``{{name}}`` — a field; ``{{item.field}}`` — a field of the current row of a repeated row;
- ``{%tr for item in list %}`` … ``{%tr endfor %}`` — a table row repeated for each item of one
  of the kind's lists (``pairs``, ``plan``…), never inside another repeated row;
- ``{% if name %}``, ``{% if not name %}``, ``{% elif name %}``, ``{% else %}``, ``{% endif %}``
  — a condition on one field (``{%p if … %}`` … ``{%p endif %}`` for whole paragraphs).

No calls, filters, tests, operators, literals, ``set``/``macro``/``include``/``import``, no
attribute that starts with ``_``. The check runs twice over what docxtpl will render (body,
headers, footers, footnotes, file properties): once tag by tag, as written, for a message that
names the tag; once over Jinja's syntax tree of each part, which is what would run. Rendering then
uses `DocumentEnvironment`: Jinja's immutable sandbox with no globals (no ``range``, ``cycler``,
``lipsum``…), no filters or tests, and a budget of time and output checked at every piece of
output Jinja produces — a loop over lists can only go as far as the lists, and loops do not nest,
so the budget is a guard, not the only bound.
"""
from __future__ import annotations

import re
import time
from typing import Iterable, Mapping

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from sheets_schema import ru
from sheets_schema.templates import ROW_END, ROW_LOOP, TemplateSpec, shown

RENDER_SECONDS = 60.0  # per document; the 100-pair order fills in about 0.1 s
MAX_DOCUMENT_MB = 50.0  # rendered XML per document; the 100-pair order is about 0.2 MB
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # docxtpl renders these

_REF = r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)?"
# The tags as a person writes them in Word (docxtpl's prefixes included).
_CONDITION = re.compile(r"\{%(?:p(?=\s))?\s*(?:if|elif)\s+(?:not\s+)?(" + _REF + r")\s*%\}")
_BRANCH = re.compile(r"\{%(?:p(?=\s))?\s*(?:else|endif)\s*%\}")
_WRITTEN_TAG = re.compile(r"\{%.*?%\}", re.S)
# Every piece of Jinja markup in a part as docxtpl prepared it.
_JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


class RenderLimit(Exception):
    """A document's rendering went over its time or size budget (`what`: ``time`` or ``size``)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class DocumentEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox without globals, filters or tests, whose output is counted:
    rendering stops with `RenderLimit` after `seconds` or `max_chars` characters of XML, for all
    the parts of one document together (one environment per document)."""

    def __init__(self, seconds: float = RENDER_SECONDS, max_mb: float = MAX_DOCUMENT_MB):
        super().__init__(autoescape=True)
        self.globals.clear()
        self.filters.clear()
        self.tests.clear()
        self.deadline = time.monotonic() + seconds
        self.max_chars = int(max_mb * 1_000_000)
        self.written = 0

    def concat(self, pieces: Iterable[str]) -> str:  # Jinja joins every rendering with this
        out = []
        for piece in pieces:
            self.written += len(piece)
            if self.written > self.max_chars:
                raise RenderLimit("size")
            if time.monotonic() > self.deadline:
                raise RenderLimit("time")
            out.append(piece)
        return "".join(out)


def _ok_expression(tokens: list[tuple[str, str]]) -> bool:
    """``name`` or ``name.field`` (no name starting with «_»)."""
    if len(tokens) == 1:
        return tokens[0][0] == "name" and not tokens[0][1].startswith("_")
    if len(tokens) == 3:
        (t1, v1), (t2, v2), (t3, v3) = tokens
        return (t1 == t3 == "name" and (t2, v2) == ("operator", ".")
                and not v1.startswith("_") and not v3.startswith("_"))
    return False


def _ok_jinja_tag(env: DocumentEnvironment, tag: str, lists: frozenset[str]) -> bool:
    """Whether one piece of Jinja markup is in the grammar of the module docstring."""
    try:
        tokens = [(t, v) for _, t, v in env.lex(tag) if t != "whitespace"]
    except TemplateSyntaxError:
        return False
    if len(tokens) < 3:
        return False
    (first, _), (last, _), inner = tokens[0], tokens[-1], tokens[1:-1]
    if (first, last) == ("variable_begin", "variable_end"):
        return _ok_expression(inner)
    if (first, last) != ("block_begin", "block_end") or inner[0][0] != "name":
        return False
    word, rest = inner[0][1], inner[1:]
    if word in ("endfor", "else", "endif"):
        return not rest
    if word in ("if", "elif"):
        if rest and rest[0] == ("name", "not"):
            rest = rest[1:]
        return _ok_expression(rest)
    if word == "for":
        return (len(rest) == 3 and [t for t, _ in rest] == ["name"] * 3 and rest[1][1] == "in"
                and not rest[0][1].startswith("_") and rest[2][1] in lists)
    return False


def _walk(node: nodes.Node, loops: int, refusals: list[tuple[str, str]]) -> None:
    """Refusals (message key, tag) for every node outside the grammar; loops must not nest."""
    if isinstance(node, (nodes.Template, nodes.Output)):
        children = node.body if isinstance(node, nodes.Template) else node.nodes
        for child in children:
            _walk(child, loops, refusals)
    elif isinstance(node, nodes.TemplateData):
        return
    elif isinstance(node, nodes.For):
        head = f"{{% for {getattr(node.target, 'name', '…')} in {getattr(node.iter, 'name', '…')} %}}"
        if not (isinstance(node.target, nodes.Name) and isinstance(node.iter, nodes.Name)
                and not node.else_ and node.test is None and not node.recursive):
            refusals.append(("template_tag_refused", head))
            return
        if loops:
            refusals.append(("template_tag_nested", head))
        for child in node.body:
            _walk(child, loops + 1, refusals)
    elif isinstance(node, nodes.If):
        test = node.test.node if isinstance(node.test, nodes.Not) else node.test
        if not _is_ref(test):
            refusals.append(("template_tag_refused", "{% if … %}"))
        for child in (*node.body, *node.elif_, *node.else_):
            _walk(child, loops, refusals)
    elif _is_ref(node):
        return
    else:
        refusals.append(("template_tag_refused", "{{ … }}" if isinstance(node, nodes.Expr) else "{% … %}"))


def _is_ref(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Name):
        return node.ctx == "load" and not node.name.startswith("_")
    return (isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name)
            and not node.node.name.startswith("_") and not node.attr.startswith("_"))


def jinja_parts(template: DocxTemplate) -> list[str]:
    """Every text docxtpl gives Jinja when it renders `template`, prepared as docxtpl prepares it:
    the body, each header and footer, the footnotes, and the file properties it fills."""
    template.init_docx()
    parts = [template.patch_xml(template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            parts.append(template.patch_xml(template.get_part_xml(part)))
    for part in template.docx.part.package.parts:
        if part.content_type == FOOTNOTES:
            blob = part.blob
            parts.append(template.patch_xml(blob.decode("utf-8") if isinstance(blob, bytes) else blob))
    for name in PROPERTIES:
        parts.append(getattr(template.docx.core_properties, name) or "")
    return parts


def refused_tags(spec: TemplateSpec, template: DocxTemplate, texts: Iterable[str],
                 where: Mapping[str, str], explain_syntax: bool = True) -> list[str]:
    """The problems (Russian sentences) of the tags of `template`: those written outside the
    grammar of the module docstring, conditions on unknown fields, markup Jinja cannot parse.
    `texts` are the body's paragraphs as Word shows them; `where` names the template. Markup Jinja
    cannot parse gets a message unless `explain_syntax` is False (the caller explains an unclosed
    «{{» better, and refuses the template for it)."""
    d = ru.DOCUMENTS
    problems: dict[str, None] = {}
    known = spec.known
    for text in texts:
        for m in _WRITTEN_TAG.finditer(text):
            tag = m.group(0)
            condition = _CONDITION.fullmatch(tag)
            if condition and condition.group(1) not in known:
                allowed = ", ".join("{{" + n + "}}" for n in sorted(known))
                unknown = d["template_unknown"].format(name=condition.group(1), hint="", allowed=allowed, **where)
                problems[unknown] = None
            elif not (condition or _BRANCH.fullmatch(tag) or ROW_LOOP.fullmatch(tag) or ROW_END.fullmatch(tag)):
                problems[d["template_tag_refused"].format(tag=shown(tag), **where)] = None
    env = DocumentEnvironment()
    lists = frozenset(spec.lists.values())
    for source in jinja_parts(template):
        wrong = [m.group(0) for m in _JINJA_TAG.finditer(source)
                 if not m.group(0).startswith("{#") and not _ok_jinja_tag(env, m.group(0), lists)]
        for tag in wrong:
            problems[d["template_tag_refused"].format(tag=shown(tag), **where)] = None
        if wrong:
            continue
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            if explain_syntax:
                problems[d["template_syntax"].format(reason=exc.message or exc, **where)] = None
            continue
        found: list[tuple[str, str]] = []
        _walk(tree, 0, found)
        for key, tag in found:
            problems[d[key].format(tag=tag, **where)] = None
    return list(problems)


def render(template: DocxTemplate, context: Mapping[str, object], *, seconds: float = RENDER_SECONDS,
           max_mb: float = MAX_DOCUMENT_MB) -> None:
    """Fill `template` in a fresh `DocumentEnvironment`; `RenderLimit` past its budget."""
    template.render(dict(context), jinja_env=DocumentEnvironment(seconds, max_mb), autoescape=True)
