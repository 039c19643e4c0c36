"""The building blocks of a template: paragraphs, repeated tables, the spec of a document kind,
the fill data, and the placeholder helpers (see the package's docstring)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# ``{{ name }}`` or ``{{ item.field }}``; spaces inside the braces are allowed.
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")
# docxtpl's repeated table row: ``{%tr for pair in pairs %}``.
ROW_LOOP = re.compile(r"\{%\s*tr\s+for\s+(\w+)\s+in\s+(\w+)\s*%\}")
ROW_END = re.compile(r"\{%\s*tr\s+endfor\s*%\}")
ANY_TAG = re.compile(r"\{%.*?%\}")
_XML_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    align: str = "left"  # left, center, right, justify
    size: int = 12


@dataclass(frozen=True)
class RowTable:
    """A table: a header row and one row repeated for each item of `rows` (as `item`)."""

    headers: tuple[str, ...]
    cells: tuple[str, ...]  # texts of the repeated row, with {{item.field}} placeholders
    rows: str  # the list's name in the fill data
    item: str  # the name of one row in the placeholders


Block = Paragraph | RowTable


@dataclass(frozen=True)
class TemplateSpec:
    """A document kind: its default content and the placeholders a template of it may hold."""

    key: str
    name: str  # the template's file / document name
    document: str  # how the documents made from it are named (start of the name)
    blocks: tuple[Block, ...]
    required: frozenset[str] = frozenset()  # placeholders a template must keep
    optional: frozenset[str] = frozenset()  # placeholders a template may drop (beyond the blocks)

    @property
    def tables(self) -> tuple[RowTable, ...]:
        return tuple(b for b in self.blocks if isinstance(b, RowTable))

    @property
    def lists(self) -> dict[str, str]:
        """Item name → list name, for every repeated table (``{"pair": "pairs"}``)."""
        return {t.item: t.rows for t in self.tables}

    @property
    def known(self) -> frozenset[str]:
        """Every placeholder a template of this kind may hold."""
        names = set(self.required) | set(self.optional)
        for block in self.blocks:
            texts = [block.text] if isinstance(block, Paragraph) else list(block.cells)
            for text in texts:
                names.update(placeholders(text))
        return frozenset(names)


@dataclass(frozen=True)
class Image:
    """A picture that takes the place of a placeholder standing alone in its paragraph
    (``{{chart}}``): PNG bytes, its size in pixels, the width it gets on the page, and the text
    put there instead when a backend cannot place it."""

    png: bytes
    width_px: int
    height_px: int
    width_cm: float
    alt: str


@dataclass
class Fill:
    """What goes into a template: scalar placeholders, the rows of each repeated table, images."""

    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    images: dict[str, Image] = field(default_factory=dict)

    def context(self) -> dict[str, object]:
        """The values and lists together, as docxtpl's context."""
        return {**self.values, **self.rows}


def placeholders(text: str) -> list[str]:
    """The placeholder names in a text, spaces trimmed (``{{ pair.no }}`` → ``pair.no``)."""
    return [m.group(1).strip() for m in PLACEHOLDER.finditer(text)]


def substitute(text: str, values: dict[str, str], prefix: str = "") -> str:
    """`text` with each ``{{prefix+name}}`` replaced by ``values[name]`` (others left)."""
    def repl(m: re.Match) -> str:
        name = m.group(1).strip()
        if prefix and not name.startswith(prefix):
            return m.group(0)
        key = name[len(prefix):]
        return values[key] if key in values else m.group(0)

    return PLACEHOLDER.sub(repl, text)


def shown(tag: str, limit: int = 40) -> str:
    """A tag as a message quotes it: XML removed, entities and typographic quotes undone,
    control characters escaped, cut after `limit` characters (the closing braces kept)."""
    text = html.unescape(_XML_TAG.sub("", tag)).translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'})
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + "… " + text[-2:]


def safe_value(text: object) -> str:
    """A value as it goes into a document: never read back as a placeholder or a tag."""
    s = "" if text is None else str(text)
    return s.replace("{{", "{ {").replace("}}", "} }").replace("{%", "{ %").replace("%}", "% }")


P = Paragraph
