"""`validate` on bank tabs the way school staff leave them — a title row above the header, comment
rows, hidden and filtered rows, formulas, «Предмет» merged down rows — with the exact Russian
texts, on every backend where the feature applies (the `backend` fixture), else on the local one.

Staff edits are made the way a person's would be: openpyxl (plus an XML edit where openpyxl
cannot write something, such as a formula's computed value) on the workbook, or batchUpdate
requests through the Google client.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree
from openpyxl import load_workbook

from jobs.validate import validate
from sheets_schema.grid import column_letter, normalise_header, read_grid
from sheets_schema.tables import MENTEES
from tests.workspaces import NOW

TAB = MENTEES.title
LAST = column_letter(len(MENTEES.columns) - 1)  # Q: the last column of «Наставляемые»
COL = {c.header: column_letter(i) for i, c in enumerate(MENTEES.columns)}
TITLE = "Банк наставляемых МБОУ СОШ №5 на 2026/27 уч. год"
COMMENT = "--- ниже: наставляемые из филиала…"
OK = ("OK", "")

ANNA = {"full_name": "Петрова Анна Сергеевна", "email": "petrova@school.example", "position": "учитель",
        "subject": "математика", "levels": "основное общее", "years": "1", "difficulties": "современный урок",
        "pd_consent": "01.09.2026"}
BORIS = dict(ANNA, full_name="Волков Борис Петрович", email="volkov@school.example")
VERA = dict(ANNA, full_name="Белова Вера Ильинична", email="belova@school.example")
NO_YEARS = dict(ANNA, full_name="Орлов Пётр Ильич", email="orlov@school.example", years="двадцать")
NOT_A_NUMBER = ('Педагогический стаж, лет: "двадцать" — не число; укажите число лет, например 20')


# --- staff edits, per backend -------------------------------------------------------------------
def edit_workbook(backend, change) -> None:
    wb = load_workbook(backend.workspace.path)
    change(wb[TAB])
    wb.save(backend.workspace.path)


def google_requests(backend, requests) -> None:
    ws = backend.workspace
    sheet_id = next(p["sheetId"] for p in ws.sheet_properties() if p["title"] == TAB)
    for _, body in requests:
        holder = body.get("filter", body)
        holder["range"] = dict(holder["range"], sheetId=sheet_id)
    backend.client.spreadsheets_batch_update(ws.spreadsheet_id, [{kind: body} for kind, body in requests])


def google_values(backend, cells: dict[str, str], option: str = "RAW") -> None:
    quoted = "'" + TAB + "'"
    backend.client.values_batch_update(backend.workspace.spreadsheet_id, [
        {"range": f"{quoted}!{a1}", "majorDimension": "ROWS", "values": [[v]]} for a1, v in cells.items()],
        value_input_option=option)


def insert_title_row(backend) -> None:
    """A title row merged across the tab, above the header (the header moves to row 2)."""
    if backend.name == "local":
        def change(ws):
            ws.insert_rows(1)
            ws["A1"] = TITLE
            ws.merge_cells(f"A1:{LAST}1")
        edit_workbook(backend, change)
        return
    google_requests(backend, [
        ("insertDimension", {"range": {"dimension": "ROWS", "startIndex": 0, "endIndex": 1}}),
        ("mergeCells", {"range": {"startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0,
                                  "endColumnIndex": len(MENTEES.columns)}, "mergeType": "MERGE_ALL"}),
    ])
    google_values(backend, {"A1": TITLE})


def hide_rows_and_filter(backend, rows: tuple[int, ...]) -> None:
    """Rows hidden by hand, and a filter over the tab."""
    if backend.name == "local":
        def change(ws):
            for r in rows:
                ws.row_dimensions[r].hidden = True
            ws.auto_filter.ref = f"A1:{LAST}{max(rows) + 1}"
        edit_workbook(backend, change)
        return
    google_requests(backend, [
        *[("updateDimensionProperties", {"range": {"dimension": "ROWS", "startIndex": r - 1, "endIndex": r},
                                         "properties": {"hiddenByUser": True}, "fields": "hiddenByUser"})
          for r in rows],
        ("setBasicFilter", {"filter": {"range": {"startRowIndex": 0, "endRowIndex": max(rows) + 1,
                                                 "startColumnIndex": 0, "endColumnIndex": len(MENTEES.columns)}}}),
    ])


def sheet_part(path, tab: str) -> str:
    """The zip member of a tab, through workbook.xml and its relationships."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
    with zipfile.ZipFile(path) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    rid = book.xpath("//m:sheet[@name=$t]/@r:id", namespaces=ns, t=tab)[0]
    target = rels.xpath("//p:Relationship[@Id=$i]/@Target", namespaces=ns, i=rid)[0]
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def set_cached_values(path, tab: str, values: dict[str, str]) -> None:
    """Give formula cells the value Excel would have stored with them: <c><f>…</f><v>28</v></c>."""
    part = sheet_part(path, tab)
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename == part:
                root = etree.fromstring(data)
                for c in root.iter(ns + "c"):
                    if c.get("r") in values:
                        assert c.find(ns + "f") is not None, c.get("r")
                        v = c.find(ns + "v")
                        if v is None:
                            v = etree.SubElement(c, ns + "v")
                        v.text = values[c.get("r")]
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            z.writestr(info, data)
    path.write_bytes(out.getvalue())


# --- reading back ---------------------------------------------------------------------------
def rows_of(backend, header_row: int = 1) -> dict[int, dict[str, str]]:
    """Sheet row → {header: text} of every row below the header."""
    grid = backend.grid(TAB)
    header = [normalise_header(h) for h in grid[header_row - 1]]
    return {r: {MENTEES.columns[i].header: (row[header.index(normalise_header(c.header))]
                                            if header.index(normalise_header(c.header)) < len(row) else "")
                for i, c in enumerate(MENTEES.columns)}
            for r, row in enumerate(grid[header_row:], start=header_row + 1)}


def verdicts(backend, header_row: int = 1) -> dict[int, tuple[str, str]]:
    return {r: (v["Статус"], v["Сообщение"]) for r, v in rows_of(backend, header_row).items()}


def log_details(backend) -> list[str]:
    return list(backend.column("Журнал", "Подробности").values())


# --- a title row above the header -----------------------------------------------------------
def test_a_title_row_above_the_header_is_said_and_statuses_land_on_the_right_rows(backend):
    ws = backend.make({"mentees": [ANNA, NO_YEARS, BORIS]})
    insert_title_row(backend)
    grid_before = backend.grid(TAB)

    result = validate(ws, now=NOW)

    note = "Лист «Наставляемые»: строка заголовков найдена в строке 2; строка 1 над ней не читается."
    assert result.problems == [] and result.exit_code == 0
    assert note in result.lines()
    assert verdicts(backend, header_row=2) == {3: OK, 4: ("Ошибка", NOT_A_NUMBER), 5: OK}
    grid = backend.grid(TAB)
    assert grid[0][0] == TITLE and grid[:2] == grid_before[:2]  # the title and the header untouched
    assert note in log_details(backend)[0]

    again = validate(ws, now=NOW)  # the rows are found again under the title row

    assert again.commit.rows_lost == [] and all(s.changed == 0 for s in again.summaries)
    assert again.commit.cells_written == 9  # only the run's row of «Журнал»
    assert backend.grid(TAB) == grid


# --- comment rows ---------------------------------------------------------------------------
def test_a_comment_row_is_skipped_and_left_alone(backend):
    ws = backend.make({"mentees": [ANNA, {}, BORIS, {}, VERA]})
    backend.set_cells(TAB, {(3, "ФИО"): COMMENT, (5, "E-mail"): "# Белова придёт в январе"})

    result = validate(ws, now=NOW)

    assert result.problems == []
    assert [s.total for s in result.summaries if s.tab == TAB] == [3]
    assert verdicts(backend) == {2: OK, 3: ("", ""), 4: OK, 5: ("", ""), 6: OK}
    rows = rows_of(backend)
    assert rows[3]["ФИО"] == COMMENT and [v for v in rows[3].values() if v] == [COMMENT]
    assert [v for v in rows[5].values() if v] == ["# Белова придёт в январе"]


# --- hidden rows and filters ----------------------------------------------------------------
def test_hidden_and_filtered_rows_are_checked_like_any_other(backend):
    ws = backend.make({"mentees": [ANNA, NO_YEARS, BORIS]})
    hide_rows_and_filter(backend, rows=(3, 4))

    validate(ws, now=NOW)

    assert verdicts(backend) == {2: OK, 3: ("Ошибка", NOT_A_NUMBER), 4: OK}


def test_on_google_rows_inserted_above_a_merged_subject_before_the_write(fake_google, tmp_path):
    """The write re-reads the merges too: moved down by the rows inserted above it, the merge
    still gives every row its subject, and each status lands on its person."""
    from tests.backends import GoogleBackend
    from tests.test_google_support import fast_client, google_settings

    settings = google_settings(fake_google, tmp_path)
    backend = GoogleBackend(settings, fast_client(settings))
    ws = backend.make({"mentees": [dict(ANNA, subject="физика"), dict(BORIS, subject="", years="двадцать"),
                                   dict(VERA, subject="")]})
    merge_subject_down(backend, 2, 4)
    reread = ws.read_grids_for_write

    def insert_two_rows_then_reread(titles):
        google_requests(backend, [("insertDimension", {"range": {"dimension": "ROWS", "startIndex": 1,
                                                                 "endIndex": 3}})])
        return reread(titles)

    ws.read_grids_for_write = insert_two_rows_then_reread
    try:
        result = validate(ws, now=NOW)
    finally:
        del ws.read_grids_for_write

    assert result.commit.rows_lost == []
    assert verdicts(backend) == {2: ("", ""), 3: ("", ""), 4: OK, 5: ("Ошибка", NOT_A_NUMBER), 6: OK}
    mentees = read_grid(MENTEES, backend.grid(TAB))
    assert [mentees.value(r, "subject") for r in (4, 5, 6)] == ["физика"] * 3
    assert subject_merges(backend) == [f"{COL['Предмет']}4:{COL['Предмет']}6"]


# --- formulas ---------------------------------------------------------------------------------
def test_a_formula_is_read_as_its_computed_value(backend):
    ws = backend.make({"mentees": [ANNA, BORIS]})
    cell = f"{COL['Педагогический стаж, лет']}2"
    if backend.name == "local":
        edit_workbook(backend, lambda sheet: sheet.__setitem__(cell, "=2026-1998"))
        set_cached_values(ws.path, TAB, {cell: "28"})  # as Excel saves it
    else:
        google_values(backend, {cell: "=2026-1998"}, option="USER_ENTERED")  # Google computes it

    result = validate(ws, now=NOW)

    assert result.row_errors == 0
    assert rows_of(backend)[2]["Педагогический стаж, лет"] == "28"
    assert verdicts(backend) == {2: OK, 3: OK}
    assert validate(ws, now=NOW).row_errors == 0  # the computed value survives the write


def test_a_formula_without_a_computed_value_is_named_in_its_row(tmp_path):
    from tests.backends import LocalBackend

    backend = LocalBackend(tmp_path)
    ws = backend.make({"mentees": [ANNA, BORIS]})
    # openpyxl writes a formula without its value, as any tool that does not calculate
    edit_workbook(backend, lambda sheet: sheet.__setitem__(f"{COL['Педагогический стаж, лет']}3", "=2026-1998"))

    result = validate(ws, now=NOW)

    assert result.row_errors == 1
    assert verdicts(backend) == {2: OK, 3: (
        "Ошибка",
        "Педагогический стаж, лет: формула без вычисленного значения — откройте и сохраните файл в Excel/LibreOffice")}


# --- «Предмет» merged down rows ---------------------------------------------------------------
def merge_subject_down(backend, first: int, last: int) -> None:
    col = COL["Предмет"]
    if backend.name == "local":
        edit_workbook(backend, lambda ws: ws.merge_cells(f"{col}{first}:{col}{last}"))
        return
    index = list(COL).index("Предмет")
    google_requests(backend, [("mergeCells", {
        "range": {"startRowIndex": first - 1, "endRowIndex": last, "startColumnIndex": index,
                  "endColumnIndex": index + 1}, "mergeType": "MERGE_ALL"})])


def subject_merges(backend) -> list[str]:
    """The merged ranges of «Предмет» in the tab, in A1 notation, as the backend keeps them."""
    if backend.name == "local":
        return [r.coord for r in load_workbook(backend.workspace.path)[TAB].merged_cells.ranges]
    ws = backend.workspace
    meta = backend.client.spreadsheets_get(ws.spreadsheet_id, fields="sheets(properties(title),merges)")
    sheet = next(s for s in meta["sheets"] if s["properties"]["title"] == TAB)
    return [f"{column_letter(m.get('startColumnIndex', 0))}{m.get('startRowIndex', 0) + 1}:"
            f"{column_letter(m['endColumnIndex'] - 1)}{m['endRowIndex']}" for m in sheet.get("merges", [])]


def test_a_subject_merged_down_three_rows_is_every_row_s_subject(backend):
    ws = backend.make({"mentees": [dict(ANNA, subject="физика"), dict(BORIS, subject="", years="двадцать"),
                                   dict(VERA, subject=""), NO_YEARS]})
    merge_subject_down(backend, 2, 4)

    result = validate(ws, now=NOW)

    # no «Предмет: не заполнено» below the merge's first row; each row keeps its own error
    assert result.row_errors == 2
    assert verdicts(backend) == {2: OK, 3: ("Ошибка", NOT_A_NUMBER), 4: OK, 5: ("Ошибка", NOT_A_NUMBER)}
    again = validate(ws, now=NOW)  # the rows are found again by content, merged subject and all
    assert again.commit.rows_lost == [] and all(s.changed == 0 for s in again.summaries)
    assert again.row_errors == 2
    assert subject_merges(backend) == [f"{COL['Предмет']}2:{COL['Предмет']}4"]
