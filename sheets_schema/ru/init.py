"""`nastavnik init`: a new workspace, the sample, the Google spreadsheet and folder."""

TEXT = {
    "demo_created": "Создано демонстрационное рабочее пространство: {path}",
    "demo_where": "Откройте {workbook}: статусы проверки — в столбцах «Статус» и «Сообщение» листов «Наставляемые» и «Наставники»; предложенные пары с обоснованием — на листе «Предложения» (утвердите пару, выбрав «утверждено», и запустите nastavnik match); дорожная карта — «Дорожная карта»; журнал запусков — «Журнал».",
    "init_done": "Рабочее пространство создано: {path}\nНастройки: {config}\nДальше: nastavnik --config {config} validate",
    "init_needs_dir": "Укажите папку для нового рабочего пространства: nastavnik init ПАПКА (или nastavnik --config ФАЙЛ init --google для таблицы Google).",
    "init_google_created": "Таблица Google создана: {url}\nЕё ID записан в {config} ([google] spreadsheet_id).",
    "init_google_found": "Таблица Google уже есть, добавлены недостающие листы {tabs}: {url}\nЕё ID записан в {config} ([google] spreadsheet_id).",
    "init_google_found_complete": "Таблица Google уже есть, все листы на месте: {url}\nЕё ID записан в {config} ([google] spreadsheet_id).",
    "init_sample": "Добавлено условных сотрудников: {count} (наставников {mentors}, наставляемых {mentees}); намеренных ошибок в данных: {errors}.",
    "init_google_folder": "Папка Google Диска «{name}» (программа создала её сама или нашла созданную ранее): {url}\nЕё ID записан в {config} ([google] folder_id). Папку можно переименовать, переместить и открыть коллегам — доступ у программы останется.",
}
