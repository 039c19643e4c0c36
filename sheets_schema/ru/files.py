"""File access errors: permissions, links, the token cache, shared group access."""

# Issue 15 — file errors, permissions, the token cache, shared group access (sync/file_errors.py,
# sync/safe_files.py, sync/google/credentials.py, jobs/cli/cmd_setup.py init --group)
FILES = {
    "message": "Не удалось открыть или записать {path} от имени пользователя {user}: {what}. Как исправить: {fix}",
    "detail": "{path}: {what} (пользователь {user}).",
    "no_permission": "недостаточно прав",
    "read_only": "файловая система только для чтения",
    "disk_full": "диск заполнен",
    "not_a_folder": "часть пути — файл, а не папка",
    "is_a_folder": "это папка, а не файл",
    "missing": "папки нет",
    "fix_chown": "дайте права пользователю {user}: sudo chown -R {user}:{group} {folder} && sudo chmod -R u+rwX {folder}",
    "fix_read_only": (
        "служба nastavnik (systemd) разрешает запись только в {state}: перенесите файл туда и укажите "
        "новый путь в {state}/nastavnik.toml (или добавьте папку в ReadWritePaths= юнита)"
    ),
    "fix_disk_full": "освободите место на диске (сколько свободно: df -h {folder}) и запустите команду снова",
    "fix_not_a_folder": "уберите файл с этим именем или укажите в nastavnik.toml другой путь",
    "fix_is_a_folder": "укажите в nastavnik.toml путь к файлу, а не к папке",
    "fix_missing": "создайте папку: sudo install -d -o {user} -g {group} -m 0700 {folder}",
    "fix_other": "проверьте путь, права и свободное место и запустите команду снова",
    "group_unknown": (
        "Группы «{group}» ([files] group) нет на этом компьютере. Как исправить: создайте её и добавьте "
        "в неё пользователей, которым нужен доступ к файлам: sudo groupadd {group} && sudo usermod -aG {group} {user}"
    ),
    "group_not_member": (
        "Пользователь {user} не входит в группу «{group}» ([files] group) и не может открыть ей файлы. "
        "Как исправить: sudo usermod -aG {group} {user}, затем войдите в систему заново "
        "(или перезапустите службу: sudo systemctl restart nastavnik.service)"
    ),
    "token_not_saved": (
        "Токен Google обновлён, но не сохранён: {reason}. Запуск продолжается с новым токеном в памяти; "
        "пока файл нельзя записать, каждый запуск будет обновлять токен заново."
    ),
    # Issue 15 — init --group (jobs/cli/cmd_setup.py)
    "init_group_done": (
        "Доступ открыт группе «{group}»: папки 2770, файлы 0660 (ключи и токены — только владельцу, 0600); "
        "в {config} записано [files] group = \"{group}\"."
    ),
    "fix_join_group": (
        "папка открыта группе «{group}»: добавьте пользователя в группу — sudo usermod -aG {group} {user}, "
        "затем войдите в систему заново"
    ),
}
