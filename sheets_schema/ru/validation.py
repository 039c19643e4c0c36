"""Row-level messages of `validate`: "<column>: "<value>" — <what is wrong>; <how to fix>"."""

# --- Row-level messages: "<column>: "<value>" — <what is wrong>; <how to fix>" ---------------
MESSAGES = {
    "empty": "{column}: не заполнено; {fix}",
    "not_number": '{column}: "{value}" — не число; {fix}',
    "not_integer": '{column}: "{value}" — не целое число; {fix}',
    "out_of_range": '{column}: "{value}" — вне допустимого диапазона {low}–{high}; {fix}',
    "bad_email": '{column}: "{value}" — неверный адрес электронной почты; {fix}',
    "email_spaces": '{column}: "{value}" — пробел внутри адреса; уберите пробелы, например ivanova@school.ru',
    "email_invisible": '{column}: "{value}" — в адресе есть невидимый символ (бывает при копировании с сайта); сотрите адрес и наберите его заново',
    "email_several": '{column}: "{value}" — несколько адресов в одной ячейке; оставьте один адрес этого человека',
    "not_date": '{column}: "{value}" — не дата; укажите дату в виде ДД.ММ.ГГГГ, например 01.09.2025',
    "no_such_date": '{column}: "{value}" — такой даты нет в календаре; проверьте день и месяц',
    "date_in_future": '{column}: "{value}" — дата ещё не наступила; укажите дату, когда согласие подписано',
    "date_too_old": '{column}: "{value}" — слишком ранняя дата; проверьте год',
    "not_in_list": '{column}: "{value}" — нет в списке; {fix}',
    "not_yes_no": '{column}: "{value}" — ожидается «да» или «нет»; выберите значение из списка',
    "formula": '{column}: "{value}" — похоже на формулу; введите значение текстом, без знака «{first}» в начале',
    "name_digits": '{column}: "{value}" — в ФИО есть цифры или знаки; укажите фамилию, имя и отчество буквами',
    "name_short": '{column}: "{value}" — укажите хотя бы фамилию и имя, например Иванова Мария Петровна',
    "mixed_script": '{column}: "{value}" — смешаны русские и латинские буквы (латинские: {letters}); перепечатайте ФИО русскими буквами',
    "too_long": "{column}: значение длиннее {limit} символов ({length}); сократите текст",
    "duplicate_in_bank": '{column}: "{value}" — повторяется в строках {rows}; у каждого человека должна быть одна строка, удалите или объедините повторы',
    "in_both_banks": '{column}: "{value}" — этот человек есть и на листе «{other_tab}» (строка {row}); оставьте его только на одном листе',
    "no_pd_consent": "Нет согласия на обработку персональных данных: внесите дату согласия в столбец «{column}»",
    "no_duty_consent": "Нет письменного согласия на наставническую деятельность: внесите дату согласия в столбец «{column}»",
    "suggest": "возможно, «{choice}»",
    "uncomputed_formula": "{column}: формула без вычисленного значения — откройте и сохраните файл в Excel/LibreOffice",
    # the mentee's preferred mentor not found in the mentor bank: a note, the row stays OK
    "preferred_unknown": '{column}: "{value}" — нет на листе «{tab}»; похожие: {nearest}. Пока не исправлено, пожелание не учитывается при подборе; впишите ФИО (можно в любом падеже), фамилию с инициалами или e-mail наставника',
    "preferred_unknown_far": '{column}: "{value}" — нет на листе «{tab}», похожих имён тоже нет. Пока не исправлено, пожелание не учитывается при подборе; впишите ФИО (можно в любом падеже), фамилию с инициалами или e-mail наставника',
    "preferred_ambiguous": '{column}: "{value}" — подходят несколько наставников: {candidates}. Пока не исправлено, пожелание не учитывается при подборе; допишите имя и отчество или впишите e-mail нужного наставника',
}

# Answers to «Желаемый наставник» that name nobody (compared folded: lower case, ё as е,
# without the punctuation around them): no note is written for them.
PREFERRED_NONE = frozenset({
    "нет", "-", "—", "–", "no", "не знаю", "никого", "любой", "любого", "не важно", "неважно",
    "без разницы", "затрудняюсь ответить", "нет пожеланий", "на усмотрение куратора", "не имеет значения",
})

FIXES = {
    "years": "укажите число лет, например 20",
    "capacity": "укажите число от {low} до {high}, например {example}",
    "email": "укажите адрес вида ivanova@school.ru",
    "choice": "выберите значение из выпадающего списка",
    "multichoice": "выберите значение из выпадающего списка столбца (несколько значений — через запятую)",
    "required": "это обязательное поле",
}
