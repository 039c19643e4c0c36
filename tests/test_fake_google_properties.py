"""Properties of the fake's pure parts: A1 ranges round-trip, Docs indices stay contiguous."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fake_google.a1 import format_range, parse_a1
from tests.fake_google.models.docs import Document, to_units

titles = st.text(alphabet="АБВабвxyz Z'!1_", min_size=1, max_size=8).filter(
    lambda t: t.strip() == t)


@settings(max_examples=60)
@given(title=titles, r0=st.integers(0, 2000), rows=st.integers(1, 50), c0=st.integers(0, 800),
       cols=st.integers(1, 30))
def test_a1_ranges_round_trip(title, r0, rows, c0, cols):
    text = format_range(title, r0, r0 + rows, c0, c0 + cols)
    parsed = parse_a1(text, [title])
    assert parsed.sheet_title == title
    b = parsed.bounds
    assert (b.start_row, b.end_row, b.start_col, b.end_col) == (r0, r0 + rows, c0, c0 + cols)


def _check_contiguous(content, start=0):
    expected = start
    for element in content:
        assert element.get("startIndex", 0) == expected
        if "paragraph" in element:
            runs = element["paragraph"]["elements"]
            assert runs[0]["startIndex"] == element["startIndex"]
            for run in runs:
                size = len(run.get("textRun", {}).get("content", "x").encode("utf-16-le")) // 2
                assert run["endIndex"] - run["startIndex"] == size
        if "table" in element:
            inner = element["startIndex"] + 1
            for row in element["table"]["tableRows"]:
                assert row["startIndex"] == inner
                cell_start = inner + 1
                for cell in row["tableCells"]:
                    assert cell["startIndex"] == cell_start
                    cell_start = _check_contiguous(cell["content"], cell_start + 1)
                    assert cell["endIndex"] == cell_start
                assert row["endIndex"] == cell_start
                inner = cell_start
            assert element["endIndex"] == inner + 1
        expected = element["endIndex"]
    return expected


operations = st.lists(st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.text(alphabet="аб c\n😀", min_size=1,
                                                                max_size=5)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 4)),
    st.tuples(st.just("table"), st.integers(0, 10**6), st.integers(1, 2))), max_size=12)


@settings(max_examples=60, deadline=None)
@given(ops=operations)
def test_docs_edits_keep_indices_contiguous_and_text_consistent(ops):
    from tests.fake_google.errors import InvalidArgument

    doc = Document("d", "t")
    for kind, position, arg in ops:
        index = 1 + position % (doc.end_index - 1)
        before = list(doc.units)
        try:
            if kind == "insert":
                doc.insert_text(index, arg, "op")
                assert doc.units == before[:index - 1] + to_units(arg) + before[index - 1:]
            elif kind == "delete":
                doc.delete_range(index, index + arg, "op")
                assert doc.units == before[:index - 1] + before[index - 1 + arg:]
            else:
                doc.insert_table(index, arg, arg, "op")
        except InvalidArgument:
            assert doc.units == before
        content = doc.content()
        assert _check_contiguous(content) == doc.end_index
