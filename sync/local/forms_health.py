"""``doctor``'s and ``upgrade-workspace``'s questionnaire lines on the local backend.

Locally a questionnaire is a readable document, ``forms/<анкета>.md``, that `init` writes for
every questionnaire (`sync.local.forms.create_questionnaires`); exports of any questionnaire are
read whether or not its document is there. A workspace made by an older version lacks the
documents of questionnaires added since (issue 19: «Итоговый отчёт наставника»): one failing line
per missing document, so `upgrade-workspace` writes them (`jobs.upgrade.unready_questionnaires`)
and `doctor` says how. A workspace whose ``forms/`` holds no document at all (made without
`init`) gets no line — there is nothing a newer version added to it. No I/O beyond ``stat``.
"""
from __future__ import annotations

from typing import Mapping

from sheets_schema import ru
from sheets_schema.questionnaires import QUESTIONNAIRES, FormLink
from sync.local.forms import FOLDER
from sync.workspace import Check


def questionnaire_checks(workspace, links: Mapping[str, FormLink]) -> list[Check]:
    """A failing line for each questionnaire whose document is missing beside others that exist."""
    folder = workspace.directory / FOLDER
    paths = [(form, folder / f"{form.file_name}.md") for form in QUESTIONNAIRES]
    if not any(path.exists() for _, path in paths):
        return []
    t = ru.INGEST
    return [Check(t["doctor_document"].format(form=form.title, path=f"{FOLDER}/{path.name}"), False,
                  t["doctor_document_missing"], t["doctor_document_fix"])
            for form, path in paths if not path.exists()]
