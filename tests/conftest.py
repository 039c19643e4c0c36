"""Shared fixtures: the fake Google Workspace server and workspace builders."""
from pathlib import Path

pytest_plugins = (
    ["tests.fake_google.pytest_plugin"]
    if (Path(__file__).parent / "fake_google" / "pytest_plugin.py").exists()
    else []
)
