"""Orders and personalised programmes (`nastavnik orders`) and their templates."""

from typing import Any

DOCUMENTS: dict[str, Any] = {  # texts beside word lists and sub-tables: read by key
    # fill texts
    "blank_number": "________",
    "blank_date": "«____» ______________ 20___ г.",
    "regulation": ", утверждённым приказом {regulation}",
    "pairs_count": "{count}",
    "role_mentor": "наставник",
    "role_mentee": "наставляемый",
    "role_coordinator": "куратор",
    "goal": (
        "Оказание помощи наставляемому в профессиональном становлении и адаптации, "
        "преодолении выявленных профессиональных затруднений, развитии профессиональных "
        "компетенций."
    ),
    "no_difficulties": "затруднения уточняются на первой встрече наставника и наставляемого",
    "task_general": "закрепить полученные умения в практической деятельности",
    "result_general": "наставляемый уверенно выполняет профессиональные задачи, затруднения преодолены",
    "due_whole": "в течение срока программы",
    "due_last": "последний",
    "due_whole_words": ("весь срок", "в течение программы", "в течение срока программы", "весь период"),
    "monitoring_mid": "Промежуточный мониторинг (анкетирование наставников и наставляемых)",
    "monitoring_final": "Итоговый мониторинг и оценка результатов программ наставничества",
    "form_group": "групповая",
    "form_single": "традиционная (один на один)",
    "months": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
               "октябрь", "ноябрь", "декабрь"),
    "position_subject": "{position}, {subject}",
    # pairs held back
    "held_back": "Пара {pair} (строка {row} листа «Пары») не включена в приказ: {reasons}.",
    "no_pd_consent": "нет согласия на обработку персональных данных {role} {name} (лист «{tab}», столбец «{column}»)",
    "no_duty_consent": "нет письменного согласия наставника {name} на наставническую деятельность (лист «{tab}», столбец «{column}»)",
    "bad_consent": "дата согласия {role} {name} указана с ошибкой (лист «{tab}», столбец «{column}»: «{value}»)",
    "not_in_bank": "{role_cap} {email} не найден(а) на листе «{tab}»",
    "no_mentee": "не указаны наставляемые (столбец «{column}»)",
    "role_gen_mentor": "наставника",
    "role_gen_mentee": "наставляемого",
    "bad_pair_date": "Пара {pair} (строка {row} листа «Пары»): «{column}» — «{value}» не дата ДД.ММ.ГГГГ; взят срок по умолчанию.",
    # templates
    "template_unknown": "Шаблон «{template}» ({where}): неизвестное поле {{{{{name}}}}}{hint}. Исправьте поле в шаблоне; допустимые поля: {allowed}.",
    "template_hint": " — возможно, {{{{{suggestion}}}}}",
    "template_missing": "Шаблон «{template}» ({where}): нет обязательного поля {{{{{name}}}}}. Верните его в шаблон (можно взять из шаблона по умолчанию: удалите шаблон, и он будет создан заново).",
    "template_bad_name": "Шаблон «{template}» ({where}): «{text}» — не поле; поле пишется латиницей в двойных фигурных скобках, например {{{{school}}}}.",
    "template_unclosed": "Шаблон «{template}» ({where}): незакрытые фигурные скобки рядом с «{text}»; поле пишется как {{{{имя}}}}.",
    "template_no_row": "Шаблон «{template}» ({where}): поле {{{{{name}}}}} должно стоять в повторяемой строке таблицы ({how}).",
    "template_row_docx": "строка между «{{%tr for {item} in {rows} %}}» и «{{%tr endfor %}}»",
    "template_row_google": "одна строка таблицы, в которой стоят поля {{{{{item}.…}}}}",
    "template_two_rows": "Шаблон «{template}» ({where}): поля {{{{{item}.…}}}} стоят в нескольких строках таблиц; оставьте их в одной строке.",
    "template_syntax": "Шаблон «{template}» ({where}): ошибка в разметке шаблона: {reason}.",
    "template_unreadable": "Шаблон «{template}» ({where}) не открывается: {reason}. Восстановите файл или удалите его — шаблон по умолчанию будет создан заново.",
    "templates_stop": "Документы не созданы: исправьте шаблоны и запустите команду снова.",
    "template_placed": "Создан шаблон по умолчанию «{name}»: {where}",
    "template_will_place": "Шаблона «{name}» нет — будет создан шаблон по умолчанию.",
    # run summary
    "summary_pairs": "Пар со статусом «утверждена» без приказа: {candidates}; в приказ: {ready}; не включены: {held}.",
    "order_created": "Приказ о закреплении пар ({count}): {link}",
    "order_found": "Приказ уже создан ранее ({count} пар), ссылки дописаны: {link}",
    "programmes": "Программ наставничества: создано {created}, найдено созданных ранее {found}.",
    "nothing_to_do": "Новых утверждённых пар нет — документы не создавались.",
    "dry_run": "Пробный запуск (--dry-run): документы не созданы, таблица не изменена.",
    "dry_order": "Будет создан приказ о закреплении {count} пар, программы для них и дополнительные соглашения с наставниками.",
    "implementation_created": "Приказ о реализации целевой модели наставничества: {link}",
    "implementation_found": "Приказ о реализации целевой модели наставничества на {year} учебный год уже создан: {link}",
    "dry_implementation": "Будет создан приказ о реализации целевой модели наставничества на {year} учебный год и Положение о наставничестве (приложение 1).",
    "rows_lost": "{count} строк(и) листа «Пары» изменились во время работы; ссылки на документы будут дописаны при следующем запуске.",
    "pdf_missing": "PDF не созданы: не найдена программа LibreOffice (soffice). Установите LibreOffice или отключите [documents] pdf.",
    "pdf_failed": "PDF для «{name}» не создан: {reason}",
    "duplicate_trashed": "Найдена копия документа «{name}» (повтор после сбоя связи) — перемещена в корзину.",
    "bad_monitoring_date": "{path}: [documents] monitoring_dates — «{value}» не дата ДД.ММ.ГГГГ.",
    "bad_order_date": "{path}: [documents] order_date — «{value}» не дата ДД.ММ.ГГГГ.",
    "folder_templates": "Шаблоны nastavnik",
    "folder_documents": "Документы nastavnik",
    "templates_failed": "Шаблоны документов не созданы: {reason}. Они будут созданы при следующем запуске nastavnik orders.",
    "cli_done": "Готово.",
    "image_failed": (
        "Диаграмма не вставлена в документ «{name}»: {reason}. Вместо неё в документе строка-пояснение; "
        "цифры — в таблице рядом. Если в домене Google запрещён доступ «всем, у кого есть ссылка», "
        "диаграмму можно вставить вручную из листа «Итоги мониторинга»."
    ),
    # who, in messages about a person without consent to personal-data processing (never the name)
    "unnamed_person": "в строке {row}",
    # --- what a local template may hold, and its rendering budget (sync/local/template_sandbox.py) --
    "template_tag_refused": (
        "Шаблон «{template}» ({where}): тег «{tag}» не разрешён — в шаблоне можно использовать только "
        "поля {{{{…}}}}, повтор строки таблицы {{%tr for … %}} и условия {{% if поле %}}; удалите тег "
        "или замените его полем."
    ),
    "template_tag_nested": (
        "Шаблон «{template}» ({where}): тег «{tag}» стоит внутри другого повтора строки — повторы "
        "строк таблицы не вкладываются друг в друга; оставьте один повтор."
    ),
    "template_tag_google": (
        "Шаблон «{template}» ({where}): тег «{tag}» в Google Документе не работает — поля {{{{…}}}} "
        "заменяются сами, а строка таблицы с полями {{{{pair.…}}}} повторяется для каждой пары сама; "
        "удалите тег."
    ),
    "template_render_slow": (
        "Документ «{name}» не создан: шаблон «{template}» ({where}) заполнялся дольше {seconds} с, "
        "заполнение остановлено. Проверьте повторы строк в шаблоне (или удалите шаблон — будет "
        "создан шаблон по умолчанию) и запустите команду снова."
    ),
    "template_render_big": (
        "Документ «{name}» не создан: по шаблону «{template}» ({where}) получается больше {mb} МБ "
        "разметки, заполнение остановлено. Проверьте повторы строк в шаблоне (или удалите шаблон — "
        "будет создан шаблон по умолчанию) и запустите команду снова."
    ),
    # Issue 16 — exactly once on Google: documents, forms and pictures named when a step fails
    "document_failed": (
        "Документ «{name}» ({link}) не доделан: {reason} Сделанное сохранено; запустите ту же "
        "команду ещё раз — nastavnik найдёт документ по ключу и заполнит его, второй копии не будет."
    ),
    "image_still_shared": (
        "Документ «{name}»: доступ по ссылке к картинке {where} не отозван ({reason}) — откройте "
        "файл и в «Настройках доступа» выберите «Доступ ограничен», затем удалите его."
    ),
    "image_not_removed": (
        "Документ «{name}»: картинка {where} (доступ по ссылке уже отозван) не удалена ({reason}) — "
        "удалите её вручную."
    ),
    # --- issue 18: payment (art. 351.8 ТК РФ), the Положение, addenda, order wording -----------
    "regulation_title_default": "Положение о системе наставничества педагогических работников",
    "payment_source_default": "за счёт стимулирующей части фонда оплаты труда",
    "payment_amount": "{amount} руб. {period}",
    "payment_period": "в месяц",
    "payment_percent": "{share}% {base}",
    "payment_percent_base": "должностного оклада (ставки заработной платы)",
    "payment_item": (
        "Установить наставникам, указанным в пункте 1, доплату за наставническую деятельность в "
        "размере {size} {source} на срок реализации персонализированной программы наставничества "
        "(статья 351.8 Трудового кодекса Российской Федерации)."
    ),
    "payment_default_terms": (
        "в размере и порядке, установленных локальным нормативным актом {school} об оплате труда работников"
    ),
    "payment_sized_terms": "в размере {size} {source}",
    "payment_clause_note": (
        "[documents] payment — свободный текст пункта приказа; размер доплаты в дополнительных "
        "соглашениях не указан (в них — «по локальному акту об оплате труда»). Укажите размер: "
        "payment = \"3000 руб. в месяц\" или \"15% должностного оклада\", источник — payment_source."
    ),
    "bad_payment": (
        "{path}: [documents] payment — «{value}» не размер доплаты. Укажите сумму (\"3000 руб. в месяц\") "
        "или процент (\"15% должностного оклада\"); источник выплаты — в [documents] payment_source."
    ),
    "bad_payment_percent": "{path}: [documents] payment — «{value}»: процент должен быть больше 0 и не больше 100.",
    "regulation_ground": "{title}{school}{details}",
    "regulation_of_school": " {school}",
    "regulation_details": ", утверждённым приказом {regulation}",
    "regulation_title_case_fallback": "локальным нормативным актом «{title}»",
    "participants_pd": "(участниками дано согласие на обработку персональных данных)",
    "appendix_programmes": "Персонализированные программы наставничества ({count}): {ids}",
    "appendix_addenda": "Проекты дополнительных соглашений к трудовым договорам наставников ({count}): {names}",
    "appendix_regulation": "{title}",
    "appendix_roadmap": "Дорожная карта (план мероприятий) по реализации целевой модели наставничества педагогических работников",
    "not_a_name": (
        "[school] {key} — «{value}» не похоже на ФИО; в документах оставлено как есть. Впишите ФИО "
        "(например, «Петрова Анна Сергеевна») в файл настроек."
    ),
    "name_blank": "______________________",
    "acting_m": "действующего",
    "acting_f": "действующей",
    "named_m": "именуемый",
    "named_f": "именуемая",
    "named_unknown": "именуемый(ая)",
    "mentee_with_post": "{name} ({post})",
    "addendum_created": "Дополнительные соглашения к трудовым договорам наставников: создано {created}, найдено созданных ранее {found}.",
    "regulation_created": "Положение (приложение 1 к приказу о реализации целевой модели): {link}",
    "regulation_found": "Положение (приложение 1 к приказу о реализации целевой модели) уже создано: {link}",
    # the implementation order's roadmap when the order is made after some due dates have passed
    "due_done_before": "{due} (выполнено)",
    "due_this_order": "{date} (настоящий приказ)",
    "due_moved": "{new} (перенесено: срок {old} прошёл до издания приказа)",
    "roadmap_moved_note": (
        "Сроки мероприятий, прошедшие до издания приказа и не выполненные, перенесены на {new} "
        "(в пределах учебного года); выполненные отмечены."
    ),
    "stage_name": "{no}. {name}",
    "years_forms": ("год", "года", "лет"),
    "years_gen_forms": ("года", "лет", "лет"),  # «не менее 1 года», «не менее 3 лет»
    "months_forms": ("месяц", "месяца", "месяцев"),
    "mentees_forms": ("наставляемого", "наставляемых", "наставляемых"),
    "regulation_monitoring_default": "промежуточный — в декабре, итоговый — в мае",
    "form_quoted": "«{form}»",
    "capacity_exact": "{mentees}",
    "capacity_range": "от {low} до {mentees}",
    "monitoring_item": "{name} — до {date}",
    # the implementation order's own event on «Дорожная карта» (its text starts so)
    "this_order_event": "Приказ «О реализации целевой модели наставничества»",
    "months_gent": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                    "октября", "ноября", "декабря"),
    # Issue 16 — a picture an interrupted run left behind
    "image_swept": "Картинка «{name}», оставшаяся от прерванного запуска, закрыта для доступа по ссылке и удалена.",
}
