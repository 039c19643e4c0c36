"""`Workspace.write_summary` on the local workbook: the tab rewritten whole, with an Excel chart.

The tab is found by its title (as every tab is) or created after ``sheet.after``; its cells and
charts are replaced, numbers are stored as numbers, and the workbook is saved atomically like
every other write (`LocalWorkspace.save`). openpyxl keeps charts when a workbook is loaded and
saved again, so the chart survives the other jobs' writes.
"""
from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font

from sheets_schema.grid import column_letter, normalise_header
from sync.local.workbook import LocalWorkspace, set_text
from sync.workspace import SummaryChart, SummarySheet


def write_summary(workspace: LocalWorkspace, sheet: SummarySheet) -> None:
    """Replace (or create) the tab `sheet.title` with `sheet` and save the workbook once."""
    wb = workspace._load_fresh()
    try:
        tabs = {normalise_header(ws.title): ws for ws in wb.worksheets}
        ws = tabs.get(normalise_header(sheet.title))
        if ws is None:
            after = tabs.get(normalise_header(sheet.after))
            index = wb.worksheets.index(after) + 1 if after is not None else len(wb.worksheets)
            ws = wb.create_sheet(sheet.title, index)
        else:
            ws.delete_rows(1, ws.max_row)
            ws._charts.clear()
        for r, values in enumerate(sheet.rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is None or value == "":
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(value, str):
                    set_text(cell, value)
                else:
                    cell.value = value
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if r - 1 in sheet.bold:
                    cell.font = Font(bold=True)
        for i, width in enumerate(sheet.widths):
            ws.column_dimensions[column_letter(i)].width = width
        if sheet.chart is not None:
            ws.add_chart(_chart(ws, sheet.chart), f"{column_letter(sheet.chart.anchor_col)}{sheet.chart.anchor_row + 1}")
        workspace.save(wb)
    finally:
        workspace.discard_write()


def _chart(ws, spec: SummaryChart) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.title = spec.title
    chart.legend = None
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 10
    chart.y_axis.title = spec.series
    chart.width, chart.height = 18, 9
    first, last = spec.first_row + 1, spec.first_row + spec.rows
    data = Reference(ws, min_col=spec.value_col + 1, min_row=first, max_row=last)
    labels = Reference(ws, min_col=spec.label_col + 1, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=False)
    chart.set_categories(labels)
    chart.series[0].tx = SeriesLabel(v=spec.series)
    return chart
