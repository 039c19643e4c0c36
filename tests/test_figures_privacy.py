"""Figures that do not give away a person (`jobs.disclosure`): the threshold, the differencing
attack by enumeration, answers of people without consent, the report's pairs and the setting."""
from __future__ import annotations

import functools
from itertools import product

import pytest
from hypothesis import given, settings, strategies as st

from jobs.config import ConfigError, check
from jobs.disclosure import BANDS, MIN_ANSWERS, Band, band_index, released
from jobs.report import pair_rows, question_rows
from tests.builders import edited
from tests.test_indicators import figures
from tests.test_monitor_data import MONITORING as RESPONSES

SCALE = range(1, 11)


def answers(values):
    """Responses of one question, as `released` takes them."""
    return [[v] for v in values]


def canonical(total: int, count: int) -> list[int]:
    """`count` answers on the 1–10 scale that add up to `total` (as even as they come)."""
    base, extra = divmod(total, count)
    return [base + 1] * extra + [base] * (count - extra)


# --- the threshold ----------------------------------------------------------------------------
@pytest.mark.parametrize("count, min_answers, shown", [
    (4, 5, False), (5, 5, True), (2, 3, False), (3, 3, True), (9, 10, False), (0, 5, False)])
def test_a_figure_needs_min_answers(count, min_answers, shown):
    band = released(answers([8] * count), min_answers)
    assert (band is not None) == shown
    if shown:
        assert band == Band(7, 9, count)


@pytest.mark.parametrize("values, expected", [
    ([1, 1, 1, 1, 1], "1–3"), ([3, 3, 3, 3, 2], "1–3"), ([3, 3, 3, 3, 3], "3–5"), ([7, 7, 7, 7, 6], "5–7"),
    ([9, 9, 9, 9, 9], "9–10"), ([10, 10, 10, 10, 4], "7–9"), ([10, 10, 10, 10, 5], "9–10"),
])
def test_the_band_of_the_mean(values, expected):
    assert released(answers(values)).text == expected


def test_a_figure_comes_from_whole_blocks_of_answers_in_the_order_of_the_tab():
    # the first five are 10s; the two after them (1s) wait for three more answers
    assert released(answers([10] * 5 + [1, 1])) == Band(9, 10, 5)
    assert released(answers([10] * 5 + [1] * 5)) == Band(5, 7, 10)  # mean 5,5
    assert released([[10], [], [10], [10], [10], [10]]) == Band(9, 10, 5)  # an empty response is no answer


def test_the_bands_cover_the_scale_without_gaps():
    assert BANDS[0][0] == 1 and BANDS[-1][1] == 10
    assert all(a[1] == b[0] for a, b in zip(BANDS, BANDS[1:]))
    assert [band_index(10 * v, 10) for v in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


# --- the differencing attack ------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.integers(3, 10), st.lists(st.integers(1, 10), max_size=60), st.data())
def test_a_figure_depends_only_on_the_count_and_the_sum_of_the_answers_it_uses(b, values, data):
    """What the enumeration below relies on: any two tabs with as many answers, whose answers
    the figure uses add up alike, publish the same — so enumerating sums enumerates every tab."""
    used = len(values) // b * b
    other = canonical(sum(values[:used]), used) if used else []
    other += data.draw(st.lists(st.integers(1, 10), min_size=len(values) - used, max_size=len(values) - used))
    assert released(answers(values), b) == released(answers(other), b)


@functools.lru_cache(maxsize=None)
def consistent_answers(b: int, n: int) -> dict[tuple, frozenset[int]]:
    """For a tab of `n` answers to which one answer x is added: for every pair of publications
    (before, after) that can happen, every x in 1–10 that leads to it — over every tab of `n`
    answers: every sum of the answers the figure uses, and of the rest every sum when x completes
    a block (the rest is then used), else its least, middle and greatest sums."""
    used = n // b * b
    rest = n - used
    sums = range(rest, 10 * rest + 1) if (n + 1) % b == 0 else sorted({rest, 5 * rest, 10 * rest})
    seen: dict[tuple, set[int]] = {}
    for first, others in product(range(used, 10 * used + 1), sums):
        tab = (canonical(first, used) if used else []) + (canonical(others, rest) if rest else [])
        before = released(answers(tab), b)
        for x in SCALE:
            seen.setdefault((before, released(answers(tab + [x]), b)), set()).add(x)
    return {k: frozenset(v) for k, v in seen.items()}


@pytest.mark.parametrize("b", [3, MIN_ANSWERS])
def test_one_answer_added_between_two_publications_cannot_be_told(b):
    """Every n from the threshold up to 40 (and the tab of b−1 answers, which publishes nothing):
    whatever the tab held, the two publications leave at least b values of the new answer
    possible, spread over at least b−1 points — with 5, not even ±1 point can be told."""
    for n in range(b - 1, 41):
        for (before, after), possible in consistent_answers(b, n).items():
            where = f"min_answers={b}, n={n}, before={before}, after={after}: x ∈ {sorted(possible)}"
            assert len(possible) >= b, where
            assert max(possible) - min(possible) >= b - 1, where
            if (n + 1) % b:
                assert possible == set(SCALE) and before == after, where


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 10), min_size=MIN_ANSWERS - 1, max_size=40), st.integers(1, 10))
def test_the_classic_attack_recovers_nothing(values, x):
    """x = (n+1)·a' − n·a on the published figures: the new answer is never what comes out
    unless it could as well be another."""
    before, after = released(answers(values)), released(answers(values + [x]))
    alternatives = {y for y in SCALE if released(answers(values + [y])) == after}
    if before == after:
        assert len(values + [x]) % MIN_ANSWERS or alternatives != {x}
    assert len(consistent_answers(MIN_ANSWERS, len(values))[(before, after)]) >= MIN_ANSWERS


# --- consent ----------------------------------------------------------------------------------
def test_an_answer_of_a_person_without_consent_changes_nothing():
    base = figures()
    mentees = [dict(r) for r in base_rows()["mentees"]]
    i = next(k for k, r in enumerate(mentees) if r["email"] == "smirnov.ai@school26.example")
    no_consent = edited(mentees, i, pd_consent="")
    without = figures(mentees=no_consent)
    only_others = figures(mentees=no_consent, monitoring=RESPONSES[:2])
    assert without.responses == only_others.responses == 2 and base.responses == 3
    assert without.per_question == only_others.per_question
    assert without.scores.equals(only_others.scores)
    assert "П-2" not in set(without.scores["pair_id"])
    assert without.difficulties_declared == only_others.difficulties_declared == 2  # Иванова's two


def test_an_answer_from_an_address_the_banks_do_not_know_is_not_counted():
    stranger = edited(RESPONSES, 2, email="stranger@example.org")
    assert figures(monitoring=stranger).responses == 2


def base_rows():
    from tests.test_monitor_data import programme_rows

    return programme_rows()


# --- the report's pairs -----------------------------------------------------------------------
def many(pair_id: str, count: int, satisfaction: str = "8") -> list[dict[str, str]]:
    row = dict(RESPONSES[0], pair_id=pair_id, satisfaction=satisfaction)
    return [dict(row) for _ in range(count)]


def test_a_pair_shows_figures_only_from_min_answers_of_its_responses():
    ind = figures(monitoring=many("П-1", 5, "10") + many("П-2", 4, "2"))
    rows = {r["pair_id"]: r for r in pair_rows(ind)}
    assert rows["П-1"] == {"pair_id": "П-1", "status": "закреплена приказом", "responses": "5",
                           "satisfaction": "9–10", "all_questions": "7–9"}
    assert rows["П-2"]["responses"] == "4"
    assert rows["П-2"]["satisfaction"] == rows["П-2"]["all_questions"] == "мало ответов"
    questions = {r["name"]: r for r in question_rows(ind)}
    # nine answers: the figure is made from the first five (all 10) until the tenth comes
    assert questions["Общая удовлетворённость"] == {"no": "5", "name": "Общая удовлетворённость",
                                                    "average": "9–10", "answers": "9"}


# --- the setting ------------------------------------------------------------------------------
def config(**privacy):
    raw = {"school": {"name": "Ш", "head": "Д", "coordinator": "К"}}
    if privacy:
        raw["privacy"] = privacy
    return check(raw, __import__("pathlib").Path("nastavnik.toml"))


def test_min_answers_defaults_to_5_and_is_never_below_3():
    assert config()["privacy"]["min_answers"] == 5
    assert config(min_answers=3)["privacy"]["min_answers"] == 3
    with pytest.raises(ConfigError) as error:
        config(min_answers=2)
    assert str(error.value) == (
        "nastavnik.toml: «privacy.min_answers» = 2 — средняя оценка из меньше чем 3 ответов выдаёт ответ "
        "конкретного человека; укажите число не меньше 3 (по умолчанию 5)")


@pytest.mark.parametrize("command", ["publish", "report"])
def test_a_config_below_3_stops_publish_and_report_with_exit_2(tmp_path, command):
    from click.testing import CliRunner

    from jobs.cli import State, cli
    from jobs.cli.cmd_publish import publish, report

    made = CliRunner().invoke(cli, ["init", str(tmp_path / "w")], catch_exceptions=False)
    assert made.exit_code == 0, made.output
    path = tmp_path / "w" / "nastavnik.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[privacy]\nmin_answers = 2\n", encoding="utf-8")

    result = CliRunner().invoke({"publish": publish, "report": report}[command], [], obj=State(str(path)),
                                catch_exceptions=False)

    assert result.exit_code == 2
    assert result.output.strip() == (
        "Ошибка: nastavnik.toml: «privacy.min_answers» = 2 — средняя оценка из меньше чем 3 ответов выдаёт "
        "ответ конкретного человека; укажите число не меньше 3 (по умолчанию 5)")
    assert not (tmp_path / "w" / "site").exists()


def test_on_the_page_and_in_the_report_an_answer_without_consent_changes_nothing(backend, tmp_path):
    """Smirnov has no consent: the page's and the report's figures are the same whether or not
    his answers (a 1 everywhere) are on «Мониторинг»."""
    from jobs import publish as page
    from jobs import report
    from tests.test_monitor_data import programme_rows
    from tests.workspaces import NOW

    rows = programme_rows()
    mentees = [dict(r, pd_consent="") if r["email"] == "smirnov.ai@school26.example" else r for r in rows["mentees"]]
    theirs = [r for r in rows["monitoring"] if r["email"] != "smirnov.ai@school26.example"] * 3
    his = dict(RESPONSES[2], **{q: "1" for q in ("comfort", "usefulness", "clarity", "expectations",
                                                   "satisfaction", "continue_wish")})
    result = page.publish(backend.make(dict(rows, mentees=mentees, monitoring=theirs + [his] * 4)), tmp_path, now=NOW)
    without = figures(mentees=mentees, monitoring=theirs, roadmap=rows["roadmap"])

    assert page.figure_rows(result.indicators) == page.figure_rows(without)
    for made in (report.figure_rows, report.question_rows, report.pair_rows, report.chart_image):
        assert made(result.indicators) == made(without)
    [line] = [line for line in result.md_path.read_text(encoding="utf-8").splitlines()
              if line.startswith("| Средняя общая удовлетворённость")]
    assert line.endswith("| 9–10 |")  # 9, 10, 9, 10, 9 — no 1
