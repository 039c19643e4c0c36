"""The default document templates, their placeholders, and the default «Каталог мероприятий».

Pure data. A template is a list of blocks (paragraphs and tables) with placeholders ``{{name}}``;
a table whose second row holds ``{{item.field}}`` placeholders is repeated once per row of a
list (``pairs``, ``plan``…). Each backend turns the same blocks into its own format: a .docx for
docxtpl (the repeated row between ``{%tr for item in list %}`` and ``{%tr endfor %}`` rows), or a
Google Doc (the repeated row as is). The school edits the placed templates freely; before any
document is made, `jobs.documents.check` compares a template's placeholders with `TemplateSpec`.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# ``{{ name }}`` or ``{{ item.field }}``; spaces inside the braces are allowed.
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")
# docxtpl's repeated table row: ``{%tr for pair in pairs %}``.
ROW_LOOP = re.compile(r"\{%\s*tr\s+for\s+(\w+)\s+in\s+(\w+)\s*%\}")
ROW_END = re.compile(r"\{%\s*tr\s+endfor\s*%\}")
ANY_TAG = re.compile(r"\{%.*?%\}")
_XML_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    align: str = "left"  # left, center, right, justify
    size: int = 12


@dataclass(frozen=True)
class RowTable:
    """A table: a header row and one row repeated for each item of `rows` (as `item`)."""

    headers: tuple[str, ...]
    cells: tuple[str, ...]  # texts of the repeated row, with {{item.field}} placeholders
    rows: str  # the list's name in the fill data
    item: str  # the name of one row in the placeholders


Block = Paragraph | RowTable


@dataclass(frozen=True)
class TemplateSpec:
    """A document kind: its default content and the placeholders a template of it may hold."""

    key: str
    name: str  # the template's file / document name
    document: str  # how the documents made from it are named (start of the name)
    blocks: tuple[Block, ...]
    required: frozenset[str] = frozenset()  # placeholders a template must keep
    optional: frozenset[str] = frozenset()  # placeholders a template may drop (beyond the blocks)

    @property
    def tables(self) -> tuple[RowTable, ...]:
        return tuple(b for b in self.blocks if isinstance(b, RowTable))

    @property
    def lists(self) -> dict[str, str]:
        """Item name → list name, for every repeated table (``{"pair": "pairs"}``)."""
        return {t.item: t.rows for t in self.tables}

    @property
    def known(self) -> frozenset[str]:
        """Every placeholder a template of this kind may hold."""
        names = set(self.required) | set(self.optional)
        for block in self.blocks:
            texts = [block.text] if isinstance(block, Paragraph) else list(block.cells)
            for text in texts:
                names.update(placeholders(text))
        return frozenset(names)


@dataclass(frozen=True)
class Image:
    """A picture that takes the place of a placeholder standing alone in its paragraph
    (``{{chart}}``): PNG bytes, its size in pixels, the width it gets on the page, and the text
    put there instead when a backend cannot place it."""

    png: bytes
    width_px: int
    height_px: int
    width_cm: float
    alt: str


@dataclass
class Fill:
    """What goes into a template: scalar placeholders, the rows of each repeated table, images."""

    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    images: dict[str, Image] = field(default_factory=dict)

    def context(self) -> dict[str, object]:
        """The values and lists together, as docxtpl's context."""
        return {**self.values, **self.rows}


def placeholders(text: str) -> list[str]:
    """The placeholder names in a text, spaces trimmed (``{{ pair.no }}`` → ``pair.no``)."""
    return [m.group(1).strip() for m in PLACEHOLDER.finditer(text)]


def substitute(text: str, values: dict[str, str], prefix: str = "") -> str:
    """`text` with each ``{{prefix+name}}`` replaced by ``values[name]`` (others left)."""
    def repl(m: re.Match) -> str:
        name = m.group(1).strip()
        if prefix and not name.startswith(prefix):
            return m.group(0)
        key = name[len(prefix):]
        return values[key] if key in values else m.group(0)

    return PLACEHOLDER.sub(repl, text)


def shown(tag: str, limit: int = 40) -> str:
    """A tag as a message quotes it: XML removed, entities and typographic quotes undone,
    control characters escaped, cut after `limit` characters (the closing braces kept)."""
    text = html.unescape(_XML_TAG.sub("", tag)).translate({0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'})
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + "… " + text[-2:]


def safe_value(text: object) -> str:
    """A value as it goes into a document: never read back as a placeholder or a tag."""
    s = "" if text is None else str(text)
    return s.replace("{{", "{ {").replace("}}", "} }").replace("{%", "{ %").replace("%}", "% }")


# --- the default templates ------------------------------------------------------------------
P = Paragraph
HEADER = (
    P("{{school}}", bold=True, align="center"),
    P("ПРИКАЗ", bold=True, align="center", size=14),
    P("от {{order_date}}                                                  № {{order_number}}"),
)
SIGNATURE = P("{{head_position}}                    ____________________ {{head}}")

ORDER_PAIRS = TemplateSpec(
    key="order_pairs",
    name="Шаблон — приказ о закреплении наставнических пар (групп)",
    document="Приказ о закреплении наставнических пар",
    blocks=(
        *HEADER,
        P("О закреплении наставнических пар (групп)", bold=True),
        P("В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, Положением о "
          "системе наставничества педагогических работников {{school}}{{regulation}}, на "
          "основании письменных согласий педагогических работников на осуществление "
          "наставнической деятельности и на обработку персональных данных", align="justify"),
        P("ПРИКАЗЫВАЮ:", bold=True),
        P("1. Закрепить наставнические пары (группы) на срок реализации персонализированных "
          "программ наставничества (всего: {{pairs_count}}):", align="justify"),
        RowTable(
            headers=("№", "Наставник (ФИО, должность, предмет)", "Наставляемый (ФИО, должность)",
                     "Форма наставничества", "Срок (с – по)"),
            cells=("{{pair.no}}", "{{pair.mentor}}, {{pair.mentor_position}}", "{{pair.mentees}}",
                   "{{pair.form}}", "{{pair.term}}"),
            rows="pairs", item="pair",
        ),
        P("2. Наставникам совместно с наставляемыми в течение двух недель со дня издания "
          "приказа доработать персонализированные программы наставничества (проекты "
          "прилагаются) и представить их на утверждение.", align="justify"),
        P("3. Назначить ответственным за организацию работы наставнических пар (групп), "
          "методическое сопровождение и мониторинг реализации программ наставничества куратора "
          "{{coordinator}}.", align="justify"),
        P("4. {{payment}}", align="justify"),
        P("5. Куратору {{coordinator}} ознакомить участников наставнической деятельности с "
          "настоящим приказом под подпись.", align="justify"),
        P("6. {{control}}", align="justify"),
        P(""),
        SIGNATURE,
        P(""),
        P("С приказом ознакомлены:"),
        RowTable(
            headers=("ФИО", "Участие", "Подпись", "Дата"),
            cells=("{{person.name}}", "{{person.role}}", "", ""),
            rows="people", item="person",
        ),
    ),
    required=frozenset({"pair.mentor", "pair.mentees", "pair.form", "pair.term"}),
    optional=frozenset({"pair.mentor_name", "pair.mentee_names", "pair.mentee_positions",
                        "pair.pair_id", "pair.start", "pair.end", "school_year", "head_initials"}),
)

ORDER_IMPLEMENTATION = TemplateSpec(
    key="order_implementation",
    name="Шаблон — приказ о реализации целевой модели наставничества",
    document="Приказ о реализации целевой модели наставничества",
    blocks=(
        *HEADER,
        P("О реализации целевой модели наставничества педагогических работников", bold=True),
        P("В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, "
          "методическими рекомендациями по разработке и внедрению системы (целевой модели) "
          "наставничества педагогических работников в образовательных организациях (письмо "
          "Министерства просвещения Российской Федерации от 21.12.2021 № АЗ-1128/08), в целях "
          "профессионального развития педагогических работников", align="justify"),
        P("ПРИКАЗЫВАЮ:", bold=True),
        P("1. Внедрить в {{school}} целевую модель наставничества педагогических работников в "
          "{{school_year}} учебном году.", align="justify"),
        P("2. Утвердить Положение о системе наставничества педагогических работников "
          "(приложение 1).", align="justify"),
        P("3. Утвердить дорожную карту (план мероприятий) по реализации целевой модели "
          "наставничества педагогических работников (приложение 2).", align="justify"),
        P("4. Назначить куратором реализации персонализированных программ наставничества "
          "{{coordinator}}.", align="justify"),
        P("5. Куратору {{coordinator}}: сформировать банк наставников и банк наставляемых с "
          "письменного согласия участников; организовать закрепление наставнических пар (групп) "
          "приказом и разработку персонализированных программ наставничества; обеспечить "
          "информационное сопровождение на сайте школы.", align="justify"),
        P("6. Провести мониторинг реализации программ наставничества в сроки:", align="justify"),
        RowTable(
            headers=("№", "Мониторинг", "Срок"),
            cells=("{{stage.no}}", "{{stage.name}}", "{{stage.date}}"),
            rows="monitoring", item="stage",
        ),
        P("7. {{control}}", align="justify"),
        P(""),
        SIGNATURE,
        P(""),
        P("С приказом ознакомлен(а): ____________________ {{coordinator}}"),
        P(""),
        P("Приложение 2 к приказу от {{order_date}} № {{order_number}}", align="right"),
        P("Дорожная карта (план мероприятий) по реализации целевой модели наставничества "
          "педагогических работников", bold=True, align="center"),
        RowTable(
            headers=("Этап", "Мероприятие", "Срок", "Ответственный"),
            cells=("{{event.stage}}", "{{event.name}}", "{{event.due}}", "{{event.owner}}"),
            rows="roadmap", item="event",
        ),
    ),
    required=frozenset({"coordinator"}),
)

PROGRAMME = TemplateSpec(
    key="programme",
    name="Шаблон — персонализированная программа наставничества",
    document="Программа наставничества",
    blocks=(
        P("УТВЕРЖДАЮ", bold=True, align="right"),
        P("{{head_position}} {{school}}", align="right"),
        P("____________________ {{head}}", align="right"),
        P("«____» ______________ 20___ г.", align="right"),
        P(""),
        P("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", bold=True, align="center", size=14),
        P("(наставническая пара / группа {{pair_id}})", align="center"),
        P("Наставник: {{mentor}}, {{mentor_position}}"),
        P("Наставляемый (наставляемые): {{mentees}}"),
        P("Форма наставничества: {{form}}"),
        P("Срок реализации программы: {{term}}"),
        P("1. Выявленные профессиональные затруднения", bold=True),
        P("{{difficulties}}", align="justify"),
        P("2. Цель программы", bold=True),
        P("{{goal}}", align="justify"),
        P("3. Задачи", bold=True),
        P("{{tasks}}", align="justify"),
        P("4. План мероприятий", bold=True),
        RowTable(
            headers=("№", "Мероприятие", "Срок", "Форма проведения", "Ответственный",
                     "Отметка о выполнении"),
            cells=("{{item.no}}", "{{item.event}}", "{{item.due}}", "{{item.form}}",
                   "{{item.owner}}", ""),
            rows="plan", item="item",
        ),
        P("5. Ожидаемые результаты", bold=True),
        P("{{results}}", align="justify"),
        P("6. Форма отчётности", bold=True),
        P("{{reporting}}", align="justify"),
        P(""),
        P("Наставник ____________________ {{mentor}}"),
        P("Наставляемый ____________________ {{mentee_names}}"),
        P("Куратор ____________________ {{coordinator}}"),
    ),
    required=frozenset({"mentor", "mentees", "term", "item.event"}),
    optional=frozenset({"start", "end", "mentee_positions", "item.done", "school_year"}),
)

REPORT = TemplateSpec(
    key="report",
    name="Шаблон — отчёт о мониторинге реализации программ наставничества",
    document="Отчёт о мониторинге программ наставничества",
    blocks=(
        P("{{school}}", bold=True, align="center"),
        P("ОТЧЁТ", bold=True, align="center", size=14),
        P("о результатах мониторинга реализации программ наставничества педагогических "
          "работников", bold=True, align="center"),
        P("Период: {{period}}. Сведения на {{report_date}}.", align="center"),
        P("Материалы к круглому столу по обмену лучшими практиками наставничества. Пары и группы "
          "названы по ID, без ФИО и адресов.", align="justify"),
        P("{{privacy_note}}", align="justify"),
        P("1. Показатели", bold=True),
        RowTable(headers=("Показатель", "Значение"), cells=("{{figure.name}}", "{{figure.value}}"),
                 rows="figures", item="figure"),
        P("2. Удовлетворённость участников (средняя оценка по шкале 1–10)", bold=True),
        RowTable(headers=("№", "Вопрос анкеты мониторинга", "Средняя оценка", "Ответов"),
                 cells=("{{question.no}}", "{{question.name}}", "{{question.average}}", "{{question.answers}}"),
                 rows="questions", item="question"),
        P("{{chart}}", align="center"),
        P("Рисунок 1. {{chart_caption}}", align="center", size=11),
        P("3. Наставнические пары и группы", bold=True),
        RowTable(headers=("ID пары", "Статус", "Анкет", "Удовлетворённость", "Средняя по всем вопросам"),
                 cells=("{{pair.pair_id}}", "{{pair.status}}", "{{pair.responses}}", "{{pair.satisfaction}}",
                        "{{pair.all_questions}}"),
                 rows="pairs", item="pair"),
        P("4. Профессиональные затруднения, отмеченные как закрытые", bold=True),
        RowTable(headers=("Затруднение", "Наставляемых"), cells=("{{difficulty.name}}", "{{difficulty.count}}"),
                 rows="difficulties", item="difficulty"),
        P("5. Дорожная карта: выполнение по этапам", bold=True),
        RowTable(headers=("Этап", "Мероприятий", "Выполнено", "В работе", "Запланировано", "Просрочено"),
                 cells=("{{stage.name}}", "{{stage.events}}", "{{stage.done}}", "{{stage.in_progress}}",
                        "{{stage.planned}}", "{{stage.overdue}}"),
                 rows="stages", item="stage"),
        P("6. Выводы и предложения", bold=True),
        P("____________________________________________________________________________"),
        P(""),
        P("Куратор ____________________ {{coordinator}}"),
    ),
    required=frozenset({"figure.name", "figure.value"}),
    optional=frozenset({"head", "school_year", "privacy_note"}),
)

TEMPLATES: tuple[TemplateSpec, ...] = (ORDER_PAIRS, ORDER_IMPLEMENTATION, PROGRAMME, REPORT)


def template(key: str) -> TemplateSpec:
    for spec in TEMPLATES:
        if spec.key == key:
            return spec
    raise KeyError(key)


# --- «Каталог мероприятий»: plan activities by difficulty ------------------------------------
# «Срок» is a month of the programme ("1", "2–3"), «последний» (its last month), «весь срок», or
# any text (copied as is). `GENERAL` rows go into every programme.
GENERAL = "общее"
CATALOG_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    (GENERAL, "Знакомство, беседа о профессиональных затруднениях и ожиданиях, согласование программы", "1", "беседа", "наставник, наставляемый"),
    (GENERAL, "Взаимопосещение уроков с последующим анализом", "весь срок", "посещение уроков, анализ", "наставник, наставляемый"),
    ("рабочие программы и ФГОС/ФОП", "Консультация по разработке рабочей программы по ФОП (конструктор рабочих программ)", "1", "консультация", "наставник"),
    ("рабочие программы и ФГОС/ФОП", "Совместный анализ тематического планирования и требований ФГОС к результатам", "2", "практикум", "наставник"),
    ("современный урок", "Посещение уроков наставника: структура и приёмы современного урока", "1–2", "открытый урок, анализ", "наставник"),
    ("современный урок", "Проведение наставляемым открытого урока", "3", "открытый урок", "наставляемый"),
    ("оценивание образовательных результатов", "Практикум по критериальному оцениванию и составлению контрольных работ", "2", "практикум", "наставник"),
    ("оценивание образовательных результатов", "Совместный анализ результатов диагностических работ класса", "3", "совместный анализ", "наставник, наставляемый"),
    ("дисциплина и классное руководство", "Консультация по приёмам управления классом и профилактике конфликтов", "1", "консультация", "наставник"),
    ("дисциплина и классное руководство", "Подготовка и проведение классного часа", "2–3", "мероприятие, анализ", "наставляемый"),
    ("работа с родителями", "Подготовка и проведение родительского собрания", "2", "практикум", "наставник, наставляемый"),
    ("работа с родителями", "Разбор трудных ситуаций общения с родителями", "3", "кейс-сессия", "наставник"),
    ("обучающиеся с ОВЗ / инклюзия", "Изучение адаптированных программ и рекомендаций ПМПК", "1", "консультация", "наставник, педагог-психолог"),
    ("обучающиеся с ОВЗ / инклюзия", "Разработка индивидуального образовательного маршрута обучающегося с ОВЗ", "2–3", "практикум", "наставник"),
    ("ИКТ и цифровая образовательная среда", "Мастер-класс по ФГИС «Моя школа» и электронному журналу", "1", "мастер-класс", "наставник"),
    ("ИКТ и цифровая образовательная среда", "Подготовка урока с цифровыми образовательными ресурсами", "2", "практикум", "наставляемый"),
    ("подготовка к ОГЭ/ЕГЭ и олимпиадам", "Анализ демоверсий, кодификаторов и спецификаций ОГЭ/ЕГЭ", "1", "консультация", "наставник"),
    ("подготовка к ОГЭ/ЕГЭ и олимпиадам", "План подготовки обучающихся к ГИА и олимпиадам", "2", "практикум", "наставник, наставляемый"),
    ("аттестация", "Консультация о порядке аттестации педагогических работников", "2", "консультация", "наставник"),
    ("аттестация", "Формирование портфолио профессиональных достижений", "3–4", "портфолио", "наставляемый"),
    ("документация", "Консультация по ведению школьной документации и электронного журнала", "1", "консультация", "наставник"),
    ("документация", "Совместная проверка оформления документации", "2", "совместный анализ", "наставник"),
    ("профессиональное выгорание", "Консультация педагога-психолога, диагностика эмоционального состояния", "1", "консультация", "педагог-психолог"),
    ("профессиональное выгорание", "Тренинг по профилактике профессионального выгорания", "3", "тренинг", "педагог-психолог"),
    (GENERAL, "Самоанализ и отчёт наставляемого о реализации программы", "последний", "отчёт, самоанализ", "наставляемый"),
    (GENERAL, "Итоговое анкетирование участников (мониторинг)", "последний", "анкетирование", "куратор"),
)


def default_catalog_rows() -> list[dict[str, str]]:
    """The rows `init` puts on «Каталог мероприятий»."""
    keys = ("difficulty", "event", "due", "activity_form", "owner")
    return [dict(zip(keys, row)) for row in CATALOG_ROWS]


# What a programme aims at, by difficulty: a task and an expected result (Russian content).
TASKS = {
    "рабочие программы и ФГОС/ФОП": ("освоить разработку рабочей программы в соответствии с ФГОС и ФОП",
                                     "рабочая программа составлена в соответствии с ФГОС и ФОП"),
    "современный урок": ("освоить приёмы построения современного урока",
                         "проведён открытый урок, получивший положительную оценку"),
    "оценивание образовательных результатов": ("освоить критериальное оценивание образовательных результатов",
                                               "применяется критериальное оценивание, составлены контрольные работы"),
    "дисциплина и классное руководство": ("освоить приёмы управления классом и работы классного руководителя",
                                          "снижено число конфликтных ситуаций, проведены классные часы"),
    "работа с родителями": ("освоить формы эффективного взаимодействия с родителями",
                            "проведено родительское собрание, выстроено взаимодействие с семьями"),
    "обучающиеся с ОВЗ / инклюзия": ("освоить работу с обучающимися с ОВЗ по адаптированным программам",
                                     "разработан индивидуальный образовательный маршрут обучающегося с ОВЗ"),
    "ИКТ и цифровая образовательная среда": ("освоить инструменты цифровой образовательной среды",
                                             "в уроках используются цифровые образовательные ресурсы"),
    "подготовка к ОГЭ/ЕГЭ и олимпиадам": ("освоить методику подготовки обучающихся к ГИА и олимпиадам",
                                          "составлен и выполняется план подготовки к ГИА и олимпиадам"),
    "аттестация": ("подготовиться к аттестации на квалификационную категорию",
                   "сформировано портфолио для аттестации"),
    "документация": ("освоить ведение школьной документации",
                     "документация ведётся без замечаний"),
    "профессиональное выгорание": ("освоить приёмы профилактики профессионального выгорания",
                                   "повысилась удовлетворённость профессиональной деятельностью"),
}
