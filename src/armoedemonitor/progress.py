"""The progress bar of every long command (synth, compute, release, check, import-release)."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

LOG_EVERY = 30.0  # seconds between two lines where no terminal shows the bar


class StepProgress(Progress):
    """A bar with the task's description (``text``), its steps done and the time it has run.

    A command run in the background (``nohup``, its output in a file: how an hour-long
    national ``compute`` runs in Remote Access) has no terminal, and a live bar then shows
    nothing until the end. There every update becomes a line in the log instead, at most
    one per ``LOG_EVERY`` seconds, and always the one that finishes a task.
    """

    def __init__(self, text: str = "{task.description}", console: Console | None = None,
                 transient: bool = False, disable: bool = False):
        super().__init__(TextColumn(text), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                         console=console, transient=transient, disable=disable)
        self._text = text
        self._logged_at: float | None = None

    def update(self, task_id: TaskID, **changes: Any) -> None:
        super().update(task_id, **changes)
        self._log(task_id)

    def advance(self, task_id: TaskID, advance: float = 1) -> None:
        super().advance(task_id, advance)
        self._log(task_id)

    def _log(self, task_id: TaskID) -> None:
        if self.disable or self.console.is_terminal:
            return
        task = next(task for task in self.tasks if task.id == task_id)
        now = time.monotonic()
        if self._logged_at is not None and now - self._logged_at < LOG_EVERY and not task.finished:
            return
        self._logged_at = now
        steps = f"{task.completed:g}/{task.total:g}" if task.total else f"{task.completed:g}"
        ran = timedelta(seconds=int(task.elapsed or 0))
        self.console.print(f"{self._text.format(task=task)}  {steps}  {ran}", highlight=False, soft_wrap=True)
