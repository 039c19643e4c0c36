"""The ``[documents]`` section of nastavnik.toml, typed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from sync.errors import ConfigFault
from sheets_schema import ru
from jobs.documents.texts import ru_text

DEFAULT_PAYMENT = (
    "Установить наставникам доплату за наставническую деятельность в размере и порядке, "
    "предусмотренных локальным нормативным актом об оплате труда работников (статья 351.8 "
    "Трудового кодекса Российской Федерации), на срок реализации персонализированной программы "
    "наставничества."
)
DEFAULT_CONTROL = "Контроль за исполнением настоящего приказа оставляю за собой."
DEFAULT_REPORTING = "отчёт наставляемого, открытый урок, самоанализ, портфолио"


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
class DocumentSettings:
    """What the school's local acts decide about its orders and programmes (see config.example.toml)."""

    order_number: str = ""
    order_date: dt.date | None = None
    regulation: str = ""
    payment: str = DEFAULT_PAYMENT
    control: str = DEFAULT_CONTROL
    head_position: str = "Директор"
    reporting: str = DEFAULT_REPORTING
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
            payment=str(section.get("payment", DEFAULT_PAYMENT) or DEFAULT_PAYMENT),
            control=str(section.get("control", DEFAULT_CONTROL) or DEFAULT_CONTROL),
            head_position=str(section.get("head_position", "Директор") or "Директор"),
            reporting=str(section.get("reporting", DEFAULT_REPORTING) or DEFAULT_REPORTING),
            monitoring_dates=tuple(dates),
            programme_months=programme_months,
            pdf=bool(section.get("pdf", False)),
            pdf_dir=str((base / pdf_folder).resolve()),
            templates_folder_id=str(section.get("templates_folder_id", "") or ""),
            output_folder_id=str(section.get("output_folder_id", "") or ""),
        )

    def store_settings(self) -> dict[str, Any]:
        """What a backend's document store needs (folders, PDF)."""
        return {"pdf": self.pdf, "pdf_dir": self.pdf_dir, "templates_folder_id": self.templates_folder_id,
                "output_folder_id": self.output_folder_id}
