"""Shared fixtures: the fake Google Workspace server and workspace builders."""

pytest_plugins = ["tests.fake_google.pytest_plugin"]
