"""Matching (`nastavnik match`): reasons, alternatives, why a mentee has no pair, the run summary."""

from typing import Any

# --- `nastavnik match`: proposals, reasons, approval -----------------------------------------
MATCHING: dict[str, Any] = {  # texts beside word lists and sub-tables: read by key
    "pair_id": "П-{number:03d}",
    "group_id": "Г-{number:03d}",
    # reasons of a proposed pair, joined with "; "
    "reason_preferred": "желаемый наставник",
    "reason_subject": "совпадает предмет: {subject}",
    "reason_related": "смежный предмет: {mentor_subject}",
    "reason_difficulties": "закрывает затруднения: {items}",
    "reason_levels": "уровень образования: {items}",
    "reason_experience": "стаж наставника {years} {unit}",
    "reason_category": "категория: {category}",
    "reason_form": "форма: {form}",
    "reason_timetable": "общие дни: {days}",
    "reason_trained": "обучение наставников пройдено",
    "reason_group": "группа по затруднению «{difficulty}»: {count} {unit}",
    "reason_separator": "; ",
    "alternative": "{name} ({email}) — {score}",
    "alternatives_separator": "; ",
    "no_alternatives": "других подходящих наставников нет",
    # why a mentee has no pair
    "unmatched_no_mentors": "нет наставников со свободными местами (все наставники заняты или не прошли проверку)",
    "unmatched_shortfall": "нет свободных наставников по предмету «{subject}»: {mentees} {mentees_unit}, {places} {places_unit}",
    "unmatched_taken": "все подходящие наставники ({count}) заняты наставляемыми, для которых они подходят лучше",
    "unmatched_rule": "все наставники исключены правилом: {rule}",
    "unmatched_rules": "все наставники исключены правилами: {rules}",
    "rule_count": "{rule} — {count}",
    "rule_self": "нельзя быть наставником самому себе",
    "rule_gap": "наставник опытнее менее чем на {gap} {unit}",
    "rule_rejected": "пара отклонена куратором",
    "rule_ended": "пара уже была и завершена или прекращена",
    "rule_min_score": "меньше {points} баллов",
    "mentor_rule_years": "стаж наставника меньше {years} {unit}",
    "mentor_rule_training": "наставник не прошёл обучение наставников",
    "mentor_rule_full": "у наставника нет свободных мест",
    "unmatched_support": "нужна психолого-педагогическая поддержка; подбор повторится при следующем запуске",
    # units (1, 2–4, 5+)
    "years_units": ("год", "года", "лет"),
    "mentee_units": ("наставляемый", "наставляемых", "наставляемых"),
    "place_units": ("место", "места", "мест"),
    "points_unit": "б.",
    # run summary (CLI and «Журнал»)
    "summary": "Подбор пар: наставляемых без пары в начале {cohort}; предложено пар {proposed}; без пары {unmatched}; суммарный балл {total}.",
    "summary_optimal": "Распределение оптимально: суммарный балл наибольший из возможных (доказано двойственной оценкой, кандидатов проверено {candidates}).",
    "summary_group_optimal": "Распределение с группами оптимально (CP-SAT).",
    "summary_group_limit": "Лучшее распределение с группами не доказано за {seconds} с: найденный суммарный балл {total}, верхняя оценка {bound}. Увеличьте [matching] group_time_limit.",
    "summary_changes": "С прошлого запуска: новых предложений {new}; изменилось {changed}; снято {dropped}; без изменений {unchanged}.",
    "summary_approved": "Утверждено куратором и перенесено на лист «Пары»: {count} ({ids}).",
    "summary_not_transferred": "Утверждённое предложение {mentee} — {mentor} не перенесено на лист «Пары»: {why}.",
    "not_ok_mentee": "наставляемый {email} не имеет статуса OK на листе «Наставляемые»",
    "not_ok_mentor": "наставник {email} не имеет статуса OK на листе «Наставники»",
    "dry_run": "Пробный запуск (--dry-run): ничего не записано.",
    "done": "Предложения записаны на лист «Предложения». Выберите в столбце «Статус» «утверждено» или «отклонено» и запустите nastavnik match снова.",
    # config
    "config_groups_shape": "{path}: «matching.subject_groups» — каждая группа должна быть списком предметов в кавычках, а указано {value}",
    "config_groups_subject": "{path}: «matching.subject_groups» — предмета «{value}» нет в списке. Допустимые предметы: {allowed}",
}
