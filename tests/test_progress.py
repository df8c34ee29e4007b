"""Progress of long commands where no terminal shows a bar (a run in the background)."""

import io

from rich.console import Console

from armoedemonitor import progress
from armoedemonitor.progress import StepProgress


def logged(run, monkeypatch, disable: bool = False) -> list[str]:
    clock = [1000.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    out = io.StringIO()
    with StepProgress("compute {task.description}", console=Console(file=out, width=200),
                      disable=disable) as bar:
        run(bar, clock)
    # rich itself prints the bar's last frame at the end (with the bar drawn): not ours
    return [line for line in out.getvalue().splitlines() if line.startswith("compute ") and "━" not in line]


def three_steps(bar, clock) -> None:
    task = bar.add_task("bouwstenen", total=3)
    bar.update(task, advance=1, description="armoede")
    clock[0] += progress.LOG_EVERY / 2
    bar.update(task, advance=1, description="ongelijkheid")  # too soon after the last line
    clock[0] += progress.LOG_EVERY / 2
    bar.update(task, advance=0, description="schuld")  # LOG_EVERY later: a line
    bar.advance(task)  # finishes the task: always a line


def test_without_a_terminal_steps_become_lines_at_most_every_log_every_seconds(monkeypatch):
    lines = logged(three_steps, monkeypatch)
    assert [line.split("  ")[:2] for line in lines] == [
        ["compute armoede", "1/3"], ["compute schuld", "2/3"], ["compute schuld", "3/3"]]


def test_a_disabled_bar_writes_nothing(monkeypatch):
    assert logged(three_steps, monkeypatch, disable=True) == []
