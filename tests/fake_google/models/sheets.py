"""Sheets v4: spreadsheets, sheets (grids of cells), values, developer metadata.

Every spreadsheet is also a Drive file (``application/vnd.google-apps.spreadsheet``); access
follows the editors' rule (unknown id → 404 NOT_FOUND, not shared → 403 PERMISSION_DENIED,
write with reader/commenter access → 403). Batch writes are all-or-nothing.
"""
from __future__ import annotations

import contextlib
import copy
import pickle
from dataclasses import dataclass, field
from typing import Any, Iterator

from .. import errors
from ..a1 import A1Range, format_range, index_to_col, parse_a1, quote_title
from ..auth import is_service_account
from ..clock import Ids
from . import sheets_cells as cells
from .sheets_theme import new_spreadsheet_format
from . import sheets_json as out_json
from .drive import READER, SPREADSHEET, WRITER, DriveModel, File

DEFAULT_ROWS, DEFAULT_COLS = 1000, 26


@dataclass
class Sheet:
    properties: dict[str, Any]
    cells: dict[tuple[int, int], cells.Cell] = field(default_factory=dict)
    charts: list[dict[str, Any]] = field(default_factory=list)
    protected_ranges: list[dict[str, Any]] = field(default_factory=list)
    basic_filter: dict[str, Any] | None = None
    merges: list[dict[str, Any]] = field(default_factory=list)  # GridRanges (with sheetId)
    conditional_formats: list[dict[str, Any]] = field(default_factory=list)
    banded_ranges: list[dict[str, Any]] = field(default_factory=list)
    # dimension groups as a depth per row/column index (groups are its runs, see
    # sheets_groups); collapsed groups as (dimension, depth, start, end)
    row_depths: dict[int, int] = field(default_factory=dict)
    column_depths: dict[int, int] = field(default_factory=dict)
    collapsed_groups: set[tuple[str, int, int, int]] = field(default_factory=set)

    def group_depths(self, dimension: str) -> dict[int, int]:
        return self.row_depths if dimension == "ROWS" else self.column_depths

    @property
    def id(self) -> int:
        return self.properties["sheetId"]

    @property
    def title(self) -> str:
        return self.properties["title"]

    @property
    def grid(self) -> dict[str, Any]:
        return self.properties.setdefault("gridProperties", {})

    @property
    def row_count(self) -> int:
        return self.grid.get("rowCount", DEFAULT_ROWS)

    @property
    def col_count(self) -> int:
        return self.grid.get("columnCount", DEFAULT_COLS)

    def cell(self, row: int, col: int) -> cells.Cell:
        return self.cells.setdefault((row, col), {})

    def last_row_with_data(self, col_start: int = 0, col_end: int | None = None,
                           row_start: int = 0) -> int:
        """Index of the last row holding a value in the columns, or row_start - 1."""
        last = row_start - 1
        for (r, c), cell in self.cells.items():
            if r >= row_start and c >= col_start and (col_end is None or c < col_end) \
                    and not cells.cell_is_empty(cell):
                last = max(last, r)
        return last


@dataclass
class Spreadsheet:
    id: str
    properties: dict[str, Any]
    sheets: list[Sheet] = field(default_factory=list)
    developer_metadata: list[dict[str, Any]] = field(default_factory=list)
    named_ranges: list[dict[str, Any]] = field(default_factory=list)

    @property
    def locale(self) -> str:
        return self.properties.get("locale", "en_US")

    def sheet_by_id(self, sheet_id: int) -> Sheet | None:
        return next((s for s in self.sheets if s.id == sheet_id), None)

    def sheet_by_title(self, title: str) -> Sheet | None:
        return next((s for s in self.sheets if s.title.lower() == title.lower()), None)

    def reindex(self) -> None:
        for i, sheet in enumerate(self.sheets):
            sheet.properties["index"] = i


@dataclass(frozen=True)
class Target:
    """A resolved A1 range: sheet and half-open bounds (None end: to the grid's edge)."""

    sheet: Sheet
    start_row: int
    end_row: int | None
    start_col: int
    end_col: int | None

    def clipped(self) -> tuple[int, int, int, int]:
        s = self.sheet
        end_row = s.row_count if self.end_row is None else min(self.end_row, s.row_count)
        end_col = s.col_count if self.end_col is None else min(self.end_col, s.col_count)
        return self.start_row, max(end_row, self.start_row), self.start_col, \
            max(end_col, self.start_col)

    def a1(self) -> str:
        r0, r1, c0, c1 = self.clipped()
        if r1 <= r0 or c1 <= c0:
            return self.a1_unclipped()
        return format_range(self.sheet.title, r0, r1, c0, c1)

    def a1_unclipped(self) -> str:
        end_row = self.end_row or self.sheet.row_count
        end_col = self.end_col or self.sheet.col_count
        return format_range(self.sheet.title, self.start_row, end_row, self.start_col, end_col)


class SheetsModel:
    """All spreadsheets of the fake."""

    def __init__(self, drive: DriveModel, ids: Ids):
        self.drive = drive
        self.ids = ids
        self.spreadsheets: dict[str, Spreadsheet] = {}
        drive.content_hooks[SPREADSHEET] = {"create": self._create_for_file,
                                            "copy": self._copy_for_file,
                                            "delete": self._delete}

    # ---- lifecycle --------------------------------------------------------------------
    def new_sheet(self, props: dict[str, Any] | None = None, index: int = 0) -> Sheet:
        props = copy.deepcopy(props or {})
        props.setdefault("sheetId", 0 if index == 0 else self.ids.int31())
        props.setdefault("title", f"Sheet{index + 1}")
        props.setdefault("index", index)
        props.setdefault("sheetType", "GRID")
        grid = props.setdefault("gridProperties", {})
        grid.setdefault("rowCount", DEFAULT_ROWS)
        grid.setdefault("columnCount", DEFAULT_COLS)
        return Sheet(properties=props)

    def _create_for_file(self, f: File) -> None:
        self.spreadsheets[f.id] = Spreadsheet(
            id=f.id, properties=_default_properties(f.name, f.owner), sheets=[self.new_sheet()])

    def _copy_for_file(self, src_id: str, f: File) -> None:
        clone = copy.deepcopy(self.spreadsheets[src_id])
        clone.id = f.id
        clone.properties["title"] = f.name
        self.spreadsheets[f.id] = clone

    def _delete(self, file_id: str) -> None:
        self.spreadsheets.pop(file_id, None)

    def create(self, email: str, body: dict[str, Any]) -> Spreadsheet:
        """spreadsheets.create: a new file in the caller's My Drive."""
        if is_service_account(email) and not self.drive.allow_service_account_storage:
            raise errors.PermissionDenied()
        props = copy.deepcopy(body.get("properties") or {})
        title = props.get("title") or "Untitled spreadsheet"
        f = self.drive.create(email, {"name": title, "mimeType": SPREADSHEET},
                              check_storage=False, with_content=False)
        props = {**_default_properties(title, email), **props}
        ss = Spreadsheet(id=f.id, properties=props)
        for i, sheet_body in enumerate(body.get("sheets") or [{}]):
            sheet = self.new_sheet(sheet_body.get("properties"), i)
            if ss.sheet_by_title(sheet.title):
                raise errors.InvalidArgument(
                    f'Invalid sheets[{i}]: A sheet with the name "{sheet.title}" already exists.')
            ss.sheets.append(sheet)
            for block in sheet_body.get("data") or []:
                r0, c0 = block.get("startRow", 0), block.get("startColumn", 0)
                for dr, row in enumerate(block.get("rowData") or []):
                    for dc, cell in enumerate(row.get("values") or []):
                        if cell.get("userEnteredValue"):
                            cells.set_value(sheet.cell(r0 + dr, c0 + dc),
                                            dict(cell["userEnteredValue"]))
        ss.reindex()
        self.spreadsheets[f.id] = ss
        return ss

    def seed(self, owner: str, title: str, tabs: dict[str, list[list[Any]]],
             locale: str = "ru_RU") -> Spreadsheet:
        """Test helper: a spreadsheet owned by ``owner`` with RAW values per tab."""
        f = self.drive.create(owner, {"name": title, "mimeType": SPREADSHEET},
                              check_storage=False, with_content=False)
        ss = Spreadsheet(id=f.id,
                         properties={**_default_properties(title, owner), "locale": locale})
        for i, (tab, rows) in enumerate(tabs.items()):
            sheet = self.new_sheet({"title": tab, "sheetId": 0 if i == 0 else self.ids.int31()},
                                   i)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is not None:
                        cells.set_value(sheet.cell(r, c), cells.value_from_raw(value))
            ss.sheets.append(sheet)
        self.spreadsheets[f.id] = ss
        return ss

    def open(self, spreadsheet_id: str, email: str, write: bool = False) -> Spreadsheet:
        self.drive.require_app(spreadsheet_id, email, WRITER if write else READER, SPREADSHEET)
        return self.spreadsheets[spreadsheet_id]

    def touched(self, ss: Spreadsheet) -> None:
        f = self.drive.files.get(ss.id)
        if f is not None:
            f.touch()
            f.name = ss.properties.get("title", f.name)

    @contextlib.contextmanager
    def atomic(self, ss: Spreadsheet) -> Iterator[Spreadsheet]:
        """All-or-nothing: on any error the spreadsheet is restored as it was."""
        # pickle round trip: the same deep snapshot as copy.deepcopy, an order of magnitude faster
        # on spreadsheets with per-cell data validation (thousands of small dicts).
        # Only the bytes are kept: they are loaded back on an error alone (loading is the
        # costlier half, and nearly every request succeeds).
        saved = pickle.dumps(ss.__dict__, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            yield ss
        except BaseException:
            ss.__dict__.clear()
            ss.__dict__.update(pickle.loads(saved))
            raise
        self.touched(ss)

    @contextlib.contextmanager
    def atomic_values(self, ss: Spreadsheet) -> Iterator[list[Undo]]:
        """All-or-nothing for a request that only gives cells values (values.update,
        batchUpdate, clear, batchClear): `write` and `clear` note each cell as it was before
        changing it in the list yielded, and on an error the cells are put back from it — the
        same outcome as `atomic`, at the cost of the cells written rather than of the whole
        spreadsheet."""
        undo: list[Undo] = []
        try:
            yield undo
        except BaseException:
            for sheet, key, before in reversed(undo):
                if before is None:
                    sheet.cells.pop(key, None)
                else:
                    sheet.cells[key] = before
            raise
        self.touched(ss)

    # ---- ranges -----------------------------------------------------------------------
    def resolve(self, ss: Spreadsheet, text: str) -> Target:
        named = _named_range(ss, text)
        if named is not None:
            gr = named["range"]
            sheet = ss.sheet_by_id(gr.get("sheetId", 0)) or ss.sheets[0]
            return Target(sheet, gr.get("startRowIndex", 0), gr.get("endRowIndex"),
                          gr.get("startColumnIndex", 0), gr.get("endColumnIndex"))
        parsed: A1Range = parse_a1(text, [s.title for s in ss.sheets])
        if parsed.sheet_title is None:
            sheet = ss.sheets[0]
        else:
            found = ss.sheet_by_title(parsed.sheet_title)
            if found is None:
                raise errors.InvalidArgument(f"Unable to parse range: {text}")
            sheet = found
        b = parsed.bounds
        if b is None:
            return Target(sheet, 0, None, 0, None)
        return Target(sheet, b.start_row or 0, b.end_row, b.start_col or 0, b.end_col)

    def grid_limit_error(self, target: Target, rows: int, cols: int) -> errors.InvalidArgument:
        s = target.sheet
        r1 = target.start_row + max(rows, 1)
        c1 = target.start_col + max(cols, 1)
        first = f"{index_to_col(target.start_col)}{target.start_row + 1}"
        last = f"{index_to_col(c1 - 1)}{r1}"
        cells_text = first if (rows <= 1 and cols <= 1) else f"{first}:{last}"
        return errors.InvalidArgument(
            f"Range ('{s.title.replace(chr(39), chr(39) * 2)}'!{cells_text}) exceeds grid "
            f"limits. Max rows: {s.row_count}, max columns: {s.col_count}")

    # ---- values -----------------------------------------------------------------------
    def read(self, ss: Spreadsheet, target: Target, major: str = "ROWS",
             render: str = "FORMATTED_VALUE", date_render: str = "SERIAL_NUMBER"
             ) -> dict[str, Any]:
        """A ValueRange: trailing empty cells and rows omitted; ``values`` absent if empty."""
        r0, r1, c0, c1 = target.clipped()
        locale = ss.locale
        if major == "COLUMNS":
            grid = [[cells.render(target.sheet.cells.get((r, c)), render, locale, date_render)
                     for c in range(c0, c1)] for r in range(r0, r1)]
            values = _trim([list(col) for col in zip(*grid)] if grid else [])
        else:
            values = _rows(target.sheet.cells, (r0, r1, c0, c1), render, locale, date_render)
        out: dict[str, Any] = {"range": target.a1(), "majorDimension": major}
        if values:
            out["values"] = values
        return out

    def write(self, ss: Spreadsheet, target: Target, values: list[list[Any]], major: str,
              input_option: str, *, grow: bool = False,
              touched: set[tuple[int, int, int]] | None = None,
              undo: list[Undo] | None = None) -> dict[str, Any]:
        """Write a block at the range's top-left corner; returns an UpdateValuesResponse whose
        counters count the cells given a value (null skipped) and their distinct rows and
        columns, as Google does. ``touched`` collects (sheetId, row, column) of those cells."""
        if input_option not in ("RAW", "USER_ENTERED"):
            raise errors.InvalidArgument("Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED")
        rows = values or []
        if major == "COLUMNS":
            width = max((len(r) for r in rows), default=0)
            rows = [[col[i] if i < len(col) else None for col in rows] for i in range(width)]
        height = len(rows)
        width = max((len(r) for r in rows), default=0)
        if target.end_row == target.start_row + 1 and target.end_col == target.start_col + 1:
            target = Target(target.sheet, target.start_row, None, target.start_col, None)
        if target.end_row is not None and target.start_row + height > target.end_row:
            raise errors.InvalidArgument(
                f"Requested writing within range [{target.a1_unclipped()}], but tried writing "
                f"to row [{target.start_row + height}]")
        if target.end_col is not None and target.start_col + width > target.end_col:
            raise errors.InvalidArgument(
                f"Requested writing within range [{target.a1_unclipped()}], but tried writing "
                f"to column [{index_to_col(target.start_col + width - 1)}]")
        sheet = target.sheet
        if target.start_row + height > sheet.row_count or target.start_col + width > sheet.col_count:
            if not grow:
                raise self.grid_limit_error(target, height, width)
            sheet.grid["rowCount"] = max(sheet.row_count, target.start_row + height)
            sheet.grid["columnCount"] = max(sheet.col_count, target.start_col + width)
        written: set[tuple[int, int, int]] = set()
        for dr, row in enumerate(rows):
            for dc, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, (dict, list)):
                    raise errors.InvalidArgument(
                        f"Invalid values[{dr}][{dc}]: {'struct' if isinstance(value, dict) else 'list'}"
                        "_value {}")
                if undo is not None:
                    _note(undo, sheet, (target.start_row + dr, target.start_col + dc))
                cell = sheet.cell(target.start_row + dr, target.start_col + dc)
                if input_option == "RAW":
                    cells.set_value(cell, cells.value_from_raw(value))
                else:
                    cells.set_value(cell, *cells.value_from_user_entered(value, ss.locale))
                written.add((sheet.id, target.start_row + dr, target.start_col + dc))
        if touched is not None:
            touched |= written
        out: dict[str, Any] = {"spreadsheetId": ss.id}
        if height and width:
            out["updatedRange"] = format_range(sheet.title, target.start_row,
                                               target.start_row + height, target.start_col,
                                               target.start_col + width)
            if written:
                out.update(updatedRows=len({r for _, r, _ in written}),
                           updatedColumns=len({c for _, _, c in written}),
                           updatedCells=len(written))
        else:
            out["updatedRange"] = target.a1()
        return out

    def clear(self, ss: Spreadsheet, target: Target, undo: list[Undo] | None = None) -> str:
        r0, r1, c0, c1 = target.clipped()
        for (r, c), cell in list(target.sheet.cells.items()):
            if r0 <= r < r1 and c0 <= c < c1:
                if undo is not None:
                    _note(undo, target.sheet, (r, c))
                cells.set_value(cell, None)
        return target.a1()

    def append(self, ss: Spreadsheet, target: Target, values: list[list[Any]], major: str,
               input_option: str, insert_data_option: str = "OVERWRITE") -> dict[str, Any]:
        """values.append as Google documents it: the range is searched for "a table" and the
        values go to the next row after it, from the table's first column; the grid grows as
        needed (unlike update). ``tableRange`` is the table before the append, absent when the
        range holds no value (then the values go to the range's top-left cell)."""
        sheet = target.sheet
        table = find_table(sheet, target)
        at_row, at_col = (table[1], table[2]) if table else (target.start_row, target.start_col)
        height = len(values or []) if major != "COLUMNS" else max(
            (len(c) for c in values or []), default=0)
        if insert_data_option == "INSERT_ROWS" and height:
            from .sheets_requests import insert_dimension
            insert_dimension(ss, sheet, "ROWS", min(at_row, sheet.row_count),
                             min(at_row, sheet.row_count) + height)
        start = Target(sheet, at_row, None, at_col, None)
        updates = self.write(ss, start, values, major, input_option, grow=True)
        out: dict[str, Any] = {"spreadsheetId": ss.id}
        if table:
            out["tableRange"] = format_range(sheet.title, *table)
        out["updates"] = updates
        return out

    # ---- developer metadata -----------------------------------------------------------
    def metadata_matches(self, ss: Spreadsheet, meta: dict[str, Any], data_filter: dict[str, Any]
                         ) -> bool:
        """Does a DataFilter select this developer metadata?"""
        loc = meta["location"]
        if "developerMetadataLookup" in data_filter:
            look = data_filter["developerMetadataLookup"]
            for key in ("metadataId", "metadataKey", "metadataValue", "visibility"):
                if key in look and str(look[key]) != str(meta.get(key)):
                    return False
            if "locationType" in look and look["locationType"] != loc["locationType"]:
                return False
            if "metadataLocation" in look:
                want = look["metadataLocation"]
                strategy = look.get("locationMatchingStrategy", "EXACT_LOCATION")
                return _location_matches(loc, want, strategy == "INTERSECTING_LOCATION")
            return True
        if "a1Range" in data_filter:
            target = self.resolve(ss, data_filter["a1Range"])
            r0, r1, c0, c1 = target.clipped()
            grid = {"sheetId": target.sheet.id, "startRowIndex": r0, "endRowIndex": r1,
                    "startColumnIndex": c0, "endColumnIndex": c1}
        elif "gridRange" in data_filter:
            grid = data_filter["gridRange"]
        else:
            return False
        return _grid_intersects(loc, grid)

    def search_metadata(self, ss: Spreadsheet, filters: list[dict[str, Any]]
                        ) -> list[dict[str, Any]]:
        found = []
        for meta in ss.developer_metadata:
            matched = [f for f in filters if self.metadata_matches(ss, meta, f)]
            if matched:
                found.append({"developerMetadata": copy.deepcopy(meta),
                              "dataFilters": copy.deepcopy(matched)})
        return found

    # ---- output -----------------------------------------------------------------------
    def spreadsheet_json(self, ss: Spreadsheet, ranges: list[str] | None = None,
                         include_grid_data: bool = False) -> dict[str, Any]:
        targets = [self.resolve(ss, r) for r in ranges or []]
        sheets_out = []
        for sheet in ss.sheets:
            mine = [t for t in targets if t.sheet is sheet]
            if targets and not mine:
                continue
            item: dict[str, Any] = {"properties": out_json.sheet_properties_out(sheet.properties)}
            if include_grid_data:
                item["data"] = [self._grid_data(ss, t) for t in
                                (mine or [Target(sheet, 0, None, 0, None)])]
            item.update(self._sheet_parts(ss, sheet))
            sheets_out.append(item)
        out: dict[str, Any] = {"spreadsheetId": ss.id, "properties": copy.deepcopy(ss.properties),
                               "sheets": sheets_out}
        if ss.named_ranges:
            out["namedRanges"] = [out_json.named_range_out(nr) for nr in ss.named_ranges]
        out["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{ss.id}/edit"
        top_meta = [copy.deepcopy(m) for m in ss.developer_metadata
                    if m["location"]["locationType"] == "SPREADSHEET"]
        if top_meta:
            out["developerMetadata"] = top_meta
        return out

    def _sheet_parts(self, ss: Spreadsheet, sheet: Sheet) -> dict[str, Any]:
        """A Sheet's fields after ``properties`` and ``data``, in Google's order, each only
        when not empty."""
        item: dict[str, Any] = {}
        if sheet.merges:
            item["merges"] = [out_json.range_out(m) for m in sheet.merges]
        if sheet.conditional_formats:
            item["conditionalFormats"] = [out_json.conditional_rule_out(rule)
                                          for rule in sheet.conditional_formats]
        if sheet.protected_ranges:
            item["protectedRanges"] = [out_json.protected_range_out(pr)
                                       for pr in sheet.protected_ranges]
        if sheet.basic_filter:
            item["basicFilter"] = copy.deepcopy(sheet.basic_filter)
            if "range" in item["basicFilter"]:
                item["basicFilter"]["range"] = out_json.range_out(sheet.basic_filter["range"])
        if sheet.charts:
            item["charts"] = copy.deepcopy(sheet.charts)
        if sheet.banded_ranges:
            item["bandedRanges"] = [out_json.banded_range_out(b) for b in sheet.banded_ranges]
        sheet_meta = [copy.deepcopy(m) for m in ss.developer_metadata
                      if m["location"]["locationType"] == "SHEET"
                      and m["location"].get("sheetId") == sheet.id]
        if sheet_meta:
            item["developerMetadata"] = sheet_meta
        for key, dimension in (("rowGroups", "ROWS"), ("columnGroups", "COLUMNS")):
            groups = out_json.dimension_groups(sheet.group_depths(dimension),
                                               sheet.collapsed_groups, sheet.id, dimension)
            if groups:
                item[key] = groups
        return item

    def _grid_data(self, ss: Spreadsheet, target: Target) -> dict[str, Any]:
        r0, r1, c0, c1 = target.clipped()
        sheet = target.sheet
        rows = []
        for r in range(r0, r1):
            row = [cells.cell_json(sheet.cells[(r, c)], ss.locale)
                   if (r, c) in sheet.cells else {} for c in range(c0, c1)]
            while row and not row[-1]:
                row.pop()
            rows.append({"values": row} if row else {})
        while rows and not rows[-1]:
            rows.pop()
        row_meta = []
        for r in range(r0, r1):
            entry: dict[str, Any] = {"pixelSize": 21}
            metas = [copy.deepcopy(m) for m in ss.developer_metadata
                     if _dim_contains(m["location"], sheet.id, "ROWS", r)]
            if metas:
                entry["developerMetadata"] = metas
            row_meta.append(entry)
        col_meta = []
        for c in range(c0, c1):
            entry = {"pixelSize": 100}
            metas = [copy.deepcopy(m) for m in ss.developer_metadata
                     if _dim_contains(m["location"], sheet.id, "COLUMNS", c)]
            if metas:
                entry["developerMetadata"] = metas
            col_meta.append(entry)
        out: dict[str, Any] = {"rowMetadata": row_meta, "columnMetadata": col_meta}
        if r0:
            out["startRow"] = r0
        if c0:
            out["startColumn"] = c0
        if rows:
            out["rowData"] = rows
        return out


def _named_range(ss: Spreadsheet, text: str) -> dict[str, Any] | None:
    """The named range an A1 text names: ``Name`` or ``'Sheet'!Name`` (as Google reads it)."""
    if not ss.named_ranges:
        return None
    name = text.strip()
    if ss.sheet_by_title(name) is not None:
        return None
    if "!" in name:
        name = name.rpartition("!")[2]
    return next((nr for nr in ss.named_ranges if nr["name"].lower() == name.lower()), None)


def find_table(sheet: Sheet, target: Target) -> tuple[int, int, int, int] | None:
    """The table values.append appends to: the last filled cell of the range (by row, then
    column) and every filled cell around it up to empty rows and columns, as (start_row,
    end_row, start_col, end_col); None when the range holds no value.

    gspread's recorded real traffic fixes the choices Google's guide leaves open: in a sheet
    holding A1 and C1 (B1 empty) the whole sheet's table is C1, the range A1's table is A1, and
    an empty range gets no table even with values below it. Reports on gspread's tracker agree
    (#603, #828: a header with gaps appends under its last block; #689: a range U2:U whose
    table reaches column O appends from O)."""
    r0, r1, c0, c1 = target.clipped()
    filled = sorted(rc for rc, cell in sheet.cells.items() if not cells.cell_is_empty(cell))
    inside = [(r, c) for r, c in filled if r0 <= r < r1 and c0 <= c < c1]
    if not inside:
        return None
    row, col = inside[-1]
    top, bottom, left, right = row, row + 1, col, col + 1
    grown = True
    while grown:  # sweeps down then up until no filled cell touches the block (diagonals too)
        grown = False
        for r, c in filled + filled[::-1]:
            if top - 1 <= r <= bottom and left - 1 <= c <= right and \
                    not (top <= r < bottom and left <= c < right):
                top, bottom = min(top, r), max(bottom, r + 1)
                left, right = min(left, c), max(right, c + 1)
                grown = True
    return top, bottom, left, right


def _default_properties(title: str, owner: str | None = None) -> dict[str, Any]:
    """A new spreadsheet takes its time zone from its creator's account: a service account
    has none (Etc/GMT, as gspread's recorded traffic shows); people here are in Moscow."""
    zone = "Etc/GMT" if owner and is_service_account(owner) else "Europe/Moscow"
    return {"title": title, "locale": "en_US", "autoRecalc": "ON_CHANGE", "timeZone": zone,
            **new_spreadsheet_format()}


#: a cell as it was before a values request changed it: (sheet, (row, column), copy or None)
Undo = tuple[Sheet, tuple[int, int], "cells.Cell | None"]


def _note(undo: list[Undo], sheet: Sheet, key: tuple[int, int]) -> None:
    """Note a cell before a value is written to it or cleared (`cells.set_value` replaces the
    cell's own keys and, at most, the number format inside its format, so that is copied too)."""
    before = sheet.cells.get(key)
    if before is not None:
        before = dict(before)
        if "userEnteredFormat" in before:
            before["userEnteredFormat"] = dict(before["userEnteredFormat"])
    undo.append((sheet, key, before))


def _rows(stored: dict[tuple[int, int], cells.Cell], bounds: tuple[int, int, int, int], render: str,
          locale: str, date_render: str) -> list[list[Any]]:
    """The rows of a block as `_trim` leaves them, rendering only the cells that exist (a tab's
    grid is mostly empty: its unused rows and columns are never looked at)."""
    r0, r1, c0, c1 = bounds
    found: dict[int, dict[int, Any]] = {}
    if len(stored) < (r1 - r0) * (c1 - c0):
        inside: Any = ((key, cell) for key, cell in stored.items()
                       if r0 <= key[0] < r1 and c0 <= key[1] < c1)
    else:
        inside = (((r, c), stored[(r, c)]) for r in range(r0, r1) for c in range(c0, c1) if (r, c) in stored)
    formatted = render == "FORMATTED_VALUE"
    for (r, c), cell in inside:
        if "userEnteredValue" not in cell:  # an empty cell (a format, a validation): nothing
            continue
        shown = cell.get("effectiveValue")
        if formatted and shown is not None and "stringValue" in shown:  # what render gives, sooner
            value = shown["stringValue"]
        else:
            value = cells.render(cell, render, locale, date_render)
        if value is not None:
            row = found.get(r)
            if row is None:
                row = found[r] = {}
            row[c] = value
    out: list[list[Any]] = []
    for r in range(r0, max(found, default=r0 - 1) + 1):
        row = found.get(r)
        line: list[Any] = [""] * (max(row) - c0 + 1) if row else []
        for c, value in (row or {}).items():
            line[c - c0] = value
        out.append(line)
    return out


def _trim(grid: list[list[Any]]) -> list[list[Any]]:
    out = []
    for row in grid:
        while row and row[-1] is None:
            row.pop()
        out.append(["" if v is None else v for v in row])
    while out and not out[-1]:
        out.pop()
    return out


def _dim_contains(loc: dict[str, Any], sheet_id: int, dimension: str, index: int) -> bool:
    dr = loc.get("dimensionRange")
    return bool(dr) and dr.get("sheetId") == sheet_id and dr.get("dimension") == dimension \
        and dr.get("startIndex", 0) <= index < dr.get("endIndex", 10**9)


def _location_matches(loc: dict[str, Any], want: dict[str, Any], intersect: bool) -> bool:
    if want.get("spreadsheet"):
        return loc["locationType"] == "SPREADSHEET"
    if "sheetId" in want:
        return loc["locationType"] == "SHEET" and loc.get("sheetId") == want["sheetId"]
    if "dimensionRange" in want:
        a, b = loc.get("dimensionRange"), want["dimensionRange"]
        if not a or a.get("sheetId") != b.get("sheetId") or \
                a.get("dimension") != b.get("dimension"):
            return False
        a0, a1 = a.get("startIndex", 0), a.get("endIndex", 10**9)
        b0, b1 = b.get("startIndex", 0), b.get("endIndex", 10**9)
        return (a0 < b1 and b0 < a1) if intersect else (a0, a1) == (b0, b1)
    return False


def _grid_intersects(loc: dict[str, Any], grid: dict[str, Any]) -> bool:
    sheet_id = grid.get("sheetId", 0)
    if loc["locationType"] == "SHEET":
        return loc.get("sheetId") == sheet_id
    dr = loc.get("dimensionRange")
    if not dr or dr.get("sheetId") != sheet_id:
        return False
    if dr["dimension"] == "ROWS":
        g0, g1 = grid.get("startRowIndex", 0), grid.get("endRowIndex", 10**9)
    else:
        g0, g1 = grid.get("startColumnIndex", 0), grid.get("endColumnIndex", 10**9)
    return dr.get("startIndex", 0) < g1 and g0 < dr.get("endIndex", 10**9)


__all__ = ["Sheet", "Spreadsheet", "SheetsModel", "Target", "quote_title"]
