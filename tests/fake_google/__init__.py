"""A faithful fake of Google Sheets v4, Drive v3, Docs v1 and Forms v1 on loopback, reached by
the real clients over HTTP (see README.md in this folder)."""
from .auth import is_service_account, refresh_token_for, token_for
from .server import FakeGoogle

__all__ = ["FakeGoogle", "token_for", "refresh_token_for", "is_service_account"]
