"""A minimal valid PDF (one page per ~50 lines, Helvetica) carrying a document's text, so
tests can check an export contains the merged text (``b"..." in pdf`` for ASCII; non-ASCII
text is written as UTF-16BE hex strings and also kept in a ``/Subject`` info entry)."""
from __future__ import annotations


def _literal(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _string(text: str) -> str:
    if all(32 <= ord(ch) < 127 for ch in text):
        return _literal(text)
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def minimal_pdf(text: str, title: str = "") -> bytes:
    lines = text.split("\n") or [""]
    pages = [lines[i:i + 50] for i in range(0, max(len(lines), 1), 50)] or [[""]]
    objects: list[str] = []
    kids = []
    font_obj = 3
    next_obj = 4
    page_objs = []
    for page_lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
        for line in page_lines:
            ops.append(f"{_string(line)} Tj T*")
        ops.append("ET")
        stream = "\n".join(ops)
        page_objs.append((next_obj, next_obj + 1, stream))
        kids.append(f"{next_obj} 0 R")
        next_obj += 2
    objects.append("<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for page_no, content_no, stream in page_objs:
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 {font_obj} 0 R >> >> "
                       f"/Contents {content_no} 0 R >>")
        data = stream.encode("ascii")
        objects.append(f"<< /Length {len(data)} >>\nstream\n{stream}\nendstream")
    info_no = len(objects) + 1
    objects.append(f"<< /Title {_string(title)} /Subject {_string(text)} "
                   f"/Producer (fake_google) >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("ascii")
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info_no} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode("ascii")
    return bytes(out)
