"""The commands' context object: the config, the workspace and the run lock of one run.

`State` is what the ``nastavnik`` group gives every command (`pass_state`). A command reads its
config with `State.config` (exit 2 with the fix, 3 when the file cannot be opened), opens the
workspace with `State.workspace` (exit 3), and runs its job with `State.one_run` — the one way
a writing command takes the run lock (`jobs.cli.lock`), writes the «Журнал» rows of a failure
and turns a domain exception into its exit code (`jobs.cli.errors.guard`). A dry run takes no
lock and writes nothing.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable, TypeVar

import click

from sync import safe_files
from sync.factory import open_workspace
from sync.local.backups import DEFAULT_DAYS, BackupPolicy
from sync.workspace import Workspace, WorkspaceLocked
from jobs import config as config_module
from jobs.config import Config
from jobs.cli.errors import EXIT_CONFIG, Failure, errors_of, failure_of, guard, outcome_for
from jobs.cli.lock import one_run
from jobs.cli.output import echo_lines
from jobs.cli.run import RunState
from jobs.run_record import now

T = TypeVar("T")


class State(RunState):
    """One run of a command: where its config is, how long it waits for the run lock, and what
    it tells the group about the run (`jobs.cli.run.RunState`)."""

    def __init__(self, config_path: str | Path, lock_wait: float = 0.0):
        super().__init__()
        self.config_path = Path(config_path)
        self.lock_wait = lock_wait  # seconds a writing command waits for a run holding the lock

    def one_run(self, workspace: Workspace, job: str, action: Callable[[], T], *, dry_run: bool = False) -> T:
        """Run a writing command's job under the workspace's run lock (`jobs.cli.lock`), with
        domain exceptions turned into exit codes. Inside the lock the «Журнал» rows waiting in
        the state folder are written first; a job that raises gets its row with the reason, and
        a run refused before it could start (another run, Excel, no access) leaves its row in
        the state folder for the next run (`jobs.run_record.Journal`). A dry run takes nothing
        and writes nothing."""
        if dry_run:
            self.dry_run = True
            return guard(lambda: one_run(workspace, job, action, dry_run=True))
        journal = self.journal(workspace)
        started, entered = now(), []

        def journaled() -> T:
            entered.append(True)
            echo_lines(journal.flush())
            begun = now()
            try:
                return action()
            except Exception as exc:
                locked = isinstance(exc, WorkspaceLocked)  # Excel holds the workbook: nothing can be written
                self.refused = self.refused or locked
                journal.write(job, begun, now(), outcome_for(exc), errors_of(exc), postpone_only=locked)
                raise

        try:
            return guard(lambda: one_run(workspace, job, journaled, wait=self.lock_wait))
        except Exception as exc:
            if not entered:  # the run lock was not ours: the row waits for a run that gets it
                self.refused = True
                reason = exc.format_message() if isinstance(exc, Failure) else str(exc)
                journal.write(job, started, now(), "refused", [reason], postpone_only=True)
            raise

    def config(self) -> Config:
        """The config (exit 2 when it is wrong, 3 when it cannot be opened); its ``[files] group``
        applied and its warnings printed."""
        try:
            self.cfg = cfg = config_module.load(self.config_path)
        except (config_module.ConfigError, OSError) as exc:  # OSError: a config this user may not open
            raise failure_of(exc) from exc
        use_group(cfg.group)  # what this run creates is shared with [files] group
        for warning in cfg.warnings:  # e.g. keys a newer version wrote, skipped by this one
            click.echo(f"Внимание: {warning}", err=True)
        return cfg

    def workspace(self, cfg: Config) -> Workspace:
        """The config's workspace; a local one keeps its dated backups as the config says."""
        return guard(lambda: open_workspace(cfg.backend, cfg.workspace_dir, cfg.section("google"),
                                            backups=self.backup_policy(cfg)))

    @staticmethod
    def backup_policy(cfg: Config) -> BackupPolicy:
        """``backups/`` of ``[files] state_dir``, kept ``[files] backup_days`` days."""
        return BackupPolicy.in_state_dir(cfg.state_dir, int(cfg.section("files").get("backup_days", DEFAULT_DAYS)))


def state_of(ctx: click.Context) -> State:
    """The run's `State`; a command invoked under a group of its own gets one made from that
    group's ``config_path`` and ``lock_wait`` (or the defaults)."""
    found = ctx.find_object(State)
    if found is not None:
        return found
    return State(getattr(ctx.obj, "config_path", None) or config_module.DEFAULT_PATH,
                 getattr(ctx.obj, "lock_wait", 0.0))


def pass_state(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give the command the run's `State` as its first argument (`state_of`)."""
    @click.pass_context
    def with_state(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        return ctx.invoke(command, state_of(ctx), *args, **kwargs)

    return functools.update_wrapper(with_state, command)


def use_group(group: str) -> None:
    """Apply ``[files] group`` (`sync.safe_files.use_group`); exit 2 with the fix when the group
    is unknown or this user is not in it."""
    try:
        safe_files.use_group(group)
    except safe_files.GroupProblem as exc:
        raise Failure(str(exc), EXIT_CONFIG) from exc


__all__ = ["State", "pass_state", "state_of", "use_group"]
