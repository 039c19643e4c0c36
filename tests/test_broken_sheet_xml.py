"""A tab whose sheet XML is broken (an undefined entity, a cut-off part) stops with exit 3 and a
message naming the workbook, the tab, the part and the fix; entity payloads are never expanded."""
from __future__ import annotations

import io
import time
import zipfile

import pytest
from click.testing import CliRunner

from jobs.cli import cli
from sync.local import LocalWorkspace

MENTEES_PART = "xl/worksheets/sheet1.xml"  # «Наставляемые», the first tab init makes

XXE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
       b'<!ENTITY net SYSTEM "http://127.0.0.1:9/evil.dtd">]>\n')
LAUGHS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE worksheet [<!ENTITY a "ha">'
          + b"".join(b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&%c;" % (ord("a") + i)) * 10) for i in range(9))
          + b"]>\n")


def init(path):
    result = CliRunner().invoke(cli, ["init", str(path), "--sample", "10"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def rewrite_part(workbook, part: str, change) -> None:
    with zipfile.ZipFile(workbook) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            z.writestr(info, change(data) if info.filename == part else data)


def parts(workbook) -> dict[str, bytes]:
    return parts_of(workbook.read_bytes())


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def with_cell(text: bytes, prolog: bytes = b""):
    """The sheet with a first cell holding `text` (raw XML), after an optional DOCTYPE prolog."""
    def change(data: bytes) -> bytes:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return (prolog or b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n') + body.replace(
            b"<sheetData>", b'<sheetData><row r="5000"><c r="A5000" t="inlineStr"><is><t>' + text
            + b"</t></is></c></row>", 1)
    return change


@pytest.mark.parametrize("change, reason", [
    (with_cell(b"&foo;"), ": "),
    (lambda data: data[: len(data) // 2], "xl/worksheets/sheet1.xml"),
], ids=["undefined_entity", "cut_off"])
def test_a_broken_sheet_part_exits_3_naming_the_tab_the_part_and_the_fix(tmp_path, change, reason):
    init(tmp_path)
    workbook = tmp_path / "workspace.xlsx"
    rewrite_part(workbook, MENTEES_PART, change)
    before = workbook.read_bytes()

    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), "validate"])

    assert result.exit_code == 3
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message.startswith(f"Ошибка: Книга {workbook}: лист «Наставляемые» повреждён — его XML "
                              f"({MENTEES_PART}) не читается: ")
    assert reason in message
    assert message.endswith("Восстановите книгу из резервной копии (nastavnik restore покажет копии, "
                            "nastavnik restore ДАТА вернёт копию этого дня) или откройте и пересохраните "
                            "книгу в Excel или LibreOffice.")
    after = parts(workbook)
    assert after[MENTEES_PART] == parts_of(before)[MENTEES_PART]  # nothing written over the broken tab
    assert [p.read_bytes() for p in (tmp_path / "backups").iterdir()] == [before]  # the run's copy, as it was


@pytest.mark.parametrize("prolog, cell", [(XXE, b"&xxe;&net;"), (LAUGHS, b"&j;")], ids=["xxe", "billion_laughs"])
def test_entity_payloads_are_never_expanded(tmp_path, prolog, cell):
    init(tmp_path)
    rewrite_part(tmp_path / "workspace.xlsx", MENTEES_PART, with_cell(cell, prolog))
    started = time.monotonic()

    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nastavnik.toml"), "validate"])

    assert time.monotonic() - started < 30  # no 10**9 "ha"
    assert "Traceback" not in result.output
    assert "root:" not in result.output  # /etc/passwd not read into anything shown
    grids = LocalWorkspace(tmp_path).read_grids(["Наставляемые"])["Наставляемые"] if result.exit_code == 0 else []
    text = "".join("".join(row) for row in grids or [])
    assert "root:" not in text and "haha" not in text
    assert result.exit_code in (0, 3)
