"""Issue 20 — the municipal report (`nastavnik municipal report`): every school's indicators side
by side, its charts, the document for the methodological centre and the page for the municipal
site (jobs/municipal/aggregate.py, jobs/municipal/report.py, jobs/charts/municipal.py).

{min_answers} is the municipality's ``[privacy] min_answers`` (a school's own, when higher)."""

MUNICIPAL_REPORT = {
    # a figure held back by the privacy threshold
    "few_people": "менее {min_answers} чел.",
    "few_pairs": "менее {min_answers} пар",
    "few_answers": "менее {min_answers} ответов",
    "of": "{value} из {total} ({share})",
    "no_data": "нет данных",
    # a school whose workspace could not be read
    "unreadable": "Не удалось прочитать данные школы: {reason}",
    "unexpected": "непредвиденная ошибка {kind}",
    "plan_unreadable": "план мероприятий не прочитан",
    # the tables' columns (document and page)
    "col_school": "Школа",
    "col_mentors": "Наставников",
    "col_mentees": "Наставляемых",
    "col_pairs": "Действующих пар и групп",
    "col_with_pair": "Наставляемых в паре",
    "col_with_programme": "Наставляемых с ППН",
    "col_young": "Молодых педагогов (до 35 лет) в наставничестве",
    "col_plan_pairs": "Пар с планом",
    "col_on_track": "По плану",
    "col_behind": "Отстают",
    "col_plan_done": "План выполнен",
    "col_responses": "Ответов на анкету",
    "col_satisfaction": "Удовлетворённость (1–10)",
    "col_reason": "Причина",
    "col_question": "Вопрос анкеты мониторинга",
    "total": "Итого по муниципалитету",
    # the document and the page
    "document": "Сводный отчёт о наставничестве педагогов",
    "title": "Наставничество педагогических работников в образовательных организациях",
    "heading_people": "Участники и пары",
    "heading_plan": "Выполнение планов мероприятий и оценки участников",
    "heading_questions": "Средние оценки по вопросам анкеты мониторинга (шкала 1–10)",
    "heading_charts": "Диаграммы",
    "heading_unreadable": "Школы, данные которых не получены",
    "questions_legend": "Вопросы: {legend}.",
    "as_of": "Сведения на {date}",
    "schools": "Школ в отчёте: {total}, данные получены от {read}.",
    "privacy_note": (
        "В отчёте только обобщённые показатели школ, без ФИО, адресов e-mail и текстов участников. "
        "Доля приводится, когда в её основании не менее {min_answers} человек (или пар); средние "
        "оценки — интервалами шкалы 1–10 («7–9») и только из групп не менее чем по {min_answers} "
        "ответов участников, давших согласие на обработку персональных данных."
    ),
    "page_privacy": "Страница содержит только обобщённые сведения школ, без персональных данных участников (152-ФЗ).",
    "page_generated": "Страница подготовлена автоматически программой nastavnik.",
    "page_unreadable": "Данные не получены — школа будет показана после исправления.",
    "chart_alt": "[Диаграмма — данные в таблицах выше]",
    # the command's summary
    "summary": "Сводный отчёт: школ {total}, данные получены от {read}, не получены от {failed}.",
    "school_failed": "Школа «{school}»: {reason}",
    "created": "Документ создан: {link}",
    "found": "Документ на {date} уже есть: {link} — повторно не создаётся.",
    "page_written": "Страница для сайта записана: {html} и {md}",
    "out_unwritable": "Не удалось записать в папку {path}: {reason}. Проверьте права на папку.",
}

# The municipal charts (`jobs.charts.municipal`): one bar per school.
MUNICIPAL_CHARTS = {
    "pairs_title": "Доля наставляемых в паре или группе по школам",
    "pairs_axis": "% наставляемых",
    "pairs_category": "Школа",
    "pairs_count_label": "Наставляемых",
    "pairs_under": "наставляемых: {count}",
    "pairs_note": (
        "Доля — от наставляемых банка школы с согласием на обработку данных. Нет столбца у школ, где "
        "наставляемых меньше {min_answers} (по такой доле узнаётся человек), и у школ, данные которых "
        "не получены («—»)."
    ),
    "plan_title": "Выполнение планов наставнических пар по школам",
    "plan_axis": "Пар",
    "plan_category": "Школа",
    "plan_count_label": "Пар с планом",
    "plan_under": "пар: {count}",
    "plan_note": (
        "Столбец школы сложен из её пар по выполнению плана (снизу вверх: по плану, отстают, план "
        "выполнен). Нет столбца у школ, где пар с планом меньше {min_answers}, и у школ, данные "
        "которых не получены («—»)."
    ),
}
