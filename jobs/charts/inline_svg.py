"""An SVG drawn by matplotlib, made safe to put inline in the public page — pure.

Why inline and not ``<img src="data:image/svg+xml…">``: an inline chart's texts are text — found
by the browser's search, read by a screen reader, scaled with the page — and the page stays one
file. The price is that an inline SVG is part of the page's markup, so it must obey the page's
rule «no markup from a value» (`jobs.publish`): the SVG is parsed and written out again
element by element, keeping only the elements and attributes matplotlib emits for a bar chart
(`ELEMENTS`, `ATTRIBUTES`), every text escaped, every reference local (``#id``), and CSS turned
into presentation attributes from a list of properties with plain values — no ``style``
attribute or element, no script, no event handler, no external link can come through, whatever
a label holds. Ids get the chart's prefix, so two charts on one page never share one.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
#: the elements kept (with their content); any other is dropped with its content
ELEMENTS = frozenset({"svg", "g", "defs", "path", "rect", "text", "use", "clipPath", "pattern", "title"})
#: the attributes kept, after ``style`` is turned into presentation attributes
ATTRIBUTES = frozenset({
    "id", "d", "x", "y", "width", "height", "viewBox", "transform", "clip-path", "xlink:href",
    "patternUnits", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
    "font-size", "font-family", "font-weight", "font-style", "text-anchor", "role", "aria-labelledby",
    "xmlns", "xmlns:xlink",
})
_STYLE = frozenset(a for a in ATTRIBUTES if a.startswith(("fill", "stroke", "font", "opacity", "text-anchor", "clip-path")))
_PLAIN = re.compile(r"^[#\w\s.,'%+-]*$")  # numbers, colours, names, lengths: no url(, no quotes but '
_LOCAL_URL = re.compile(r"^url\(#([\w.-]+)\)$")
_NUMBERS = re.compile(r"^[-\d.,\s]*$")
_PATH = re.compile(r"^[-\d.,\sMLHVCSQTAZmlhvcsqtaz]*$")
_TRANSFORM = re.compile(r"^(\s*(translate|rotate|scale|matrix)\([-\d.,\s]*\)\s*)*$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Writer:
    def __init__(self, prefix: str):
        self.prefix = prefix
        self.out: list[str] = []

    def value(self, name: str, value: str) -> str | None:
        """The attribute's value as written, or None to drop it."""
        value = value.strip()
        if name == "id":
            return self.prefix + value if re.fullmatch(r"[\w.-]+", value) else None
        if name == "xlink:href":
            return f"#{self.prefix}{value[1:]}" if re.fullmatch(r"#[\w.-]+", value) else None
        if name == "d":
            return value if _PATH.match(value) else None
        if name == "transform":
            return value if _TRANSFORM.match(value) else None
        if name in ("x", "y", "width", "height", "viewBox"):
            return value if _NUMBERS.match(value.removesuffix("pt").removesuffix("%")) else None
        if name == "font-family":  # the reader's browser may not have matplotlib's font
            return f"{value}, Verdana, Arial, sans-serif" if _PLAIN.match(value) else None
        url = _LOCAL_URL.match(value)
        if url:
            return f"url(#{self.prefix}{url.group(1)})" if name in ("fill", "stroke", "clip-path") else None
        return value if _PLAIN.match(value) else None

    def attributes(self, element: ET.Element) -> dict[str, str]:
        raw: dict[str, str] = {}
        for key, value in element.attrib.items():
            name = "xlink:href" if key in (f"{{{XLINK_NS}}}href", "href") else _local(key)
            if name == "style":
                for declaration in value.split(";"):
                    prop, _, css = declaration.partition(":")
                    if prop.strip() in _STYLE:
                        raw.setdefault(prop.strip(), css.strip())
            elif name in ATTRIBUTES:
                raw[name] = value
        kept = {}
        for name, value in raw.items():
            written = self.value(name, value)
            if written is not None:
                kept[name] = written
        return kept

    def element(self, element: ET.Element) -> None:
        tag = _local(element.tag)
        if tag not in ELEMENTS or tag in ("svg", "title"):
            return
        attrs = self.attributes(element)
        self.out.append(f"<{tag}" + "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items()) + ">")
        if element.text and tag == "text":
            self.out.append(html.escape(element.text))
        for child in element:
            self.element(child)
        self.out.append(f"</{tag}>")


def inline_svg(document: str, prefix: str, title: str) -> str:
    """The SVG `document` as an inline ``<svg>`` element of the page (module docstring): scaled to
    the page's width, ``role="img"`` named by a ``<title>`` holding `title`, ids prefixed by
    `prefix`. Raises `ValueError` when `document` is not an SVG."""
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", document.split("?>", 1)[-1] if document.startswith("<?xml") else document))
    if _local(root.tag) != "svg":
        raise ValueError("not an SVG document")
    writer = _Writer(prefix)
    box = root.attrib.get("viewBox", "")
    if not _NUMBERS.match(box):
        box = ""
    title_id = f"{prefix}title"
    writer.out.append(f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"' + (f' viewBox="{box}"' if box else "")
                      + f' width="100%" role="img" aria-labelledby="{title_id}">')
    writer.out.append(f'<title id="{title_id}">{html.escape(title)}</title>')
    for child in root:
        writer.element(child)
    writer.out.append("</svg>")
    return "".join(writer.out)


__all__ = ["ATTRIBUTES", "ELEMENTS", "inline_svg"]
