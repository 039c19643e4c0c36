#!/bin/sh
# nastavnik-failure UNIT — run by nastavnik-failure@.service when UNIT (nastavnik.service) fails:
# mails its status, the last lines of its journal and last-run.json to $NASTAVNIK_MAILTO with
# sendmail, or, without sendmail, writes them to the journal at priority err. Installed by
# deploy/install.sh as /opt/nastavnik/bin/nastavnik-failure.
set -u
unit=${1:-nastavnik.service}
to=${NASTAVNIK_MAILTO:-root}
state=${NASTAVNIK_STATE:-/var/lib/nastavnik}
host=$(hostname 2>/dev/null || echo server)

report() {
    echo "nastavnik: ночной запуск ($unit) на сервере $host завершился с ошибкой."
    echo "Код выхода, шаги и их итог — в $state/last-run.json (ниже); подробности: journalctl -u $unit"
    echo "Коды выхода: 1 — структура листа; 2 — настройки; 3 (systemd пишет NOTIMPLEMENTED) — рабочее пространство, файл или Google."
    echo
    echo "== systemctl status $unit"
    systemctl status --no-pager --lines=0 "$unit" 2>&1
    echo
    echo "== journalctl -u $unit -n 40"
    journalctl -u "$unit" -n 40 --no-pager 2>&1
    echo
    echo "== $state/last-run.json"
    cat "$state/last-run.json" 2>&1
}

if command -v sendmail >/dev/null 2>&1; then
    {
        printf 'To: %s\n' "$to"
        printf 'Subject: nastavnik: nightly run failed on %s (%s)\n' "$host" "$unit"
        printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n'
        report
    } | sendmail -i -- "$to"
else
    report | systemd-cat -t nastavnik-failure -p err
fi
