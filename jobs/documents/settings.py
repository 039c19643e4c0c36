"""The ``[documents]`` section of nastavnik.toml, typed."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from sync.errors import ConfigFault
from sheets_schema import ru
from jobs.documents.texts import ru_text

DEFAULT_PAYMENT = ru_text(ru.DOCUMENTS, "payment_default_item")
DEFAULT_CONTROL = "Контроль за исполнением настоящего приказа оставляю за собой."
DEFAULT_REPORTING = "отчёт наставляемого, открытый урок, самоанализ, портфолио"
DEFAULT_REGULATION_TITLE = ru_text(ru.DOCUMENTS, "regulation_title_default")
DEFAULT_PAYMENT_SOURCE = ru_text(ru.DOCUMENTS, "payment_source_default")

# ``[documents] payment`` as an amount («3000 руб. в месяц», «3 000 рублей ежемесячно») or a share of
# the salary («15% должностного оклада», «10 процентов ставки»). A value starting with a digit must be
# one of them; any other text is the free-text clause of older configs (see `Payment`).
_AMOUNT = re.compile(r"^(\d[\d\s\u00a0]*(?:[.,]\d{1,2})?)\s*(?:руб(?:\.|л[а-я]*)?|р\.|₽)\s*(.*)$", re.IGNORECASE)
_PERCENT = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|процент[а-я]*)\s*(.*)$", re.IGNORECASE)


class DocumentSettingsError(ConfigFault, ValueError):
    """A [documents] value that cannot be used (a date that is no date); message in Russian."""


def parse_day(text: str) -> dt.date | None:
    """A date written dd.mm.yyyy or yyyy-mm-dd (any year; None when it is no date)."""
    s = str(text or "").strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Payment:
    """How mentoring is paid (art. 351.8 ТК РФ), from ``[documents] payment`` and ``payment_source``.

    `kind` is ``amount`` («3000 руб. в месяц»), ``percent`` («15% должностного оклада»),
    ``clause`` — the free-text order item older configs hold (kept word for word as the order's
    payment item; the addenda then name no size, and `orders` says so) — or ``default`` (no
    value: the size «in the amount and manner of the school's pay regulation»)."""

    kind: str = "default"
    size: str = ""  # as documents print it: «3000 руб. в месяц», «15 % должностного оклада»
    source: str = DEFAULT_PAYMENT_SOURCE
    clause: str = ""

    @property
    def sized(self) -> bool:
        return self.kind in ("amount", "percent")


def parse_payment(text: str, source: str = "", *, path: str = "nastavnik.toml") -> Payment:
    """`Payment` of the config's values; a value that starts like a size but is none is a
    `DocumentSettingsError` naming ``[documents] payment``."""
    d = ru.DOCUMENTS
    value = " ".join(str(text or "").split())
    source = " ".join(str(source or "").split()) or DEFAULT_PAYMENT_SOURCE
    if not value:
        return Payment(source=source)
    if m := _PERCENT.match(value):
        share = float(m[1].replace(",", "."))
        if not 0 < share <= 100:
            raise DocumentSettingsError(ru_text(d, "bad_payment_percent").format(path=path, value=value))
        base = m[2].strip() or ru_text(d, "payment_percent_base")
        return Payment("percent", ru_text(d, "payment_percent").format(share=m[1].replace(".", ","), base=base), source)
    if m := _AMOUNT.match(value):
        amount = "".join(m[1].split()).replace(".", ",")
        if float(amount.replace(",", ".")) <= 0:
            raise DocumentSettingsError(ru_text(d, "bad_payment").format(path=path, value=value))
        period = m[2].strip() or ru_text(d, "payment_period")
        return Payment("amount", ru_text(d, "payment_amount").format(amount=amount, period=period), source)
    if value[0].isdigit():
        raise DocumentSettingsError(ru_text(d, "bad_payment").format(path=path, value=value))
    return Payment("clause", source=source, clause=value)


@dataclass(frozen=True)
class DocumentSettings:
    """What the school's local acts decide about its orders and programmes (see config.example.toml)."""

    order_number: str = ""
    order_date: dt.date | None = None
    regulation: str = ""
    regulation_title: str = DEFAULT_REGULATION_TITLE
    payment_terms: Payment = Payment()
    control: str = DEFAULT_CONTROL
    head_position: str = "Директор"
    reporting: str = DEFAULT_REPORTING
    meetings: str = ""  # how often a pair meets ("" — the programme's default wording)
    monitoring_dates: tuple[dt.date, ...] = ()
    programme_months: int = 9
    pdf: bool = False
    pdf_dir: str = ""  # absolute; where the Google backend saves exported PDFs
    templates_folder_id: str = ""
    output_folder_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_section(cls, section: Mapping[str, Any], *, config_path: Path | None = None,
                     programme_months: int = 9) -> "DocumentSettings":
        """Settings from a checked [documents] section (missing keys take the defaults)."""
        name = config_path.name if config_path else "nastavnik.toml"
        order_date = None
        if section.get("order_date"):
            order_date = parse_day(section["order_date"])
            if order_date is None:
                raise DocumentSettingsError(ru_text(ru.DOCUMENTS, "bad_order_date").format(
                    path=name, value=section["order_date"]))
        dates = []
        for value in section.get("monitoring_dates", []) or []:
            day = parse_day(str(value))
            if day is None:
                raise DocumentSettingsError(ru_text(ru.DOCUMENTS, "bad_monitoring_date").format(path=name, value=value))
            dates.append(day)
        pdf_folder = section.get("pdf_folder", "pdf") or "pdf"
        base = config_path.parent if config_path else Path(".")
        return cls(
            order_number=str(section.get("order_number", "") or ""),
            order_date=order_date,
            regulation=str(section.get("regulation", "") or ""),
            regulation_title=" ".join(str(section.get("regulation_title", "") or "").split()) or DEFAULT_REGULATION_TITLE,
            payment_terms=parse_payment(section.get("payment", ""), section.get("payment_source", ""), path=name),
            control=str(section.get("control", DEFAULT_CONTROL) or DEFAULT_CONTROL),
            head_position=str(section.get("head_position", "Директор") or "Директор"),
            reporting=str(section.get("reporting", DEFAULT_REPORTING) or DEFAULT_REPORTING),
            meetings=" ".join(str(section.get("meetings", "") or "").split()),
            monitoring_dates=tuple(dates),
            programme_months=programme_months,
            pdf=bool(section.get("pdf", False)),
            pdf_dir=str((base / pdf_folder).resolve()),
            templates_folder_id=str(section.get("templates_folder_id", "") or ""),
            output_folder_id=str(section.get("output_folder_id", "") or ""),
        )

    @property
    def payment(self) -> str:
        """The order's payment item: the config's own clause, else a sentence with the size and
        source, else the default sentence (the school's pay regulation)."""
        terms = self.payment_terms
        if terms.kind == "clause":
            return terms.clause
        if terms.sized:
            return ru_text(ru.DOCUMENTS, "payment_item").format(size=terms.size, source=terms.source)
        return DEFAULT_PAYMENT

    def store_settings(self) -> dict[str, Any]:
        """What a backend's document store needs (folders, PDF)."""
        return {"pdf": self.pdf, "pdf_dir": self.pdf_dir, "templates_folder_id": self.templates_folder_id,
                "output_folder_id": self.output_folder_id}
