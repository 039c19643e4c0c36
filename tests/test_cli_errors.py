"""The one mapping of the exception hierarchy to exit codes and «Журнал» outcomes (`jobs.cli.errors`)."""
from __future__ import annotations

import errno

import pytest

from sheets_schema.grid import StructureProblem
from sync.file_errors import FileAccessError, describe
from sync.workspace import StructureError, TemplateError, WorkspaceError, WorkspaceLocked
from jobs.cli.errors import Failure, errors_of, failure_of, guard, outcome_for
from jobs.config import ConfigError
from jobs.documents.settings import DocumentSettingsError
from jobs.publish import PublishError
from jobs.run_record import exit_code_for

MISSING_COLUMN = [StructureProblem("Пары", "Лист «Пары»: нет обязательного столбца «ID пары».")]

# (exception, exit code, «Журнал» outcome): every exit 2 is «ошибка настроек» («config»), a
# PublishError and a DocumentSettingsError too (their rows said «сбой» before).
CASES = [
    (StructureError(MISSING_COLUMN), 1, "structure"),
    (TemplateError(["Шаблон «Приказ»: неизвестная подстановка {{ фио }}."]), 1, "structure"),
    (ConfigError("В [matching] нет ключа weights."), 2, "config"),
    (DocumentSettingsError("[documents] order_date: «31.02» — не дата."), 2, "config"),
    (PublishError("ФИО без согласия на распространение не публикуются."), 2, "config"),
    (WorkspaceError("Таблица недоступна."), 3, "failed"),
    (WorkspaceLocked("Книга открыта в Excel."), 3, "refused"),
    (FileAccessError("Нет доступа к папке /var/lib/nastavnik.", "/var/lib/nastavnik", errno.EACCES), 3, "failed"),
]


@pytest.mark.parametrize("exc, code, outcome", CASES, ids=[type(c[0]).__name__ for c in CASES])
def test_a_domain_exception_exits_with_its_class_code_and_its_message(exc, code, outcome):
    def job():
        raise exc

    with pytest.raises(Failure) as raised:
        guard(job)
    assert raised.value.exit_code == code
    assert raised.value.format_message() == str(exc)
    assert raised.value.__cause__ is exc
    assert exit_code_for(exc) == code  # what a nightly step that raised it exits with
    assert outcome_for(exc) == outcome


def test_a_stray_file_error_is_exit_3_with_the_path_the_user_and_the_fix():
    exc = PermissionError(errno.EACCES, "Permission denied", "/var/lib/nastavnik/last-run.json")
    failure = failure_of(exc)
    assert failure.exit_code == 3
    assert failure.format_message() == describe(exc)
    assert "/var/lib/nastavnik/last-run.json" in failure.format_message()
    assert outcome_for(exc) == "failed"


def test_a_structure_error_gives_one_journal_reason_per_problem():
    two = MISSING_COLUMN + [StructureProblem("Наставники", "Нет листа «Наставники».")]
    assert errors_of(StructureError(two)) == [p.message for p in two]
    assert errors_of(WorkspaceError("Таблица недоступна.")) == ["Таблица недоступна."]


def test_a_bug_is_not_turned_into_a_failure():
    def job():
        raise KeyError("bug")

    with pytest.raises(KeyError):
        guard(job)
    assert exit_code_for(KeyError("bug")) == 3
