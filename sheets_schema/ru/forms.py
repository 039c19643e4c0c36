"""Creating and publishing the Google forms."""

# --- who may answer the questionnaires: publishing the Google forms (sync/google/forms_publish.py,
# forms_health.py; [google] responders) ---------------------------------------------------------
FORMS_PUBLISH = {
    "who_anyone": "все, у кого есть ссылка (вход в Google не нужен)",
    "who_domain": "все с адресом @{domain} (вход в аккаунт Google домена)",
    "who_groups": "участники групп Google {groups}",
    "published": "   опубликована и принимает ответы; отвечать могут {who} — разошлите им ссылку выше",
    "republished": "Анкета «{form}» была снята с публикации — опубликована снова, приём ответов открыт: {url}",
    "reopened": "Анкета «{form}» не принимала ответы — приём ответов открыт снова: {url}",
    "responders_restored": "Анкета «{form}»: доступ для ответа восстановлен — отвечать могут {who}",
    "legacy": (
        "Анкета «{form}» создана до новых правил Google (у неё нет настроек публикации): "
        "nastavnik не может её опубликовать — проверьте в Google Формах, что она принимает ответы."
    ),
    "grant_refused": (
        "Google не разрешил открыть анкету «{form}» для ответа ({who}): {code} {message}. "
        "Если администратор Google Workspace запретил доступ к файлам вне домена, укажите в "
        "[google] responders = \"domain\" (или \"groups\") либо попросите администратора разрешить "
        "доступ по ссылке, затем повторите nastavnik init --google."
    ),
    "no_shared_drive": (
        "Сервисный аккаунт не может владеть анкетой вне общего диска: укажите в [google] folder_id "
        "папку на общем диске, где у него роль «Менеджер контента» (сейчас: {folder})."
    ),
    # ingest: a form that takes no answers is a problem for «Журнал», not «0 new answers»
    "ingest_not_published": (
        "Форма «{form}» ({form_id}) снята с публикации — учителя не могут её заполнить. "
        "Опубликуйте её снова: nastavnik init --google (или «Опубликовать» в Google Формах)."
    ),
    "ingest_closed": (
        "Форма «{form}» ({form_id}) не принимает ответы — учителя видят «Форма больше не "
        "принимает ответы». Откройте приём: nastavnik init --google (или в Google Формах на "
        "вкладке «Ответы» включите «Принимать ответы»)."
    ),
    # doctor: one line per questionnaire
    "doctor_ok": "Анкета «{form}» опубликована и принимает ответы; отвечать могут {who}: {url}",
    "doctor_legacy": "Анкета «{form}» есть: {url}",
    "doctor_legacy_warning": (
        "форма создана до новых правил Google (нет настроек публикации): проверьте в Google "
        "Формах, что она принимает ответы и кто может отвечать."
    ),
    "doctor_title": "Анкета «{form}» опубликована, принимает ответы и доступна для ответа",
    "doctor_not_created": "Форма Google ещё не создана.",
    "doctor_not_created_fix": "создайте анкеты: nastavnik init --google",
    "doctor_missing": "Форма {form_id} не найдена или недоступна ({code} {status} — {message}).",
    "doctor_missing_fix": (
        "nastavnik init --google создаст анкету заново (принятые ответы останутся в таблице); если "
        "форма есть, откройте её с ролью «Редактор» для учётной записи nastavnik (её называет "
        "nastavnik auth status)"
    ),
    "doctor_not_published": "Форма не опубликована — учителя видят, что форма недоступна.",
    "doctor_closed": "Форма не принимает ответы — учителя видят «Форма больше не принимает ответы».",
    "doctor_no_responders": "Отвечать должны {who}, но такого доступа у формы нет: {missing}.",
    "doctor_fix": (
        "запустите nastavnik init --google — анкета будет опубликована, приём ответов открыт и "
        "доступ для ответа выдан ([google] responders); или вручную в Google Формах: {manual}"
    ),
    "manual_publish": "кнопка «Опубликовать»",
    "manual_accept": "вкладка «Ответы» → «Принимать ответы»",
    "manual_responders": "«Опубликовано» → «Управление респондентами» → {who}",
    "doctor_retry": "Google не ответил: {reason}.",
    "not_open": "Анкеты созданы, но не все открыты для ответа: {reason}",
    "responders_narrowed": (
        "Анкета «{form}»: снят доступ «все, у кого есть ссылка» — по [google] responders отвечать "
        "могут только {who}"
    ),
    "doctor_too_open": (
        "Форма открыта для всех, у кого есть ссылка, а по [google] responders отвечать должны "
        "только {who}."
    ),
    "form_failed": "Анкета «{form}» не создана или не доделана: {reason}",
    "forms_create_refused": (
        "Google не дал создать анкету «{form}»: forms.create ответил {code} {status} ({message}). "
        "Сервисный аккаунт {who} не владеет файлами «Моего диска», а forms.create создаёт форму "
        "именно там. Выход: укажите в [google] folder_id папку на общем диске, где у аккаунта роль "
        "«Менеджер контента» (nastavnik создаст анкеты прямо в ней), или включите делегирование на "
        "уровне домена и укажите [google] subject (адрес сотрудника), или войдите как сотрудник "
        "(auth = \"oauth\"); затем снова nastavnik init --google."
    ),
    # a form not yet made: what `nightly`/`ingest` say — init either makes it or says why Google refused
    "not_created": (
        "Анкета «{form}»: форма Google ещё не создана. Запустите nastavnik init --google — он создаст "
        "анкеты, а если Google откажет, назовёт отказавший вызов (forms.create) и что изменить в настройках."
    ),
    "forms_create_refused_user": (
        "Google не дал создать анкету «{form}»: forms.create ответил {code} {status} ({message}). "
        "Проверьте, что у учётной записи nastavnik включены Google Формы (Admin console → "
        "Приложения → Google Workspace → Формы) и выдано право «Формы» (scope forms.body) при "
        "входе; затем снова nastavnik init --google."
    ),
}
