"""The attacks of issue 14 against the real code, through the command line a school uses.

Usage: python benchmarks/privacy.py [--json] [--only CATEGORY]

Each attack builds a workspace with `nastavnik init`, plants its payload the way an attacker with
write access to the workbook, the templates, the config or the folder would, runs a `nastavnik`
command and judges only what a person could see or reach afterwards (the files made, the page
published, the exit code, stdout/stderr, files outside the workspace). A category is blocked when
every attack of it is. Prints a table; ``--json`` a JSON list of rows
``{category, attacks, blocked, failed}`` (``failed`` names the attacks that got through).

differencing and outputs are attacks whose set-up is a whole monitoring history or a failing night;
they run as the tests that stage them (tests/test_figures_privacy.py,
tests/test_personal_data_outputs.py), one attack per test case.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
NASTAVNIK = [sys.executable, "-c", "from jobs.cli import main; main()"]
PROGRAMME_TEMPLATE = "templates/Шаблон — персонализированная программа наставничества.docx"


@dataclass(frozen=True)
class Attack:
    category: str
    name: str
    run: Callable[[Path], bool]  # True: blocked


def nastavnik(directory: Path, *args: str, timeout: float = 120, env: dict | None = None):
    """One command as cron would run it (a separate process: a hang is killed, never waited out)."""
    try:
        return subprocess.run(NASTAVNIK + ["--config", str(directory / "nastavnik.toml"), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired:
        return None


_BASE: dict[str, Path] = {}


def workspace(tmp: Path, sample: int = 30) -> Path:
    """A fresh copy of a workspace `nastavnik init --sample` made once per run."""
    key = str(sample)
    if key not in _BASE:
        base = Path(tempfile.mkdtemp(prefix="nastavnik-privacy-base-")) / "w"
        subprocess.run(NASTAVNIK + ["init", str(base), "--sample", str(sample)], cwd=ROOT, check=True,
                       capture_output=True)
        _BASE[key] = base
    target = tmp / "w"
    shutil.copytree(_BASE[key], target, symlinks=True)
    return target


def set_cells(workbook: Path, tab: str, values: dict[str, str], row: int | None = None) -> None:
    """Staff type into the workbook (by column title); a new row when `row` is None."""
    type_rows(workbook, [(tab, values, row)])


def type_rows(workbook: Path, edits: list[tuple[str, dict[str, str], int | None]]) -> None:
    """Several `set_cells` edits (tab, values, row or None for a new row) in one save."""
    from openpyxl import load_workbook

    wb = load_workbook(workbook)
    for tab, values, row in edits:
        ws = wb[tab]
        header = {str(c.value).strip(): c.column for c in ws[1] if c.value}
        at = row or ws.max_row + 1
        for title, value in values.items():
            ws.cell(row=at, column=header[title], value=value)
    wb.save(workbook)


# --- templates: code execution, loops, attribute access ---------------------------------------
def approved_pairs(tmp: Path) -> Path:
    """A fresh copy of a workspace whose coordinator approved every proposed pair (so `orders` has
    work to do), made once per run like `workspace`."""
    from openpyxl import load_workbook

    if "approved" not in _BASE:
        w = workspace(Path(tempfile.mkdtemp(prefix="nastavnik-privacy-approved-")))
        nastavnik(w, "match")
        wb = load_workbook(w / "workspace.xlsx")
        ws = wb["Предложения"]
        status = next(c.column for c in ws[1] if str(c.value).strip() == "Статус")
        for row in range(2, ws.max_row + 1):
            if ws.cell(row=row, column=1).value:
                ws.cell(row=row, column=status, value="утверждено")
        wb.save(w / "workspace.xlsx")
        nastavnik(w, "match")
        _BASE["approved"] = w
    target = tmp / "w"
    shutil.copytree(_BASE["approved"], target, symlinks=True)
    return target


def template_attack(tag: str) -> Callable[[Path], bool]:
    def run(tmp: Path) -> bool:
        from docx import Document

        w = approved_pairs(tmp)
        marker = tmp / "pwned.txt"
        doc = Document(str(w / PROGRAMME_TEMPLATE))
        doc.add_paragraph(tag.replace("MARKER", str(marker)))
        doc.save(str(w / PROGRAMME_TEMPLATE))
        result = nastavnik(w, "orders", timeout=60)
        made = [p for p in (w / "documents").rglob("*.docx")]
        return (result is not None and result.returncode == 1 and not marker.exists() and not made
                and "тег" in result.stderr + result.stdout)
    return run


TEMPLATES = [
    ("code execution: cycler globals os.system", "{% if cycler.__init__.__globals__.os.system('touch MARKER') %}{% endif %}"),
    ("code execution: lipsum globals popen", "{{ lipsum.__globals__.os.popen('touch MARKER').read() }}"),
    ("loop: range(10**9)", "{% for x in range(10**9) %}{% endfor %}"),
    ("attribute access: str mro subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("attribute access: attr filter", "{{ mentor|attr('__class__') }}"),
]

# --- xss: each payload in each published field, both files ------------------------------------
XSS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[клик](javascript:alert(1))",
       '"><svg onload=alert(1)>', '<a href="javascript:alert(1)">ссылка</a>']
def _live(html: str) -> bool:
    """Does this HTML hold a live element, handler or link (parsed, so escaped text is text)?

    The page's own charts are inline SVG (issue 22), so an ``<svg>`` alone is not live, and the
    методическая копилка (issue 19) links a practice's materials as ``<a href="http(s)://…"
    rel="nofollow noopener noreferrer">``; what could run or lead away unasked is: a script, an
    embedded document or picture, any other link, a foreign object (HTML inside SVG), any ``on…``
    handler, and any attribute pointing at ``javascript:`` or outside the page (``href``/
    ``xlink:href``/``src`` that is not a ``#`` reference)."""
    from html.parser import HTMLParser

    found = []

    def materials_link(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        given = {name: (value or "") for name, value in attrs}
        return (tag == "a" and set(given) == {"href", "rel"} and given["rel"] == "nofollow noopener noreferrer"
                and re.match(r"https?://[^\s\"'<>]+$", given["href"]) is not None)

    class Elements(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if materials_link(tag, attrs):
                return
            if tag in ("script", "img", "iframe", "a", "object", "embed", "foreignobject"):
                found.append(tag)
            for name, value in attrs:
                text = (value or "").strip().lower()
                if name.startswith("on") or text.startswith("javascript:") or "javascript:" in text.replace(" ", ""):
                    found.append(name)
                elif name in ("href", "xlink:href", "src") and not text.startswith("#"):
                    found.append(name)

    Elements().feed(html)
    return bool(found)


def _live_in_markdown(text: str) -> bool:
    from markdown_it import MarkdownIt

    return _live(MarkdownIt("commonmark").render(text))


def _live_in_html(text: str) -> bool:
    return _live(text)


def xss_attack(field: str, payload: str) -> Callable[[Path], bool]:
    def run(tmp: Path) -> bool:
        w = workspace(tmp)
        if field == "school":
            config = w / "nastavnik.toml"
            text = config.read_text(encoding="utf-8")
            config.write_text(re.sub(r'(?m)^name = ".*"$', "name = " + json.dumps(payload, ensure_ascii=False),
                                     text, count=1), encoding="utf-8")
        else:
            due = (dt.date.today() + dt.timedelta(days=10)).strftime("%d.%m.%Y")
            column = {"event": "Мероприятие", "stage": "Этап"}[field]
            set_cells(w / "workspace.xlsx", "Дорожная карта", {column: f"Семинар {payload}", "Срок": due}, row=2)
        out = tmp / "site"
        result = nastavnik(w, "publish", "--out", str(out), "--days", "366")
        if result is None or result.returncode != 0:
            return result is not None and result.returncode in (1, 2, 3)  # refused is blocked
        return not _live_in_html((out / "index.html").read_text(encoding="utf-8")) and not _live_in_markdown(
            (out / "index.md").read_text(encoding="utf-8"))
    return run


# --- names: every inflected and abbreviated form of a bank name --------------------------------
BANK = [("Борисова Анна Алексеевна", "borisova.aa@school26.example"),
        ("Алексеева Марина Владимировна", "alekseeva.mv@school26.example"),
        ("Козлова Людмила Андреевна", "kozlova.la@school26.example"),
        ("Фёдоров Олег Олегович", "fedorov.oo@school26.example"),
        ("Жукова Лидия Ивановна", "zhukova.li@school26.example")]
NAME_FORMS = [  # (the text staff typed, what must not reach the page)
    ("Открытый урок Борисовой Анны Алексеевны", "Борисов"),
    ("Открытый урок для Алексеевой М. В.", "Алексеев"),
    ("Взаимопосещение Козловой Л. А. и Фёдоровым", "Козлов"),
    ("Поздравить Борисову А. А.", "Борисов"),
    ("Встреча: Марина Владимировна", "Марина Владимировна"),
    ("Отчёт — Федоров О. О.", "едоров"),
    ("Вопросы: ZHUKOVA.LI @ school26.example", "zhukova"),
    ("Служебная проверка по жалобе родителей на Жукову (не публиковать)", "Жуков"),
]


def name_attack(text: str, leak: str) -> Callable[[Path], bool]:
    def run(tmp: Path) -> bool:
        w = workspace(tmp)
        due = (dt.date.today() + dt.timedelta(days=10)).strftime("%d.%m.%Y")
        type_rows(w / "workspace.xlsx",
                  [("Наставники", {"ФИО": full_name, "E-mail": email}, None) for full_name, email in BANK]
                  + [("Дорожная карта", {"Мероприятие": text, "Срок": due}, 2)])
        out = tmp / "site"
        result = nastavnik(w, "publish", "--out", str(out), "--days", "366")
        if result is None or result.returncode != 0:
            return False
        shown = (out / "index.html").read_text(encoding="utf-8") + (out / "index.md").read_text(encoding="utf-8")
        return leak.lower() not in shown.lower() and leak.lower() not in (result.stdout + result.stderr).lower()
    return run


# --- symlinks: each trap -----------------------------------------------------------------------
def symlink_attack(trap: str) -> Callable[[Path], bool]:
    def run(tmp: Path) -> bool:
        w = workspace(tmp)
        victim = tmp / "victim.txt"
        victim.write_text("not the workbook", encoding="utf-8")
        os.chmod(victim, 0o600)
        if trap == "workbook":
            real = tmp / "elsewhere.xlsx"
            shutil.move(w / "workspace.xlsx", real)
            (w / "workspace.xlsx").symlink_to(real)
            victim = real
        elif trap == "backup":  # the folder the run's dated copy goes to
            (w / "backups").symlink_to(victim)
        elif trap == "lock":
            (w / ".nastavnik.lock").unlink(missing_ok=True)
            (w / ".nastavnik.lock").symlink_to(victim)
        before = (victim.read_bytes(), victim.stat().st_mode)
        result = nastavnik(w, "validate")
        untouched = (victim.read_bytes(), victim.stat().st_mode) == before
        return result is not None and result.returncode == 3 and untouched
    return run


# --- concurrency: a second writer during nightly ------------------------------------------------
def concurrency_attack(command: str) -> Callable[[Path], bool]:
    def run(tmp: Path) -> bool:
        from openpyxl import load_workbook

        w = workspace(tmp, sample=1000)
        night = subprocess.Popen(NASTAVNIK + ["--config", str(w / "nastavnik.toml"), "nightly"], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lock = w / ".nastavnik.lock"
        deadline = time.time() + 60
        while time.time() < deadline and not (lock.exists() and lock.read_bytes()):
            time.sleep(0.02)
        second = nastavnik(w, command)
        night.communicate(timeout=300)
        jobs = [row[2] for row in load_workbook(w / "workspace.xlsx")["Журнал"].iter_rows(min_row=2, values_only=True)]
        refused = second is not None and second.returncode == 3 and "Уже идёт другой запуск" in second.stderr
        ran_after = second is not None and second.returncode == 0
        night_kept = "проверка банков" in jobs
        return night.returncode == 0 and night_kept and (refused or ran_after)
    return run


# --- xml: an undefined entity, a cut-off part, XXE, billion laughs -----------------------------
def xml_attack(kind: str) -> Callable[[Path], bool]:
    def run(tmp: Path) -> bool:
        import zipfile

        w = workspace(tmp)
        book = w / "workspace.xlsx"
        with zipfile.ZipFile(book) as z:
            members = [(i, z.read(i.filename)) for i in z.infolist()]
        prolog = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        if kind == "xxe":
            prolog += b'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        elif kind == "billion laughs":
            prolog += (b'<!DOCTYPE worksheet [<!ENTITY a "ha">' + b"".join(
                b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9)) + b"]>\n")
        cell = {"undefined entity": b"&foo;", "xxe": b"&x;", "billion laughs": b"&j;", "cut off": b"x"}[kind]
        with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in members:
                if info.filename == "xl/worksheets/sheet1.xml":
                    body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                    data = prolog + body.replace(b"<sheetData>", b'<sheetData><row r="9000"><c r="A9000" '
                                                 b't="inlineStr"><is><t>' + cell + b"</t></is></c></row>", 1)
                    if kind == "cut off":
                        data = data[: len(data) // 2]
                z.writestr(info, data)
        started = time.monotonic()
        result = nastavnik(w, "validate", timeout=60)
        if result is None or time.monotonic() - started > 30 or "Traceback" in result.stderr:
            return False
        text = result.stdout + result.stderr
        if "root:" in text or "hahaha" in text:
            return False
        if kind in ("undefined entity", "cut off"):
            return result.returncode == 3 and "«Наставляемые»" in text and "nastavnik restore" in text
        return result.returncode in (0, 3)
    return run


# --- differencing and outputs: staged by their tests --------------------------------------------
def tests_as_attacks(category: str, target: str) -> list[tuple[str, bool]]:
    report = Path(tempfile.mkdtemp(prefix="nastavnik-privacy-")) / "report.xml"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", target,
                    f"--junitxml={report}"], cwd=ROOT, capture_output=True, text=True)
    if not report.exists():
        return [(f"{target} (did not run)", False)]
    import xml.etree.ElementTree as ET

    out = []
    for case in ET.parse(report).getroot().iter("testcase"):
        failed = any(child.tag in ("failure", "error") for child in case)
        skipped = any(child.tag == "skipped" for child in case)
        if not skipped:
            out.append((case.get("name", "?"), not failed))
    return out or [(f"{target} (no tests)", False)]


def attacks() -> list[Attack]:
    out = [Attack("templates", name, template_attack(tag)) for name, tag in TEMPLATES]
    out += [Attack("xss", f"{field}: {payload}", xss_attack(field, payload))
            for field in ("school", "stage", "event") for payload in XSS]
    out += [Attack("names", text, name_attack(text, leak)) for text, leak in NAME_FORMS]
    out += [Attack("symlinks", trap, symlink_attack(trap)) for trap in ("workbook", "backup", "lock")]
    out += [Attack("concurrency", f"{command} during nightly", concurrency_attack(command))
            for command in ("match", "validate", "ingest")]
    out += [Attack("xml", kind, xml_attack(kind)) for kind in ("undefined entity", "cut off", "xxe", "billion laughs")]
    return out


STAGED = {"differencing": "tests/test_figures_privacy.py", "outputs": "tests/test_personal_data_outputs.py"}
CATEGORIES = ["templates", "xss", "names", "differencing", "outputs", "symlinks", "concurrency", "xml"]


def run(only: str | None = None) -> list[dict]:
    """Every attack, grouped into rows {category, attacks, blocked, failed}."""
    results: dict[str, list[tuple[str, bool]]] = {c: [] for c in CATEGORIES if only in (None, c)}
    for attack in attacks():
        if attack.category not in results:
            continue
        with tempfile.TemporaryDirectory(prefix="nastavnik-privacy-") as tmp:
            try:
                blocked = attack.run(Path(tmp))
            except Exception:  # an attack that crashes the tool is not a blocked one
                blocked = False
        results[attack.category].append((attack.name, blocked))
    for category, target in STAGED.items():
        if category in results:
            results[category] = tests_as_attacks(category, target)
    return [{"category": c, "attacks": len(r), "blocked": sum(b for _, b in r),
             "failed": [name for name, b in r if not b]} for c, r in results.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--only", choices=CATEGORIES, help="one category")
    args = parser.parse_args()
    try:
        rows = run(args.only)
    finally:  # the workspaces init made once per run
        for base in _BASE.values():
            shutil.rmtree(base.parent, ignore_errors=True)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    print(f"{'category':<14}{'attacks':>8}{'blocked':>9}  not blocked")
    for row in rows:
        print(f"{row['category']:<14}{row['attacks']:>8}{row['blocked']:>9}  {'; '.join(row['failed'])}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
