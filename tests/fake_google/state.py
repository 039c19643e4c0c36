"""All state of one fake: one Drive namespace shared by Sheets, Docs and Forms."""
from __future__ import annotations

import threading

from .clock import Ids
from .models.docs import DocsModel
from .models.drive import DriveModel
from .models.forms import FormsModel
from .models.sheets import SheetsModel


class State:
    """Models plus the lock that serialises every API call."""

    def __init__(self, seed: int = 0):
        self.lock = threading.RLock()
        self.ids = Ids(seed)
        self.drive = DriveModel(self.ids)
        self.sheets = SheetsModel(self.drive, self.ids)
        self.docs = DocsModel(self.drive, self.ids)
        self.forms = FormsModel(self.drive, self.ids)
        self.check_responses = True  # answers are validated against the discovery schemas
