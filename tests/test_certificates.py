"""`orders --certificates` (issue 19, recognition) on every backend: one «Благодарность наставнику»
per mentor and school year for the pairs «завершена», the mentor named by case, the link on «Пары»,
nothing made twice, a mentor without the personal-data consent held back unnamed."""
from __future__ import annotations

from jobs.certificates import certificate_key, certificates
from jobs.documents.settings import DocumentSettings
from sheets_schema import ru
from tests.test_orders import SCHOOL, documents, mentee, mentor, pair, rows_for, text_of
from tests.workspaces import NOW

PAIRS = "Пары"
LINK = ru.HEADERS["certificate"]
FINISHED = "завершена"


def school_rows(consent_for_first: str = ""):
    rows = rows_for(3, mentors=[mentor(0, pd_consent=consent_for_first), mentor(1), mentor(2)])
    rows["mentees"].append(mentee(3))
    rows["pairs"] = [pair(0, status=FINISHED), pair(1, status=FINISHED), pair(2, status="закреплена приказом"),
                     pair(3, mentor_email="mentor1@school.example", mentor_name="Кузнецова Ольга Ивановна",
                          status=FINISHED, form="групповая", start="01.10.2026", end="30.06.2027")]
    return rows


def run(backend, **kwargs):
    return certificates(backend.workspace, SCHOOL, DocumentSettings(), now=NOW, **kwargs)


def test_one_certificate_per_mentor_with_the_name_by_case_and_the_link_on_every_pair(backend):
    backend.make(school_rows())

    result = run(backend)

    made = documents(backend, "certificate")
    assert len(made) == 1 and [d.key for d in result.made] == [certificate_key("2026/2027", "mentor1@school.example")]
    text = text_of(backend, made[0])
    assert "БЛАГОДАРНОСТЬ" in text
    assert text[text.index("награждается") + 1] == "Кузнецова Ольга Ивановна"
    thanks = next(line for line in text if line.startswith("Администрация"))
    assert "выражает благодарность Кузнецовой Ольге Ивановне за успешную реализацию" in thanks
    assert "в 2026/2027 учебном году" in thanks
    assert "P001" in text and "P003" in text and "01.10.2026 – 30.06.2027" in text
    assert "P000" not in text and "P002" not in text
    links = backend.column(PAIRS, LINK)
    assert links[3] == links[5] == made[0].link  # P001 and P003 (sheet rows 3 and 5)
    assert links[2] == links[4] == ""
    assert result.lines()[0] == "Благодарности: оформлено 1, уже были 0, отложено 1"


def test_a_mentor_without_consent_is_held_back_unnamed_and_thanked_once_it_is_given(backend):
    backend.make(school_rows())

    first = run(backend)

    held = ("Благодарность наставнику из строки 2 листа «Наставники» не оформлена: нет согласия на обработку "
            "персональных данных — внесите дату согласия в столбец «Согласие на обработку ПДн (дата)»")
    assert held in first.lines()
    assert not any("Смирнова" in line for line in first.lines())
    assert first.counts().no_consent == 1

    backend.set_cells("Наставники", {(2, "Согласие на обработку ПДн (дата)"): "01.09.2026"})
    second = run(backend)

    assert len(second.made) == 1 and len(second.existing) == 1  # Кузнецова's is found, not made again
    assert len(documents(backend, "certificate")) == 2
    assert backend.column(PAIRS, LINK)[2] == second.made[0].link


def test_a_rerun_makes_nothing_twice_and_a_dry_run_nothing_at_all(backend):
    backend.make(school_rows(consent_for_first="01.09.2026"))

    dry = run(backend, dry_run=True)
    assert documents(backend, "certificate") == [] and set(backend.column(PAIRS, LINK).values()) == {""}
    assert "Будет оформлена благодарность: Кузнецова О. И. (2026/2027)" in dry.lines()

    first = run(backend)
    links = backend.column(PAIRS, LINK)
    again = run(backend)

    assert len(first.made) == 2 and again.made == [] and len(again.existing) == 2
    assert len(documents(backend, "certificate")) == 2
    assert backend.column(PAIRS, LINK) == links


def test_no_completed_pair_no_certificate(backend):
    backend.make(rows_for(2))

    result = run(backend)

    assert result.lines()[0] == "Пар со статусом «завершена» нет — благодарности не оформлялись"
    assert documents(backend, "certificate") == []


def test_cli_flag_makes_the_certificates_and_a_rerun_none(tmp_path):
    from click.testing import CliRunner

    from jobs.config import render_local_config
    from sync.local import create_local_workspace
    from tests.test_orders_cli import root

    create_local_workspace(tmp_path / "w", school_rows(consent_for_first="01.09.2026"), render_local_config(SCHOOL))
    config = str(tmp_path / "w" / "nastavnik.toml")
    runner = CliRunner()

    done = runner.invoke(root, ["--config", config, "orders", "--certificates"])
    again = runner.invoke(root, ["--config", config, "orders", "--certificates"])
    both = runner.invoke(root, ["--config", config, "orders", "--certificates", "--implementation"])

    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[0] == "Благодарности: оформлено 2, уже были 0, отложено 0"
    assert "Благодарность Кузнецова О. И. (2026/2027): documents/" in done.output
    assert again.exit_code == 0 and again.output.splitlines()[0] == "Благодарности: оформлено 0, уже были 2, отложено 0"
    assert both.exit_code == 2 and "--implementation и --certificates — разные запуски" in both.output
