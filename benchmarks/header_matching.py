"""How far apart a question's edited titles and the other questions are: the measurement behind
`sheets_schema.header_match.NEAR_THRESHOLD` and `NEAR_MARGIN`.

    .venv/bin/python benchmarks/header_matching.py            # tables
    .venv/bin/python benchmarks/header_matching.py --json     # one JSON object
    .venv/bin/python benchmarks/header_matching.py --scorer token_sort_ratio   # compare scorers

For every questionnaire, every title a column of each question may carry (the question's title,
its column's header, the e-mail aliases) gets the edits school staff really make to a form (a
letter dropped, doubled, swapped or changed; a Latin look-alike; a word added or dropped; a note
in parentheses; a number in front; …). Measured, with the scorer of `header_match.similarity`
over `normalise_title`:

- ``own``: the edit's similarity to its own question (the best of its titles);
- ``other``: its similarity to the nearest OTHER question of the same questionnaire — and the
  same for the unedited titles and for headers staff add that are no question («Комментарий»).

A threshold is safe when it is above every ``other`` and below as many ``own`` as possible; the
last table runs `match_headers` itself on each edit: taken as its own question, refused (reported
with the nearest title), or taken as another question (must be 0).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz  # noqa: E402

from sheets_schema import header_match  # noqa: E402
from sheets_schema.header_match import (  # noqa: E402
    NEAR_MARGIN, NEAR_THRESHOLD, match_headers, normalise_title,
)
from sheets_schema.questionnaires import QUESTIONNAIRES  # noqa: E402

_NEIGHBOUR = {"о": "а", "а": "о", "е": "и", "и": "е", "т": "н", "н": "т", "с": "з", "л": "д"}
_LATIN = {"о": "o", "а": "a", "е": "e", "с": "c", "р": "p", "х": "x"}
# Columns staff add to an export that are no question of any questionnaire.
EXTRA_HEADERS = ["Комментарий", "Примечание", "Телефон", "Класс", "Классное руководство",
                 "Любимый предмет в школе", "Любимый цвет", "Школа", "Город", "Улица", "Дата рождения",
                 "Номер телефона", "Контактный телефон", "Кабинет", "Стаж работы в школе",
                 "Образование", "Должность наставника", "ФИО наставника", "Отзыв", "Подпись"]


def _longest_word(title: str) -> tuple[int, int]:
    best = (0, 0)
    pos = 0
    for word in title.split(" "):
        if len(word) > best[1] - best[0]:
            best = (pos, pos + len(word))
        pos += len(word) + 1
    return best


def edits(title: str) -> dict[str, str]:
    """Realistic edits of a title, by kind (kinds that do not apply to it are left out)."""
    start, end = _longest_word(title)
    mid = (start + end) // 2
    words = title.split()
    out = {}
    if end - start >= 4:
        out["letter dropped"] = title[:mid] + title[mid + 1:]
        out["letter doubled"] = title[:mid] + title[mid] + title[mid:]
        out["letters swapped"] = title[:mid] + title[mid + 1] + title[mid] + title[mid + 2:]
        lower = title[mid].lower()
        out["letter changed"] = title[:mid] + _NEIGHBOUR.get(lower, "е" if lower != "е" else "а") + title[mid + 1:]
    for i, ch in enumerate(title):
        if ch in _LATIN:
            out["latin look-alike"] = title[:i] + _LATIN[ch] + title[i + 1:]
            break
    out["note in parentheses"] = title + " (необязательно)"
    out["numbered"] = "3. " + title
    out["asterisk"] = title + " *"
    out["word added at the end"] = title.rstrip("?. ") + " полностью"
    out["«укажите» in front"] = "Укажите " + title[0].lower() + title[1:]
    if len(words) >= 3:
        out["last word dropped"] = " ".join(words[:-1])
        out["first word dropped"] = " ".join(words[1:])
    return out


def measure(scorer=None) -> dict:
    """The measurement (see the module docstring); `scorer` replaces `similarity` to compare."""
    if scorer is not None:
        header_match.similarity = scorer  # the benchmark's own process only
    sim = header_match.similarity
    rows, pairs, extras, outcomes = [], [], [], {"own": 0, "refused": 0, "other": 0}
    for form in QUESTIONNAIRES:
        questions = {q.key: q.titles() for q in form.questions}
        norm = {k: [normalise_title(t) for t in ts] for k, ts in questions.items()}
        for key, titles in questions.items():
            for title in dict.fromkeys(titles):
                n = normalise_title(title)
                other = max((sim(n, t), k) for k, ts in norm.items() if k != key for t in ts)
                pairs.append({"form": form.key, "title": title, "other": other[1], "score": round(other[0], 1)})
                for kind, edited in edits(title).items():
                    e = normalise_title(edited)
                    own = max(sim(e, t) for t in norm[key])
                    oth = max(sim(e, t) for k, ts in norm.items() if k != key for t in ts)
                    (match,) = match_headers([edited], questions)
                    result = ("own" if match.key == key and match.how in ("exact", "normalised", "near")
                              else "other" if match.how in ("exact", "normalised", "near") else "refused")
                    outcomes[result] += 1
                    rows.append({"form": form.key, "question": key, "kind": kind, "edited": edited,
                                 "own": round(own, 1), "other": round(oth, 1), "result": result})
        for extra in EXTRA_HEADERS:
            e = normalise_title(extra)
            best = max((sim(e, t), k) for k, ts in norm.items() for t in ts)
            extras.append({"form": form.key, "header": extra, "nearest": best[1], "score": round(best[0], 1)})
    return {"rows": rows, "pairs": pairs, "extras": extras, "outcomes": outcomes}


def sweep(thresholds=range(78, 96, 2), margins=(0, 4, 8, 12)) -> list[dict]:
    """`match_headers` over every edit and extra header at other thresholds and margins."""
    out = []
    saved = header_match.NEAR_THRESHOLD, header_match.NEAR_MARGIN
    try:
        for margin in margins:
            for threshold in thresholds:
                header_match.NEAR_THRESHOLD, header_match.NEAR_MARGIN = float(threshold), float(margin)
                counts = {"threshold": threshold, "margin": margin, "own": 0, "refused": 0, "other": 0,
                          "extra taken": 0}
                for form in QUESTIONNAIRES:
                    questions = {q.key: q.titles() for q in form.questions}
                    for key, titles in questions.items():
                        for title in dict.fromkeys(titles):
                            for edited in edits(title).values():
                                (m,) = match_headers([edited], questions)
                                taken = m.how in ("exact", "normalised", "near")
                                counts["own" if taken and m.key == key else "other" if taken else "refused"] += 1
                    for extra in EXTRA_HEADERS:
                        (m,) = match_headers([extra], questions)
                        counts["extra taken"] += m.how in ("exact", "normalised", "near")
                out.append(counts)
    finally:
        header_match.NEAR_THRESHOLD, header_match.NEAR_MARGIN = saved
    return out


def summary(data: dict) -> dict:
    own = sorted(r["own"] for r in data["rows"] if r["own"] < 100)
    return {
        "edits": len(data["rows"]),
        "fuzzy edits (own < 100)": len(own),
        "own: min": own[0],
        "own: 5th percentile": own[len(own) // 20],
        "own: median": statistics.median(own),
        "other question, highest (titles)": max(p["score"] for p in data["pairs"]),
        "other question, highest (edits)": max(r["other"] for r in data["rows"]),
        "extra header, highest": max(e["score"] for e in data["extras"]),
        "threshold": NEAR_THRESHOLD,
        "margin": NEAR_MARGIN,
        **{f"match_headers: {k}": v for k, v in data["outcomes"].items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--scorer", choices=["ratio", "token_sort_ratio", "token_set_ratio", "WRatio"])
    args = parser.parse_args()
    data = measure(getattr(fuzz, args.scorer) if args.scorer else None)
    if args.json:
        print(json.dumps({"summary": summary(data), **data}, ensure_ascii=False, indent=1))
        return
    print("Closest OTHER question of each title (top 8):")
    for p in sorted(data["pairs"], key=lambda p: -p["score"])[:8]:
        print(f"  {p['score']:5.1f}  [{p['form']}] {p['title']!r} ~ {p['other']}")
    print("\nEdits by kind: own score min / median, other score max:")
    kinds = sorted({r["kind"] for r in data["rows"]})
    for kind in kinds:
        rs = [r for r in data["rows"] if r["kind"] == kind]
        print(f"  {kind:24} {min(r['own'] for r in rs):5.1f} {statistics.median(r['own'] for r in rs):5.1f}"
              f" {max(r['other'] for r in rs):5.1f}   taken {sum(r['result'] == 'own' for r in rs)}/{len(rs)}")
    print("\nEdits closest to another question (top 8):")
    for r in sorted(data["rows"], key=lambda r: -r["other"])[:8]:
        print(f"  other {r['other']:5.1f} own {r['own']:5.1f}  {r['edited']!r} ({r['question']}) → {r['result']}")
    print("\nRefused edits (reported with the nearest title instead):")
    for r in data["rows"]:
        if r["result"] != "own":
            print(f"  own {r['own']:5.1f} other {r['other']:5.1f}  {r['edited']!r} ({r['question']}) → {r['result']}")
    print("\nExtra headers closest to a question (top 5):")
    for e in sorted(data["extras"], key=lambda e: -e["score"])[:5]:
        print(f"  {e['score']:5.1f}  [{e['form']}] {e['header']!r} ~ {e['nearest']}")
    print("\nmatch_headers at other thresholds (edits taken as their own question / refused / taken as"
          " ANOTHER question; extra headers taken):")
    for c in sweep():
        print(f"  threshold {c['threshold']:3} margin {c['margin']:2}: own {c['own']:4} refused {c['refused']:4}"
              f" other {c['other']:3} extra {c['extra taken']:2}")
    print()
    for k, v in summary(data).items():
        print(f"{k:36} {v}")


if __name__ == "__main__":
    main()
