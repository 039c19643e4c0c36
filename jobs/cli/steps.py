"""What more than one command runs: the night's steps (``nightly`` and ``demo``) and the workspace
upgrade (``upgrade-workspace``, ``doctor --fix``); the command modules import it, never each other."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import click

from sheets_schema import ru
from sync.workspace import Workspace, WorkspaceError
from jobs import config as config_module
from jobs.config import Config, MatchingSettings
from jobs.documents.settings import DocumentSettings
from jobs.nightly import NightlySettings, nightly as run_nightly
from jobs.run_record import StepRecord, outcome_of, step_context
from jobs.roadmap_marks import Thresholds
from jobs.upgrade import UpgradeResult, upgrade_workspace
from jobs.cli.context import State
from jobs.cli.errors import EXIT_STRUCTURE, guard
from jobs.cli.output import echo_lines, json_mode, line_fields
from jobs.cli.progress import terminal_progress

log = logging.getLogger("nastavnik.cli")


def nightly_settings(cfg: Config, strict: bool) -> NightlySettings:
    """The steps' settings from the config (documents only when night-time orders are on)."""
    documents = None
    if cfg.section("documents").get("nightly"):
        documents = guard(lambda: DocumentSettings.from_section(
            cfg.section("documents"), config_path=cfg.path,
            programme_months=int(cfg.section("matching").get("programme_months", 9))))
    return NightlySettings(limits=cfg.limits, strict=strict, school=cfg.school, documents=documents,
                           matching=matching_settings(cfg),
                           roadmap=guard(lambda: Thresholds.from_section(cfg.section("roadmap"))),
                           document_store=document_store_settings(cfg),
                           plan_behind_percent=int(cfg.section("roadmap").get("plan_behind_percent", 30)),
                           diary_weeks=int(cfg.section("roadmap").get("diary_weeks", 4)))


def matching_settings(cfg: Config) -> MatchingSettings:
    """The typed [matching] settings, with the school year's end from [school] (a pair's term)."""
    return replace(MatchingSettings.from_section(cfg.section("matching")), school_year=cfg.school.school_year)


def run_nightly_steps(state: State, workspace: Workspace, cfg: Config, strict: bool, dry_run: bool = False) -> int:
    """Run the night's steps under one run lock, print each step's lines and outcome, and tell
    the group about the steps (`State.steps`); the worst step's exit code."""
    settings = nightly_settings(cfg, strict)
    if not dry_run:
        settings = replace(settings, journal=state.journal(workspace))  # a failed step's «Журнал» row
    # one lock for all the steps (a dry run reads only: no lock, nothing written)
    progress = terminal_progress()  # issue 21: a line per step on a terminal, nothing under cron
    result = state.one_run(workspace, "nightly", lambda: run_nightly(workspace, settings, dry_run=dry_run,
                                                                     progress=progress), dry_run=dry_run)
    state.refused = state.refused or result.refused
    state.steps = [StepRecord(s.job, "refused" if s.refused else outcome_of(s.exit_code), s.exit_code,
                              s.started, s.finished, list(s.errors)) for s in result.steps]
    for step, record in zip(result.steps, state.steps):
        outcome = ru.TEXT["outcome_ok"] if step.exit_code == 0 else (
            ru.TEXT["outcome_structure"] if step.exit_code == EXIT_STRUCTURE else ru.TEXT["outcome_failed"]
        )
        line = ru.TEXT["nightly_step"].format(job=ru.JOBS.get(step.job, step.job), outcome=outcome)
        with step_context(step.job), line_fields(outcome=record.outcome, exit_code=step.exit_code):
            for error in step.errors:
                click.echo(f"Ошибка: {error}", err=True)
            echo_lines(step.lines)
            level = logging.ERROR if step.exit_code else logging.INFO  # a failed step is an error
            with line_fields(level=logging.getLevelName(level).lower()):
                click.echo(line)
            if json_mode():  # the log gets the step's record too (in a terminal it would repeat the line)
                log.log(level, line, extra={"outcome": record.outcome, "exit_code": step.exit_code})
            else:
                log.info(line)
    if result.dry_run:
        click.echo(ru.TEXT["dry_run_header"])
        echo_lines([ru.TEXT["dry_run_cells"].format(tab=tab, count=n) for tab, n in result.would_change.items()]
                     or [ru.TEXT["dry_run_nothing"]])
    return result.exit_code


def document_store_settings(cfg: Config) -> dict[str, Any]:
    """The document store's settings from ``[documents]`` (the Google templates folder)."""
    return guard(lambda: DocumentSettings.from_section(cfg.section("documents"), config_path=cfg.path)
                 .store_settings())


def run_upgrade(state: State, cfg: Config, workspace: Workspace, *, dry_run: bool = False) -> UpgradeResult:
    """Upgrade under the run lock, print what was done, and record the version in the config
    (not under ``dry_run``); a config the service cannot write is said, not fatal."""
    documents = document_store_settings(cfg)
    result = state.one_run(workspace, "upgrade", lambda: upgrade_workspace(
        workspace, documents=documents, dry_run=dry_run), dry_run=dry_run)
    for line in result.lines():
        click.echo(line)
    if not dry_run:
        try:
            if config_module.set_version(cfg.path, result.version):
                click.echo(ru.UPGRADE["config_version"].format(path=cfg.path, version=result.version))
        except (OSError, WorkspaceError, config_module.ConfigError) as exc:  # e.g. a config root owns
            click.echo(f"Внимание: {ru.UPGRADE['config_version_failed'].format(path=cfg.path, reason=exc)}",
                       err=True)
    return result


__all__ = ["document_store_settings", "matching_settings", "nightly_settings", "run_nightly_steps", "run_upgrade"]
