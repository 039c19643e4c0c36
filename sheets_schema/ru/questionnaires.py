"""The three questionnaires, the headers of form exports and the messages of `nastavnik ingest`."""

from typing import Any

from sheets_schema.ru.evaluation import QUESTIONNAIRE as _SELF_ASSESSMENT

# Titles, descriptions and question texts of the three questionnaires. The e-mail question is
# Google's own «Адрес электронной почты» field on a Google form (the form collects addresses).
QUESTIONNAIRES: dict[str, Any] = {  # texts beside word lists and sub-tables: read by key
    "mentee_title": "Анкета наставляемого",
    "mentee_description": (
        "Анкета для педагогов, которым нужна поддержка наставника: молодых специалистов, "
        "новых сотрудников, коллег, осваивающих новое. Ответы попадут в банк наставляемых школы "
        "и помогут подобрать наставника."
    ),
    "mentor_title": "Анкета наставника",
    "mentor_description": (
        "Анкета для педагогов, готовых стать наставниками. Ответы попадут в банк наставников "
        "школы и помогут подобрать пары."
    ),
    "monitoring_title": "Мониторинг программы наставничества",
    "monitoring_description": (
        "Анкета по итогам программы наставничества. Её заполняют и наставник, и наставляемый. "
        "Ответьте на каждый вопрос по шкале от 1 до 10, где 1 — совсем нет, 10 — полностью."
    ),
    # questions (by bank column key)
    "email": "Адрес электронной почты",
    "full_name": "Фамилия, имя, отчество",
    "position": "Должность",
    "subject": "Предмет (методическое объединение)",
    "levels": "Уровень образования, на котором вы работаете",
    "years": "Педагогический стаж, полных лет",
    "category": "Квалификационная категория / СЗД",
    "young": "Вам меньше 35 лет?",
    "difficulties": "Какие профессиональные затруднения вы испытываете?",
    "competences": "В каких вопросах вы можете помочь коллегам?",
    "preferred_form": "Какая форма наставничества вам подходит?",
    "preferred_forms": "Какие формы наставничества вам подходят?",
    "preferred_mentor": "Кого из коллег вы хотели бы видеть своим наставником?",
    "preferred_mentor_help": "ФИО коллеги; можно оставить пустым.",
    "timetable": "В какие дни вам удобно встречаться?",
    "capacity": "Сколько наставляемых вы готовы вести одновременно?",
    "capacity_help": "Число, например 2.",
    "motivation": "Почему вы хотите стать наставником?",
    "past_mentoring": "Был ли у вас опыт наставничества? Расскажите кратко.",
    "pd_consent": "Согласие на обработку персональных данных",
    "pd_consent_help": (
        "Я даю согласие школе (оператору) на обработку моих персональных данных: ФИО, адрес "
        "электронной почты, должность, предмет, стаж, квалификационная категория и ответы этой "
        "анкеты — для организации наставничества (сбор, запись, хранение, уточнение, "
        "использование, удаление) на срок участия в программе. Согласие можно отозвать, "
        "ответив «нет» в анкете или письменным заявлением (152-ФЗ «О персональных данных»)."
    ),
    "duty_consent": "Согласие на наставническую деятельность",
    "duty_consent_help": (
        "Я согласен(на) выполнять обязанности наставника: содержание, срок, форма и оплата "
        "наставничества закрепляются дополнительным соглашением к трудовому договору "
        "(ст. 351.8 ТК РФ)."
    ),
    "role": "Ваша роль в программе",
    "partner_email": (
        "Адрес электронной почты второго участника пары (наставляемому — наставника, "
        "наставнику — наставляемого)"
    ),
    "comfort": "Насколько комфортным было общение в паре?",
    "usefulness": "Насколько полезными были встречи?",
    "clarity": "Насколько ясными были ожидания и задачи?",
    "expectations": "Насколько результат совпал с ожиданиями?",
    "satisfaction": "Насколько вы в целом удовлетворены программой?",
    "continue_wish": "Насколько вы хотите продолжить наставничество?",
    "difficulties_closed": "Какие затруднения удалось преодолеть?",
    "scale_low": "совсем нет",
    "scale_high": "полностью",
    "other": "другое",
    # file names of the local documents (forms/<name>.md)
    "mentee_file": "анкета-наставляемого",
    "mentor_file": "анкета-наставника",
    "monitoring_file": "анкета-мониторинга",
}

# Titles a question had in earlier versions (question key → old titles): an export made from a
# form built with an old title, or a form staff copied from an old `forms/*.md`, is still read —
# the title is taken exactly, like the current one (`Question.titles`). On a Google form answers
# are matched by question id, so a form made by an earlier `init --google` keeps working as it is.
OLD_QUESTIONS: dict[str, tuple[str, ...]] = {
    "category": ("Квалификационная категория",),
    "partner_email": ("Адрес электронной почты вашего наставника (наставнику — наставляемого)",),
    "satisfaction": ("Общая удовлетворённость программой",),
}

# Header texts of the metadata columns of questionnaire exports (not questions).
EXPORT_HEADERS = {
    "timestamp": ["Отметка времени", "Timestamp", "Время создания", "Время отправки", "Дата и время",
                  "Дата ответа", "Created", "Date"],
    "email": ["Адрес электронной почты", "Email Address", "Email", "Электронная почта", "E-mail",
              "Почта", "Адрес эл. почты"],
    "id": ["ID", "ID ответа", "Response ID"],
    "ignored": ["Баллы", "Score", "Всего баллов", "Total score", "Пользователь", "Время изменения",
                "Updated", "IP", "Источник", "Статус"],
}

# What `ingest` and the questionnaire documents say.
INGEST: dict[str, Any] = {  # texts beside word lists and sub-tables: read by key
    "unmapped_header": (
        "Файл «{file}» (анкета «{form}»): столбец «{header}» не соответствует ни одному вопросу "
        "анкеты (ближе всего — «{nearest}»). Назовите столбец так же, как вопрос (список вопросов "
        "— в файле forms/{doc}.md), или удалите столбец; остальные столбцы файла приняты, ответы "
        "этого столбца будут приняты, когда столбец назовут как вопрос."
    ),
    "unknown_export": (
        "Файл «{file}»: по заголовкам столбцов не удалось понять, ответы какой анкеты в нём "
        "(заголовки: {headers}). Скачайте ответы из формы заново или назовите столбцы как вопросы "
        "анкеты (forms/*.md); файл пропущен."
    ),
    "no_timestamp": (
        "Файл «{file}»: нет столбца «Отметка времени» (или «Timestamp», «Время создания»). "
        "Скачайте ответы из формы заново; файл пропущен."
    ),
    "bad_timestamp": (
        "Файл «{file}», строка {row}: «{value}» — не дата и время ответа (ожидается "
        "ДД.ММ.ГГГГ Ч:ММ:СС); строка пропущена, исправьте её в файле."
    ),
    "unreadable": (
        "Не удалось прочитать файл «{file}»: {reason}. Скачайте ответы из формы заново (CSV в UTF-8 "
        "или XLSX) и замените им этот файл; ответы из других файлов приняты как обычно."
    ),
    "unknown_question": (
        "Форма «{form}» ({form_id}): вопрос «{question}» не входит в анкету nastavnik — его "
        "ответы не приняты. Удалите вопрос из формы или перенесите ответы вручную."
    ),
    "missing_question": (
        "Форма «{form}» ({form_id}): нет вопроса «{question}» (столбец «{column}») — ответы на "
        "него не приходят. Восстановите вопрос в форме или удалите форму и создайте анкеты "
        "заново: nastavnik init --google."
    ),
    "form_missing": (
        "Форма «{form}» ({form_id}) не найдена или недоступна в Google ({reason}). Создайте анкеты "
        "заново: nastavnik init --google."
    ),
    "not_created": "Анкета «{form}»: форма Google ещё не создана — создайте анкеты: nastavnik init --google.",
    "conflict": (
        "Лист «{tab}», {email}: столбец «{column}» изменён сотрудником («{current}»), а в анкете "
        "от {date} указано «{answer}» — оставлено значение сотрудника; если верен ответ анкеты, "
        "исправьте ячейку вручную."
    ),
    "withdrawn_form": (
        "Лист «{tab}», {email}: в анкете от {date} нет согласия на обработку персональных данных "
        "— дата согласия очищена, человек исключается из подбора пар и приказов."
    ),
    "withdrawn_staff": (
        "Лист «{tab}», {email}: дата согласия на обработку персональных данных очищена "
        "сотрудником — согласие считается отозванным, человек исключается из подбора пар и приказов."
    ),
    "pair_not_found": "Пара не найдена: нет пары, где {email} — {role}{partner}. Впишите ID пары вручную.",
    "pair_partner": " с участником {partner}",
    "pair_ambiguous": "Подходит несколько пар ({ids}): впишите верный ID пары вручную.",
    "summary": (
        "Анкеты: новых ответов {new}; добавлено людей {appended}; обновлено ячеек {updated}; "
        "конфликтов {conflicts}; отзывов согласия {withdrawals}; ответов мониторинга {monitoring}."
    ),
    "rows_changed": (
        "Лист «{tab}»: {count} строк(и) изменились во время приёма анкет; ответы этих людей будут "
        "приняты при следующем запуске."
    ),
    "created": "Анкета «{form}» создана: {url}",
    "reused": "Анкета «{form}» уже есть: {url}",
    "documents": "Описания анкет для любого конструктора форм записаны в папку {path}",
    "create_failed": "Анкеты не созданы: {reason}",
    "done": "Приём анкет завершён.",
    # the readable document of a questionnaire (local backend)
    "doc_intro": (
        "Соберите эту анкету в любом конструкторе форм (Google Формы, Яндекс Формы) с вопросами "
        "ниже — **названия вопросов должны совпадать дословно**. Выгрузку ответов (CSV из Google "
        "Форм или XLSX из Яндекс Форм) положите в папку `forms/` рабочего пространства: "
        "`nastavnik ingest` перенесёт ответы на лист «{tab}». Повторная выгрузка ничего не "
        "задвоит."
    ),
    "doc_question": "Вопрос",
    "doc_answer": "Ответ",
    "doc_column": "Столбец листа «{tab}»",
    "doc_required": "обязательный",
    "doc_optional": "необязательный",
    "doc_kinds": {
        "text": "короткий ответ",
        "paragraph": "развёрнутый ответ",
        "email": "адрес электронной почты",
        "radio": "один вариант",
        "dropdown": "один вариант из раскрывающегося списка",
        "checkbox": "несколько вариантов",
        "scale": "шкала от {low} до {high}",
    },
    "doc_other": "и вариант «{other}» со своим ответом (попадёт в столбец «{column}»)",
    "doc_consent": "«да» — в столбец записывается дата ответа; «нет» — дата очищается (согласие отозвано)",
    "doc_pair": "по адресам участников ответ связывается с парой на листе «Пары» (столбец «ID пары»)",
    # --- issue 13: questionnaire exports as staff really produce them ---------------------------------
    "unreadable_reasons": {
        "not_xlsx": "это не книга XLSX — файл обрезан при скачивании, повреждён или защищён паролем",
        "broken_xlsx": "книга XLSX повреждена ({error})",
        "binary": "это не текст CSV (в файле двоичные данные)",
        "encoding": "кодировка не распознана (ожидается UTF-8 или Windows-1251)",
        "csv": "ошибка формата CSV ({error})",
        "os": "файл не открывается ({error}) — возможно, он открыт в другой программе или нет прав на чтение",
    },
    "unsupported_export": (
        "Файл «{file}»: формат {suffix} не читается. Откройте файл и сохраните ответы как CSV (UTF-8) "
        "или XLSX; файл пропущен."
    ),
    "empty_export": (
        "Файл «{file}» пуст — в нём нет ни заголовков, ни ответов. Скачайте ответы из формы заново "
        "(CSV или XLSX) и замените им этот файл; файл пропущен."
    ),
    "one_column": (
        "Файл «{file}»: столбцы не разделены запятой, точкой с запятой или табуляцией (строка "
        "заголовков: «{header}»). Скачайте ответы из формы заново как CSV; файл пропущен."
    ),
    "duplicate_header": (
        "Файл «{file}» (анкета «{form}»): столбцы «{first}» и «{header}» соответствуют одному вопросу "
        "«{question}» — принят столбец «{first}», ответы столбца «{header}» не приняты. Удалите или "
        "переименуйте лишний столбец."
    ),
    "header_taken": "Файл «{file}»: столбец «{header}» принят как вопрос «{question}» (анкета «{form}»).",
    "where_file": "Файл «{file}», строка {row}",
    "where_form": "Форма «{form}», ответ {who}",
    "control_chars": (
        "{where}, вопрос «{question}»: из ответа удалены невидимые управляющие символы ({chars}) — "
        "таблица не может их хранить; остальной текст ответа принят."
    ),
    "line_break_char": "{code} заменён переводом строки",
}

# Issue 19: the mentee's self-assessment (texts in sheets_schema.ru.evaluation)
QUESTIONNAIRES.update(_SELF_ASSESSMENT)

# Issue 19: the mentor's final report (texts in sheets_schema.ru.mentor_report)
from sheets_schema.ru.mentor_report import QUESTIONNAIRE as _MENTOR_REPORT  # noqa: E402
QUESTIONNAIRES.update(_MENTOR_REPORT)
# the local backend's doctor line for a questionnaire added after the workspace's `init`
# (sync/local/forms_health.py; issue 19: the mentor's final report)
INGEST.update({
    "doctor_document": "Описание анкеты «{form}» для конструктора форм ({path})",
    "doctor_document_missing": "Файла нет: анкета добавлена новой версией, ответы на неё уже принимаются из выгрузок.",
    "doctor_document_fix": "запишите описание: nastavnik upgrade-workspace",
})
