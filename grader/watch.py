"""``grade exercise-05 --watch``: re-grade whenever the learner saves, showing what changed."""
from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.text import Text as RichText

from grader.exercises import Exercise
from grader.i18n import T
from grader.render.failure import STATUS
from grader.render.report import render_failure, render_report
from grader.results import GradeReport
from grader.checking.runner import grade


def _stamps(paths: list[Path]) -> tuple:
    return tuple(p.stat().st_mtime_ns if p.exists() else None for p in paths)


def render_changes(before: GradeReport, after: GradeReport, console: Console, lang: str) -> None:
    """Only the checks whose outcome changed, then the new score."""
    old = {(c.exercise, c.name): c for ex in before.exercises for c in ex.checks}
    changed, shown = 0, set()  # one cause (a syntax error, a crash) is explained once
    for ex in after.exercises:
        for check in ex.checks:
            prev = old.get((check.exercise, check.name))
            if prev and (prev.status, prev.not_started, prev.message) == (check.status, check.not_started, check.message):
                continue
            changed += 1
            if check.status == "passed":
                label, style, mark = STATUS["passed"]
                console.print(RichText(f"{mark} {check.description.render(lang)}", style=style))
            elif check.not_started:
                console.print(RichText("· " + check.description.render(lang), style="dim"))
            elif (check.status, check.message, check.hint) in shown:
                _, style, mark = STATUS[check.status]
                console.print(RichText(f"{mark} {check.description.render(lang)}: "
                                       + T("the same as above.", "위와 같습니다.").render(lang), style=style))
            else:
                shown.add((check.status, check.message, check.hint))
                console.print(render_failure(check, lang))
    if not changed:
        console.print(T("No change.", "바뀐 것이 없습니다.").render(lang), style="dim")
    console.print(RichText(T(f"Score: {after.score:g}/{after.max_score:g}",
                             f"점수: {after.score:g}/{after.max_score:g}").render(lang), style="bold"))


def watch(selected: list[Exercise], target: Path, seed: int, lang: str, console: Console,
          interval: float = 0.5, max_runs: int | None = None, after_run=None) -> GradeReport:
    """Grade now and after every save of the selected modules, until Ctrl-C (or ``max_runs``).

    ``after_run`` is called after each report (``grade`` keeps its warm server up with it)."""
    paths = [Path(target) / ex.filename for ex in selected]
    previous: GradeReport | None = None
    stamps = None
    runs = 0
    console.print(T("Watching " + ", ".join(str(p) for p in paths) + " (Ctrl-C to stop)",
                    ", ".join(str(p) for p in paths) + " 파일을 지켜보는 중 (끝내려면 Ctrl-C)").render(lang), style="dim")
    try:
        while max_runs is None or runs < max_runs:
            current = _stamps(paths)
            if current != stamps:
                stamps = current
                report = grade(selected, target, seed=seed)
                runs += 1
                if previous is None:
                    render_report(report, console, lang)
                else:
                    console.rule(time.strftime("%H:%M:%S"))
                    render_changes(previous, report, console, lang)
                previous = report
                if after_run is not None:
                    after_run()
            else:
                time.sleep(interval)
    except KeyboardInterrupt:
        pass
    return previous
