#!/bin/sh
# Install nastavnik on a Debian/Ubuntu server, as root, from a copy of the repository:
#
#     sudo sh deploy/install.sh [--schedule timer|cron] [--timezone Europe/Moscow]
#
# Safe to run again (to upgrade the code, or after a change): it creates only what is missing,
# never touches the school's files in /var/lib/nastavnik and never writes nastavnik.toml.
#   - the system user and group nastavnik (useradd --system, home /var/lib/nastavnik, no shell);
#   - the package python3-venv (apt-get);
#   - /opt/nastavnik/.venv — the code, installed with the pinned versions of deploy/constraints.txt;
#   - /var/lib/nastavnik (2770 nastavnik:nastavnik) with credentials/ (0700) — the one state folder;
#   - /var/log/nastavnik (2750 nastavnik:nastavnik);
#   - the systemd units and timer (default) or /etc/cron.d/nastavnik (--schedule cron), the OnFailure
#     hook /opt/nastavnik/bin/nastavnik-failure, /etc/logrotate.d/nastavnik.
# The time zone of the schedule: --timezone, else [school] timezone of an existing
# /var/lib/nastavnik/nastavnik.toml, else Europe/Moscow.
#
# --root DIR (or DESTDIR=DIR) installs under DIR instead of / and changes nothing else on this
# computer: no apt-get, no useradd, no chown, no systemctl — it prints what it would run.
# --no-venv skips creating the virtual environment and pip (printed instead).
set -eu

root=${DESTDIR:-}
schedule=
timezone=
venv=yes
user=nastavnik

usage() {
    echo "Использование: sudo sh deploy/install.sh [--schedule timer|cron] [--timezone ЗОНА] [--root ПАПКА] [--no-venv]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --root) [ $# -ge 2 ] || usage; root=$2; shift 2 ;;
        --root=*) root=${1#--root=}; shift ;;
        --schedule) [ $# -ge 2 ] || usage; schedule=$2; shift 2 ;;
        --schedule=*) schedule=${1#--schedule=}; shift ;;
        --timezone) [ $# -ge 2 ] || usage; timezone=$2; shift 2 ;;
        --timezone=*) timezone=${1#--timezone=}; shift ;;
        --no-venv) venv=no; shift ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) echo "Неизвестный параметр: $1" >&2; usage ;;
    esac
done

root=${root%/}
src=$(cd "$(dirname "$0")/.." && pwd)
opt=$root/opt/nastavnik
state=$root/var/lib/nastavnik
logs=$root/var/log/nastavnik
etc=$root/etc

# Steps that change the system outside `root` only run for a real install.
system() {
    if [ -n "$root" ]; then
        echo "(--root) выполнил бы: $*"
    else
        "$@"
    fi
}

# systemctl only where systemd runs (a cron-only server has none).
systemd() {
    if [ -n "$root" ] || [ -d /run/systemd/system ]; then
        system systemctl "$@"
    fi
}

if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
    echo "Запустите от имени root: sudo sh deploy/install.sh" >&2
    exit 2
fi
if [ ! -f "$src/pyproject.toml" ] || [ ! -f "$src/deploy/constraints.txt" ]; then
    echo "Не найден проект рядом со скриптом ($src/pyproject.toml, $src/deploy/constraints.txt): запускайте deploy/install.sh из копии репозитория." >&2
    exit 2
fi
if [ -z "$schedule" ]; then
    if [ -d /run/systemd/system ]; then schedule=timer; else schedule=cron; fi
fi
case "$schedule" in timer|cron) ;; *) echo "--schedule: timer или cron, а не «$schedule»" >&2; exit 2 ;; esac
if [ -z "$timezone" ] && [ -f "$state/nastavnik.toml" ]; then
    timezone=$(sed -n 's/^[[:space:]]*timezone[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$state/nastavnik.toml" | head -n 1)
fi
timezone=${timezone:-Europe/Moscow}
case "$timezone" in *[!A-Za-z0-9_/+-]*) echo "--timezone: «$timezone» — не название часового пояса (например, Europe/Moscow)" >&2; exit 2 ;; esac

echo "1. Пакет python3-venv"
system apt-get install -y python3-venv

echo "2. Пользователь и группа $user"
if [ -z "$root" ] && getent passwd "$user" >/dev/null; then
    echo "   уже есть"
else
    system useradd --system --user-group --home-dir /var/lib/nastavnik --no-create-home --shell /usr/sbin/nologin "$user"
fi

echo "3. Папки"
mkdir -p "$opt/bin" "$state" "$state/credentials" "$logs"
chmod 0755 "$opt" "$opt/bin"
chmod 2770 "$state"
chmod 0700 "$state/credentials"
chmod 2750 "$logs"
system chown "$user:$user" "$state" "$state/credentials" "$logs"
echo "   $opt (код), $state (состояние, 2770), $logs (журналы, 2750)"

echo "4. Программа в $opt/.venv (версии из deploy/constraints.txt)"
if [ "$venv" = yes ]; then
    if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "Нужен Python 3.11 или новее (python3 --version: $(python3 --version 2>&1)): Debian 12, Ubuntu 24.04 или новее." >&2
        exit 2
    fi
    [ -x "$opt/.venv/bin/python" ] || python3 -m venv "$opt/.venv"
    "$opt/.venv/bin/pip" install --quiet --upgrade -c "$src/deploy/constraints.txt" "$src"
else
    echo "(--no-venv) выполнил бы: python3 -m venv $opt/.venv && $opt/.venv/bin/pip install --upgrade -c $src/deploy/constraints.txt $src"
fi
install -m 0644 "$src/README.md" "$src/config.example.toml" "$opt/"
install -m 0755 "$src/deploy/nastavnik-failure.sh" "$opt/bin/nastavnik-failure"

echo "5. Расписание: $schedule, 02:30 по часовому поясу $timezone; logrotate"
mkdir -p "$etc/systemd/system" "$etc/cron.d" "$etc/logrotate.d"
install -m 0644 "$src/deploy/nastavnik.service" "$src/deploy/nastavnik-failure@.service" "$etc/systemd/system/"
install -m 0644 "$src/deploy/nastavnik.logrotate" "$etc/logrotate.d/nastavnik"
if [ "$schedule" = timer ]; then
    sed "s|Europe/Moscow|$timezone|" "$src/deploy/nastavnik.timer" > "$etc/systemd/system/nastavnik.timer"
    chmod 0644 "$etc/systemd/system/nastavnik.timer"
    if [ -f "$etc/cron.d/nastavnik" ]; then
        rm -f "$etc/cron.d/nastavnik"
        echo "   /etc/cron.d/nastavnik удалён: теперь расписание — таймер"
    fi
else
    sed "s|^CRON_TZ=.*|CRON_TZ=$timezone|" "$src/deploy/nastavnik.cron" > "$etc/cron.d/nastavnik"
    chmod 0644 "$etc/cron.d/nastavnik"
    rm -f "$etc/systemd/system/nastavnik.timer"
    systemd disable --now nastavnik.timer 2>/dev/null || true
fi
systemd daemon-reload

echo "6. Настройки $state/nastavnik.toml"
if [ -f "$state/nastavnik.toml" ]; then
    echo "   уже есть — не изменены"
    if [ "$schedule" = timer ]; then
        systemd enable --now nastavnik.timer
    fi
    echo "Готово. Проверка: sudo -u $user /opt/nastavnik/.venv/bin/nastavnik --config /var/lib/nastavnik/nastavnik.toml doctor"
else
    echo "   ещё нет. Создайте рабочее пространство от имени $user:"
    echo "   sudo -u $user /opt/nastavnik/.venv/bin/nastavnik init /var/lib/nastavnik --group nastavnik --school \"…\" --head \"…\" --coordinator \"…\""
    echo "   (для Google: sudo -u $user cp /opt/nastavnik/config.example.toml /var/lib/nastavnik/nastavnik.toml, заполните раздел [google], затем nastavnik init --google)"
    echo "   затем проверьте: sudo -u $user /opt/nastavnik/.venv/bin/nastavnik --config /var/lib/nastavnik/nastavnik.toml doctor"
    if [ "$schedule" = timer ]; then
        echo "   и включите расписание: sudo systemctl enable --now nastavnik.timer"
    fi
fi
