"""The choice lists of a workspace: the values of its dropdowns, questionnaire choices and statuses.

These lists are vocabulary, not messages: a value here is data that people choose in a cell
and that code compares against. Code never takes a value by its position in a list; every value
code relies on has a named constant below (``FORM_GROUP``, ``PAIR_STATUS_ORDERED``…), and every
size (bit masks in matching, the «Списки» tab, dropdown ranges) is derived from the lists, so a
value can be added to any list without touching code.

Items never contain a comma: Google Forms joins checkbox answers with ", ".
"""
from __future__ import annotations

# --- values code relies on ------------------------------------------------------------------
FORM_ONE_TO_ONE = "традиционная (один на один)"  # a pair's form when neither side names one
FORM_GROUP = "групповая"  # the form of a group
FORM_VIRTUAL = "виртуальная"

CATEGORY_NONE = "без категории"
CATEGORY_COMPLIANCE = "соответствие занимаемой должности"
CATEGORY_FIRST = "первая"  # half the category weight in matching
CATEGORY_HIGHEST = "высшая"  # full weight (with the two below)
CATEGORY_METHODIST = "педагог-методист"
CATEGORY_MENTOR = "педагог-наставник"

LEVEL_PRIMARY = "начальное общее"

ANSWER_YES = "да"
ANSWER_NO = "нет"

ROLE_MENTOR = "наставник"
ROLE_MENTEE = "наставляемый"

PROPOSAL_STATUS_PROPOSED = "предложено"
PROPOSAL_STATUS_APPROVED = "утверждено"
PROPOSAL_STATUS_REJECTED = "отклонено"
PROPOSAL_STATUS_NO_PAIR = "нет пары"

PAIR_STATUS_APPROVED = "утверждена"
PAIR_STATUS_ORDERED = "закреплена приказом"
PAIR_STATUS_FINISHED = "завершена"
PAIR_STATUS_STOPPED = "прекращена"

ROADMAP_STATUS_PLANNED = "запланировано"
ROADMAP_STATUS_IN_PROGRESS = "в работе"
ROADMAP_STATUS_DONE = "выполнено"
ROADMAP_STATUS_OVERDUE = "просрочено"

# Issue 19 — the marks staff put on a row of «План мероприятий» (jobs/plan_progress.py)
PLAN_MARK_DONE = "выполнено"
PLAN_MARK_POSTPONED = "перенесено"
PLAN_MARK_NOT_DONE = "не выполнено"

DIFFICULTY_PROGRAMMES = "рабочие программы и ФГОС/ФОП"
DIFFICULTY_LESSON = "современный урок"
DIFFICULTY_ASSESSMENT = "оценивание образовательных результатов"
DIFFICULTY_DISCIPLINE = "дисциплина и классное руководство"
DIFFICULTY_PARENTS = "работа с родителями"
DIFFICULTY_INCLUSION = "обучающиеся с ОВЗ / инклюзия"
DIFFICULTY_DIGITAL = "ИКТ и цифровая образовательная среда"
DIFFICULTY_EXAMS = "подготовка к ОГЭ/ЕГЭ и олимпиадам"
DIFFICULTY_ATTESTATION = "аттестация"
DIFFICULTY_PAPERWORK = "документация"
DIFFICULTY_BURNOUT = "профессиональное выгорание"

# --- the lists ------------------------------------------------------------------------------
DIFFICULTIES = [
    DIFFICULTY_PROGRAMMES,
    DIFFICULTY_LESSON,
    DIFFICULTY_ASSESSMENT,
    DIFFICULTY_DISCIPLINE,
    DIFFICULTY_PARENTS,
    DIFFICULTY_INCLUSION,
    DIFFICULTY_DIGITAL,
    DIFFICULTY_EXAMS,
    DIFFICULTY_ATTESTATION,
    DIFFICULTY_PAPERWORK,
    DIFFICULTY_BURNOUT,
]

SUBJECTS = [
    "начальные классы",
    "русский язык и литература",
    "математика",
    "информатика",
    "физика",
    "химия",
    "биология",
    "география",
    "история и обществознание",
    "английский язык",
    "немецкий язык",
    "физическая культура",
    "ОБЗР",
    "музыка",
    "изобразительное искусство",
    "труд (технология)",
    "педагог-психолог",
    "социальный педагог",
    "педагог дополнительного образования",
]

LEVELS = [LEVEL_PRIMARY, "основное общее", "среднее общее"]

CATEGORIES = [
    CATEGORY_NONE,
    CATEGORY_COMPLIANCE,
    CATEGORY_FIRST,
    CATEGORY_HIGHEST,
    CATEGORY_METHODIST,
    CATEGORY_MENTOR,
]

FORMS = [
    FORM_ONE_TO_ONE,
    FORM_GROUP,
    FORM_VIRTUAL,
    "реверсивная",
    "ситуационная",
    "скоростная (флэш)",
]

WEEKDAYS = ("пн", "вт", "ср", "чт", "пт")  # the sample's staff meet on these
DAYS = [*WEEKDAYS, "сб"]

YES_NO = [ANSWER_YES, ANSWER_NO]
# What a yes/no cell may hold besides the two list values (case does not matter).
YES = {"да", "д", "yes", "y", "true", "истина", "1", "+", "✓", "✔"}
NO = {"нет", "н", "no", "n", "false", "ложь", "0", "-"}

ROLES = [ROLE_MENTOR, ROLE_MENTEE]

PROPOSAL_STATUSES = [PROPOSAL_STATUS_PROPOSED, PROPOSAL_STATUS_APPROVED, PROPOSAL_STATUS_REJECTED,
                     PROPOSAL_STATUS_NO_PAIR]
PAIR_STATUSES = [PAIR_STATUS_APPROVED, PAIR_STATUS_ORDERED, PAIR_STATUS_FINISHED, PAIR_STATUS_STOPPED]
ROADMAP_STATUSES = [ROADMAP_STATUS_PLANNED, ROADMAP_STATUS_IN_PROGRESS, ROADMAP_STATUS_DONE, ROADMAP_STATUS_OVERDUE]
# Issue 19: the format of a meeting in «Дневник встреч» (no code relies on a value).
MEETING_FORMATS = ["очно", "дистанционно", "посещение урока", "консультация", "мастер-класс", "другое"]
PLAN_MARKS = [PLAN_MARK_DONE, PLAN_MARK_POSTPONED, PLAN_MARK_NOT_DONE]

# One column of the hidden «Списки» tab per list, in this order (the dropdowns point at them).
LISTS = {
    "difficulties": DIFFICULTIES,
    "subjects": SUBJECTS,
    "levels": LEVELS,
    "categories": CATEGORIES,
    "forms": FORMS,
    "days": DAYS,
    "yes_no": YES_NO,
    "roles": ROLES,
    "proposal_statuses": PROPOSAL_STATUSES,
    "pair_statuses": PAIR_STATUSES,
    "roadmap_statuses": ROADMAP_STATUSES,
    "meeting_formats": MEETING_FORMATS,
    "plan_marks": PLAN_MARKS,  # issue 19: «План мероприятий»
}

# --- sets code tests membership in ----------------------------------------------------------
LIVE_PAIR_STATUSES = (PAIR_STATUS_APPROVED, PAIR_STATUS_ORDERED)  # the pair is running
ENDED_PAIR_STATUSES = (PAIR_STATUS_FINISHED, PAIR_STATUS_STOPPED)  # never proposed again
# Difficulties a mentor can help with only in their own subject (or a related one): the help is
# the subject's content and methods. Matching counts them as covered only when the mentor's
# subject is the mentee's or in one group of ``SUBJECT_GROUPS`` ([matching] subject_groups).
SUBJECT_BOUND_DIFFICULTIES = frozenset({
    DIFFICULTY_PROGRAMMES,  # a working programme follows the subject's ФГОС/ФОП content
    DIFFICULTY_LESSON,  # a lesson is built on the subject's content and its methods
    DIFFICULTY_ASSESSMENT,  # criteria and tasks of assessment are the subject's (ФОП, КИМ)
    DIFFICULTY_EXAMS,  # ОГЭ/ЕГЭ and olympiads are set per subject
})
# Every other difficulty is general: a colleague of any subject can help with it. The ones
# the list has now, and why:
# - DIFFICULTY_DISCIPLINE: classroom management and the class teacher's work do not depend on
#   the subject taught;
# - DIFFICULTY_PARENTS: the same with parents of any class;
# - DIFFICULTY_INCLUSION: adapting to pupils with disabilities is psychological and
#   pedagogical support (often from a педагог-психолог), the same across subjects;
# - DIFFICULTY_DIGITAL: the school's digital environment (e-journal, ФГИС «Моя школа»,
#   platforms) is the same for every subject;
# - DIFFICULTY_ATTESTATION: the attestation procedure and portfolio are the same for all;
# - DIFFICULTY_PAPERWORK: the school's documentation (journals, reports) is the same for all;
# - DIFFICULTY_BURNOUT: professional burnout is not about the subject.
# A value added to DIFFICULTIES and not named above is general.

# Related subjects (the default of [matching] subject_groups): subjects taught by one
# methodological association, close by the ФГОС subject areas; a subject may be in several
# groups. Subjects of no group (начальные классы, русский язык и литература, труд (технология),
# specialists' «subjects») are related to none but themselves.
SUBJECT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("физика", "математика", "информатика"),  # physics is taught on mathematics
    ("химия", "биология"),  # the natural-science lab subjects
    ("история и обществознание", "география"),  # «общественно-научные предметы» of ФГОС ООО
    ("английский язык", "немецкий язык"),  # «иностранные языки»: the same methods of teaching
    ("музыка", "изобразительное искусство"),  # «искусство» of ФГОС ООО
    ("физическая культура", "ОБЗР"),  # one subject area since 2024; often one teacher
    ("педагог-психолог", "социальный педагог"),  # the school's psychological and social service
)

FULL_WEIGHT_CATEGORIES = (CATEGORY_HIGHEST, CATEGORY_METHODIST, CATEGORY_MENTOR)
HALF_WEIGHT_CATEGORIES = (CATEGORY_FIRST,)

# Common abbreviations staff type, used only to suggest the right list value in a message.
ALIASES = {
    "физра": "физическая культура",
    "физкультура": "физическая культура",
    "физ-ра": "физическая культура",
    "матем": "математика",
    "мат": "математика",
    "англ": "английский язык",
    "англ. яз": "английский язык",
    "нем": "немецкий язык",
    "рус": "русский язык и литература",
    "рус. яз": "русский язык и литература",
    "русский язык": "русский язык и литература",
    "литература": "русский язык и литература",
    "история": "история и обществознание",
    "обществознание": "история и обществознание",
    "изо": "изобразительное искусство",
    "технология": "труд (технология)",
    "труд": "труд (технология)",
    "обж": "ОБЗР",
    "нач. классы": "начальные классы",
    "начальная школа": "начальные классы",
    "психолог": "педагог-психолог",
}

# --- statuses `validate` writes into a bank row ---------------------------------------------
STATUS_OK = "OK"
STATUS_ERROR = "Ошибка"
STATUS_NO_CONSENT = "Нет согласия"
