"""How a person is named where their name must not appear (logs, outputs of a run)."""

TEXT = {
    "person_row": "строка {row} листа «{tab}»",
    "person_pair": "участник пары {pair}",
    "person_masked": "[ФИО скрыто]",
    "person_response_row": "автор ответа в строке {row} выгрузки анкеты",
    "person_response": "автор ответа анкеты",
    "email_masked": "[e-mail скрыт]",
}
