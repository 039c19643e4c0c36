"""A run as staff see it: outcomes in «Журнал», summaries, dry runs, the run record and the run lock."""

TEXT = {
    "outcome_ok": "выполнено",
    "outcome_structure": "ошибка структуры",
    "outcome_failed": "сбой",
    "outcome_rows": "выполнено, есть ошибки в строках",
    "validate_summary": "Лист «{tab}»: строк {total}; OK {ok}; ошибок {error}; нет согласия {no_consent}; изменено ячеек {changed}.",
    "validate_done": "Проверка завершена. Статусы записаны в столбцы «Статус» и «Сообщение».",
    "nightly_step": "Шаг «{job}»: {outcome}.",
    "run_in_progress": (
        "Уже идёт другой запуск ({holder}). Дождитесь его окончания; если процесса уже нет, "
        "блокировка снимется сама (файл {path})."
    ),
    "step_crashed": "шаг прерван внутренней ошибкой ({error}); остальные шаги выполнены, подробности — в журнале запуска",
    # Issue 19: the night's completion runs inside the monitoring step (jobs/nightly.py)
    "completion_not_run": "пары не проверены на окончание срока: шаг «{step}», в котором это делается, прерван — см. его ошибку",
    # Issue 21: progress on a terminal (jobs/cli/progress.py)
    "progress_line": "{done} из {total}: {what}…",
    "progress_programme": "программа пары {pair}",
    "progress_match_read": "чтение банков и пар",
    "progress_match_solve": "подбор пар",
    "progress_match_write": "запись предложений",
    "dry_run_header": "Пробный запуск (--dry-run): ничего не записано и не создано.",
    "dry_run_cells": "Лист «{tab}»: изменилось бы ячеек: {count}.",
    "dry_run_nothing": "Изменений не было бы.",
    # Issue 15 — failures visible from outside: last-run.json, postponed «Журнал» rows, JSON logs
    # (jobs/run_record.py, jobs/cli/run.py)
    "outcome_config": "ошибка настроек",
    "outcome_refused": "не выполнен: рабочее пространство занято или недоступно",
    "outcome_crashed": "непредвиденный сбой",
    "journal_postponed_id": "отложенная запись {id}",
    "journal_postponed_note": (
        "Строка записана позже, {written}: во время запуска «Журнал» нельзя было записать{reason}; "
        "{marker}."
    ),
    "journal_flushed": "В «Журнал» записаны строки прошлых запусков, ждавшие записи: {count}.",
    "journal_flush_failed": (
        "Строки «Журнала» прошлых запусков ({count}) пока не записаны: {reason}. Они сохранены в "
        "папке состояния и будут записаны при следующем запуске."
    ),
    "journal_postpone_failed": (
        "Строку «Журнала» не удалось ни записать, ни сохранить до следующего запуска в {path}: "
        "{reason}"
    ),
    "last_run_failed": (
        "Итог запуска не записан в {path}: {reason} Без этого файла мониторинг сервера не видит, "
        "как прошёл запуск; папку состояния задаёт [files] state_dir файла настроек."
    ),
    "run_crashed": (
        "Непредвиденный сбой команды {command}: {error}. Записанное раньше не изменено; команда, "
        "которая пишет, отметила сбой в last-run.json и «Журнале». Сообщите о сбое разработчикам, "
        "приложив журнал (stderr) с текстом ниже."
    ),
    "run_summary": "Команда {command}: {outcome}, код выхода {exit_code}, {duration} с.",
    # Issue 15 — a run stopped by SIGTERM (timeout, systemd) still leaves its record (jobs/cli/run.py)
    "outcome_terminated": "прерван сигналом завершения (timeout или остановка службы)",
    "run_terminated": (
        "Команда {command} прервана сигналом завершения (SIGTERM: истёк timeout или служба "
        "остановлена). Уже записанное сохранено целиком; следующий запуск продолжит работу. Если "
        "запуск не успевает, увеличьте timeout в строке cron или TimeoutStartSec= в юните."
    ),
}
