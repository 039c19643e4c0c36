"""An .xlsx file as a package of parts, changed part by part and written back byte for byte.

A workbook is a zip of XML parts tied together by relationship files (OPC). nastavnik changes
one or two parts of the school's file (the sheets a job writes; for «Итоги мониторинга» that
tab's sheet, drawing and chart); every other member — pictures, charts, comments, themes, pivot
caches, VBA, printer settings — must come out exactly as it went in. `XlsxPackage` therefore
never re-creates the zip: a member nobody replaced is copied as its raw bytes (local header,
compressed data, data descriptor, central directory record), so its name, order, compression
method, date and even its compressed bytes are those of the original; only the offsets in the
central directory change. A replaced member keeps its place, name, date and compression method
and gets new data; an added one goes at the end.

A zip64 archive (a workbook over 4 GB or of 65,535 members, never seen from a school) is
written member by member through `zipfile` instead, still with every member's content unchanged.
"""
from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE_DOCUMENT = DOC_REL + "/officeDocument"
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

_EOCD = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_DESCRIPTOR = b"PK\x07\x08"
_UTF8_FLAG = 0x800

# Parsing OOXML parts: the school's own file, but still never resolve entities (no XXE).
PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, strip_cdata=False, remove_blank_text=False)


class PackageError(ValueError):
    """The file is a zip but not a workbook package this module can change."""


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str  # the part name the target resolves to (no leading "/"), or the raw external target
    external: bool = False


@dataclass(frozen=True)
class SheetEntry:
    """One `<sheet>` of xl/workbook.xml: its tab title and the part holding it."""

    title: str
    sheet_id: str
    rel_id: str
    part: str


def parse_xml(data: bytes) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(data, PARSER))


def xml_bytes(tree: etree._ElementTree, original: bytes) -> bytes:
    """Serialise `tree` as UTF-8 with the XML declaration (and what followed it) of `original`."""
    return xml_head(original) + etree.tostring(tree, encoding="UTF-8", xml_declaration=False)


def xml_head(original: bytes) -> bytes:
    """The XML declaration of `original` and the whitespace after it; the standard one when it
    has none or declares an encoding other than UTF-8 (the part is written back as UTF-8)."""
    if original.startswith(b"<?xml"):
        end = original.find(b"?>") + 2
        declaration = original[:end]
        encoding = re.search(rb"""encoding\s*=\s*["']([^"']+)""", declaration)
        if encoding is None or encoding.group(1).lower() in (b"utf-8", b"utf8"):
            rest = original[end:]
            return declaration + rest[: len(rest) - len(rest.lstrip(b" \t\r\n"))]
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def rels_name(part: str) -> str:
    """The relationships part of `part` (``xl/workbook.xml`` → ``xl/_rels/workbook.xml.rels``)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target (relative to the source part's folder, or absolute) as a part name."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def relative_target(source_part: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(source_part) or ".")


class XlsxPackage:
    """The members of an .xlsx file, read from bytes, changed in memory, written with `write_to`."""

    def __init__(self, data: bytes):
        self._data = data
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._infos = self._zip.infolist()
        self._by_lower = {info.filename.lower(): info.filename for info in self._infos}
        self._order = [info.filename for info in self._infos]
        self._new: dict[str, bytes] = {}  # replaced or added members
        self._removed: set[str] = set()
        self._raw = _raw_layout(data, self._infos)  # None: zip64 or unusual, copy through zipfile

    # --- members -------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [n for n in self._order if n not in self._removed]

    def name(self, part: str) -> str | None:
        """The member holding `part` (OPC part names are case-insensitive), None if absent."""
        if part in self._new and part not in self._removed:
            return part
        found = self._by_lower.get(part.lower())
        return found if found is not None and found not in self._removed else None

    def has(self, part: str) -> bool:
        return self.name(part) is not None

    def read(self, part: str) -> bytes:
        name = self.name(part)
        if name is None:
            raise KeyError(part)
        if name in self._new:
            return self._new[name]
        return self._zip.read(name)

    def write(self, part: str, data: bytes) -> None:
        """Replace the member holding `part`, or add it at the end."""
        name = self.name(part) or part
        if name not in self._order:
            self._order.append(name)
            self._by_lower[name.lower()] = name
        self._removed.discard(name)
        self._new[name] = data

    def remove(self, part: str) -> None:
        name = self.name(part)
        if name is not None:
            self._removed.add(name)
            self._new.pop(name, None)

    def changed(self) -> list[str]:
        """Members replaced, added or removed so far."""
        return sorted(set(self._new) | self._removed)

    # --- relationships ----------------------------------------------------------------------------
    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of `part` ("" for the package's own ``_rels/.rels``)."""
        name = "_rels/.rels" if part == "" else rels_name(part)
        if not self.has(name):
            return []
        root = etree.fromstring(self.read(name), PARSER)
        result = []
        for rel in root.iter(f"{{{PKG_RELS}}}Relationship"):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            result.append(Relationship(rel.get("Id", ""), rel.get("Type", ""),
                                       target if external else resolve_target(part or "/", target), external))
        return result

    def workbook_part(self) -> str:
        for rel in self.relationships(""):
            if rel.type in (OFFICE_DOCUMENT, STRICT_OFFICE_DOCUMENT) and (name := self.name(rel.target)):
                return name
        if (name := self.name("xl/workbook.xml")) is not None:
            return name
        raise PackageError("no xl/workbook.xml")

    def sheets(self) -> list[SheetEntry]:
        """The tabs in workbook order, each with the part it is stored in."""
        workbook = self.workbook_part()
        rels = {r.id: r for r in self.relationships(workbook)}
        root = etree.fromstring(self.read(workbook), PARSER)
        ns = root.nsmap.get(None) or etree.QName(root).namespace
        entries = []
        for sheet in root.iter(f"{{{ns}}}sheet"):
            rel_id = sheet.get(f"{{{DOC_REL}}}id") or next(
                (v for k, v in sheet.attrib.items() if etree.QName(k).localname == "id" and k.startswith("{")), "")
            rel = rels.get(rel_id)
            if rel is None or rel.external:
                continue
            entries.append(SheetEntry(sheet.get("name", ""), sheet.get("sheetId", ""), rel_id,
                                      self.name(rel.target) or rel.target))
        return entries

    # --- writing --------------------------------------------------------------------------------
    def write_to(self, out: BinaryIO) -> None:
        """Write the package: untouched members as their original bytes, others new."""
        if self._raw is None:
            self._write_through_zipfile(out)
            return
        layout, comment = self._raw
        infos = {info.filename: info for info in self._infos}
        central = []
        offset = 0
        for name in self.names():
            if name in self._new:
                local, record = _new_entry(infos.get(name), name, self._new[name], offset)
                out.write(local)
                offset += len(local)
                central.append(record)
                continue
            start, end, record = layout[name]
            out.write(memoryview(self._data)[start:end])
            central.append(record[:42] + struct.pack("<L", offset) + record[46:])
            offset += end - start
        directory = b"".join(central)
        out.write(directory)
        out.write(struct.pack("<4s4H2LH", _EOCD, 0, 0, len(central), len(central), len(directory), offset,
                              len(comment)) + comment)

    def tobytes(self) -> bytes:
        buffer = io.BytesIO()
        self.write_to(buffer)
        return buffer.getvalue()

    def _write_through_zipfile(self, out: BinaryIO) -> None:
        infos = {info.filename: info for info in self._infos}
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name in self.names():
                info = infos.get(name) or _info(name)
                z.writestr(info, self._new[name] if name in self._new else self._zip.read(name))

    # --- [Content_Types].xml ----------------------------------------------------------------------
    def content_type_overrides(self) -> dict[str, str]:
        root = etree.fromstring(self.read("[Content_Types].xml"), PARSER)
        return {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                for o in root.iter(f"{{{CT_NS}}}Override")}

    def set_content_type_overrides(self, add: dict[str, str], remove: set[str]) -> None:
        """Add Override entries (part → type) and remove others; untouched when nothing differs."""
        current = self.content_type_overrides()
        remove = {p.lower() for p in remove} - {p.lower() for p in add if current.get(p.lower()) == add[p]}
        add = {p: t for p, t in add.items() if current.get(p.lower()) != t}
        remove = {p for p in remove if p in current}
        if not add and not remove:
            return
        original = self.read("[Content_Types].xml")
        tree = parse_xml(original)
        root = tree.getroot()
        for override in list(root.iter(f"{{{CT_NS}}}Override")):
            part = override.get("PartName", "").lstrip("/").lower()
            if part in remove or part in {p.lower() for p in add}:
                root.remove(override)
        for part, content_type in add.items():
            etree.SubElement(root, f"{{{CT_NS}}}Override", PartName="/" + part, ContentType=content_type)
        self.write("[Content_Types].xml", xml_bytes(tree, original))


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=dt.datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _new_entry(original: zipfile.ZipInfo | None, name: str, data: bytes, offset: int) -> tuple[bytes, bytes]:
    """Local header + data, and the central directory record, of a replaced or added member."""
    info = original or _info(name)
    method = info.compress_type if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) else zipfile.ZIP_DEFLATED
    if method == zipfile.ZIP_DEFLATED:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        payload = packer.compress(data) + packer.flush()
    else:
        payload = data
    try:
        encoded = name.encode("ascii")
        flags = 0
    except UnicodeEncodeError:
        encoded = name.encode("utf-8")
        flags = _UTF8_FLAG
    year, month, day, hour, minute, second = info.date_time
    dos_date = (max(year, 1980) - 1980) << 9 | month << 5 | day
    dos_time = hour << 11 | minute << 5 | second // 2
    crc = zlib.crc32(data)
    version = 20
    local = struct.pack("<4s2B4HL2L2H", _LOCAL, version, 0, flags, method, dos_time, dos_date,
                        crc, len(payload), len(data), len(encoded), 0) + encoded + payload
    record = struct.pack("<4s4B4HL2L5H2L", _CENTRAL, version, info.create_system if original else 0, version, 0,
                         flags, method, dos_time, dos_date, crc, len(payload), len(data), len(encoded), 0, 0, 0,
                         info.internal_attr if original else 0, info.external_attr if original else 0,
                         offset) + encoded
    return local, record


def _raw_layout(data: bytes, infos: list[zipfile.ZipInfo]):
    """Each member's byte span (local header to the end of its data) and raw central record, and
    the archive comment; None when the archive needs zip64 or its directory cannot be walked."""
    at = data.rfind(_EOCD, max(0, len(data) - 65557))
    if at < 0 or len(data) < at + 22:
        return None
    (_, disk, cd_disk, count_here, count, cd_size, cd_offset, comment_len) = struct.unpack(
        "<4s4H2LH", data[at:at + 22])
    if 0xFFFF in (count, count_here) or 0xFFFFFFFF in (cd_size, cd_offset) or disk or cd_disk:
        return None
    if count != len(infos) or cd_offset + cd_size > at:
        return None
    layout = {}
    pos = cd_offset
    for info in infos:
        if data[pos:pos + 4] != _CENTRAL:
            return None
        n, m, k = struct.unpack("<3H", data[pos + 28:pos + 34])
        record = data[pos:pos + 46 + n + m + k]
        pos += len(record)
        start = info.header_offset
        if data[start:start + 4] != _LOCAL or info.file_size >= 0xFFFFFFFF or info.compress_size >= 0xFFFFFFFF:
            return None
        ln, lm = struct.unpack("<2H", data[start + 26:start + 30])
        end = start + 30 + ln + lm + info.compress_size
        if info.flag_bits & 0x08:
            end += 16 if data[end:end + 4] == _DESCRIPTOR else 12
        if info.filename in layout or end > cd_offset:
            return None
        layout[info.filename] = (start, end, record)
    return layout, data[at + 22:at + 22 + comment_len]
