"""The mentor's final report (issue 19, item 4): the questionnaire «Итоговый отчёт наставника», its
tab «Отчёты наставников» and the messages of `jobs.mentor_report`.

`TABS` and `HEADERS` are merged into `ru.TABS`/`ru.HEADERS` by `sheets_schema.ru.workspace`,
`QUESTIONNAIRE` into `ru.QUESTIONNAIRES` by `sheets_schema.ru.questionnaires`.
"""
from __future__ import annotations

TABS = {"mentor_reports": "Отчёты наставников"}

HEADERS = {
    "report_mentees": "Наставляемые (ФИО или e-mail)",
    "report_done": "Что сделано",
    "report_results": "Результаты наставляемого",
    # not «Преодолённые затруднения»: that is the header of monitoring's question, and an export
    # column is matched by header too (`Question.titles`)
    "report_overcome": "Затруднения преодолены",
    "report_remaining": "Затруднения остались",
    "report_recommendations": "Рекомендации",
}

# The questionnaire (merged into ru.QUESTIONNAIRES). The e-mail is Google's own field: the
# mentor's address, the one «Пары» has in «E-mail наставника».
QUESTIONNAIRE = {
    "mentor_report_title": "Итоговый отчёт наставника",
    "mentor_report_description": (
        "Отчёт наставника о реализации персонализированной программы наставничества (раздел 9.1 "
        "программы). Заполните в конце программы, с того адреса электронной почты, который указан "
        "в паре. Если у вас несколько пар, заполните анкету для каждой. Пишите о работе пары: "
        "других персональных данных (о здоровье, семье, коллегах) не указывайте."),
    "mentor_report_file": "анкета-отчёт-наставника",
    "report_mentees": "Наставляемый (наставляемые): ФИО или адрес электронной почты",
    "report_mentees_help": "Как в паре; для группы — через запятую. Можно не заполнять, если у вас одна пара.",
    "report_done": "Что сделано за время программы (мероприятия плана, встречи, открытые уроки)",
    "report_results": "Результаты наставляемого: чему научился, чего достиг",
    "report_overcome": "Какие профессиональные затруднения преодолены",
    "report_remaining": "Какие затруднения остаются и над чем работать дальше",
    "report_recommendations": "Рекомендации наставляемому и администрации школы",
}

# What `jobs.mentor_report` writes and says. A row's problem is written into its «Сообщение»
# cell (column, value, what is wrong, how to fix it); the output line puts «Лист …, строка …»
# before it (`row_line`).
MENTOR_REPORT = {
    # section 9.1 of the programme: one paragraph per answered question, under its label
    "part_done": "Что сделано",
    "part_results": "Результаты наставляемого",
    "part_overcome": "Преодолённые затруднения",
    "part_remaining": "Оставшиеся затруднения",
    "part_recommendations": "Рекомендации",
    "part": "{label}: {text}",
    "not_mentor": (
        "«{column}»: {email} не числится наставником ни одной пары на листе «{pairs}». Проверьте адрес "
        "(отчёт заполняют с адреса из столбца «{mentor_column}» листа «{pairs}») или внесите пару; "
        "отчёт сохранён и попадёт в программу, когда пара найдётся."),
    "choose_pair": (
        "«{column}»: не заполнено, а у наставника {email} несколько пар ({pairs}). Впишите ФИО или "
        "e-mail наставляемого, о чьей паре отчёт; отчёт сохранён."),
    "mentee_unknown": (
        "«{column}»: «{value}» — нет среди наставляемых пар наставника {email} ({mentees}). Впишите ФИО "
        "или e-mail наставляемого так, как на листе «{pairs}»; отчёт сохранён."),
    "mentee_ambiguous": (
        "«{column}»: «{value}» — подходят несколько наставляемых: {candidates}. Допишите имя и отчество "
        "или впишите e-mail; отчёт сохранён."),
    "row_line": "Лист «{tab}», строка {row}, столбец {message}",
    "ingest_line": "Отчёт наставника {email} ({submitted}): {message}",
    "summary": "«{tab}»: отчётов {total}, привязаны к парам {linked}, с замечаниями {problems}.",
}
