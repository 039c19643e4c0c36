"""Everything a school employee reads, in Russian: the texts, one module per feature.

``from sheets_schema import ru`` and ``ru.TEXT[...]``, ``ru.DOCTOR[...]``, ``ru.FORMS``… are the
way in: this package assembles the feature modules (``ru.matching``, ``ru.doctor``…) and
re-exports the choice lists of `sheets_schema.vocabulary`. Code refers to a text by its English
key and formats it with named placeholders.

Translating the product is NOT done by swapping this package: the Russian words are also
data. The choice lists (`sheets_schema.vocabulary`) are the values people pick in the
workbook and in the forms and that code compares against; tab titles and column headers
(`ru.workspace`) are how a workspace is found and read; the default programme templates
(`sheets_schema.templates`) and the roadmap (`sheets_schema.roadmap`) are Russian content of a
new workspace. A translation would change all of those together, and existing workspaces would
need their headers and list values renamed by `upgrade-workspace` — today the product is
Russian only.
"""

from sheets_schema.vocabulary import (  # noqa: F401  (re-exported: ru.FORMS, ru.LISTS…)
    ALIASES, CATEGORIES, DAYS, DIFFICULTIES, FORMS, LEVELS, LISTS, NO, PAIR_STATUSES, PROPOSAL_STATUSES,
    ROADMAP_STATUSES, ROLES, STATUS_ERROR, STATUS_NO_CONSENT, STATUS_OK, SUBJECTS, YES, YES_NO,
)
from sheets_schema.ru.approval import APPROVAL  # noqa: F401
from sheets_schema.ru.config import CONFIG  # noqa: F401
from sheets_schema.ru.diary import DIARY, KOPILKA, STAGE6  # noqa: F401
from sheets_schema.ru.doctor import DOCTOR  # noqa: F401
from sheets_schema.ru.documents import DOCUMENTS  # noqa: F401
from sheets_schema.ru.files import FILES  # noqa: F401
from sheets_schema.ru.evaluation import EVALUATION  # noqa: F401
from sheets_schema.ru.forms import FORMS_PUBLISH  # noqa: F401
from sheets_schema.ru.google import GOOGLE  # noqa: F401
from sheets_schema.ru.lease import LEASE  # noqa: F401
from sheets_schema.ru.matching import MATCHING  # noqa: F401
from sheets_schema.ru.mentor_report import MENTOR_REPORT  # noqa: F401  (issue 19: the mentor's final report)
from sheets_schema.ru.monitor import MONITOR  # noqa: F401
from sheets_schema.ru.network import NETWORK  # noqa: F401  (issue 20: network mentoring across schools)
from sheets_schema.ru.municipal_report import MUNICIPAL_CHARTS, MUNICIPAL_REPORT  # noqa: F401  (issue 20)
from sheets_schema.ru.programme import PROGRAMME_TEXTS  # noqa: F401
from sheets_schema.ru.plan import PLAN_TEXTS  # noqa: F401  (issue 19: the plan ticked off)
from sheets_schema.ru.publish import DISCLOSURE, PRIVATE_MARKERS, PUBLISH  # noqa: F401
from sheets_schema.ru.questionnaires import EXPORT_HEADERS, INGEST, OLD_QUESTIONS, QUESTIONNAIRES  # noqa: F401
from sheets_schema.ru.report import REPORT  # noqa: F401
from sheets_schema.ru.roadmap import ROADMAP_TEXTS  # noqa: F401
from sheets_schema.ru.training import CERTIFICATES, TRAINING  # noqa: F401
from sheets_schema.ru.upgrade import UPGRADE  # noqa: F401
from sheets_schema.ru.validation import FIXES, MESSAGES  # noqa: F401
from sheets_schema.ru.workspace import HEADERS, JOBS, LIST_TITLES, OLD_HEADERS, TABS  # noqa: F401
from sheets_schema.ru import init, privacy, restore, run, workbook
from sheets_schema.ru.municipal import MUNICIPAL, MUNICIPAL_JOURNAL_HEADERS, MUNICIPAL_SUMMARY_HEADERS  # noqa: F401  (issue 20: the municipality)

# TEXT: the messages several commands share, gathered from their features (no key in two of them).
TEXT = {**workbook.TEXT, **run.TEXT, **init.TEXT, **restore.TEXT, **privacy.TEXT}
