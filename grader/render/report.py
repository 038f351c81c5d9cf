"""Render a :class:`GradeReport` with rich: a table per exercise, then what went wrong and why."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from grader.i18n import T
from grader.render.failure import STATUS, describe
from grader.results import CheckResult, ExerciseResult, GradeReport

STATE = {
    "done": (T("done", "완료"), "green"),
    "in progress": (T("in progress", "진행 중"), "yellow"),
    "not started": (T("not started", "시작 전"), "dim"),
}


def _points(value: float) -> str:
    return f"{value:g}"


def _status_cell(check: CheckResult, lang: str) -> RichText:
    key = "not started" if check.not_started else check.status
    label, style, mark = STATUS[key]
    return RichText(f"{mark} {label.render(lang)}", style=style)


def render_exercise(ex: ExerciseResult, lang: str, target: str = "") -> Group:
    state_label, state_style = STATE[ex.state]
    title = f"{ex.id} · {ex.title.render(lang)}"
    table = Table(show_header=True, header_style="bold", expand=False, box=None, pad_edge=False)
    table.add_column(T("check", "검사 항목").render(lang), overflow="fold")
    table.add_column(T("points", "점수").render(lang), justify="right", no_wrap=True)
    table.add_column(T("status", "상태").render(lang), no_wrap=True)
    for check in ex.checks:
        desc = check.description.render(lang)
        if check.hidden:
            desc += T(" (hidden)", " (비공개)").render(lang)
        table.add_row(desc, f"{_points(check.score)}/{_points(check.max_score)}", _status_cell(check, lang))

    parts = [table]
    if ex.state == "not started":
        path = Path(target) / f"{ex.module}.py" if target else Path(f"{ex.module}.py")
        parts.append(RichText("\n" + T(
            f"Not started: open {path} and replace each `raise NotImplementedError` (see the TODOs).",
            f"시작 전: {path} 파일을 열고 TODO를 보며 `raise NotImplementedError`를 코드로 바꾸세요.",
        ).render(lang), style="dim"))
    else:
        lost = [c for c in ex.checks if c.status != "passed" and not c.not_started]
        messages = {(c.status, c.message, c.hint) for c in lost}
        if len(lost) > 1 and len(messages) == 1:  # one cause (an import error, a crash): say it once
            parts.append(render_failure(lost[0], lang, T("Every check", "모든 검사")))
        else:
            shown: set = set()
            for check in lost:
                parts.append(render_failure(check, lang, repeated_hint=check.hint in shown))
                shown.add(check.hint)
    for check in ex.checks:
        for path in check.artifacts:
            parts.append(RichText(T(f"Saved: {path}", f"저장됨: {path}").render(lang), style="cyan"))
    header = RichText.assemble((title, "bold"), "  ",
                               (f"{_points(ex.score)}/{_points(ex.max_score)}", "bold"), "  ",
                               (state_label.render(lang), state_style))
    return Group(Panel(Group(*parts), title=header, title_align="left", expand=True))


def render_failure(check: CheckResult, lang: str, heading=None, repeated_hint: bool = False) -> Group:
    _, style, mark = STATUS[check.status]
    heading = (heading or check.description).render(lang)
    failure = describe(check, lang, repeated_hint)
    lines = [RichText.assemble("\n", (f"{mark} {heading}", f"bold {style}"))]
    if failure.message:
        lines.append(RichText(_indent(failure.message)))
    if failure.frames:
        lines.append(RichText("  " + failure.frames_heading(lang), style="bold"))
        for frame in failure.frames:
            lines.append(RichText(f"    {frame.where}"))
            if frame.line:
                lines.append(RichText(f"        {frame.line}", style="cyan"))
    if failure.output:
        lines.append(RichText("  " + failure.output_heading(lang), style="bold"))
        lines.append(RichText(_indent(failure.output, 4), style="dim"))
    if failure.hint:
        lines.append(RichText.assemble(("  " + failure.hint_label(lang), "bold yellow"), failure.hint))
    return Group(*lines)


def _indent(text: str, by: int = 2) -> str:
    return "\n".join(" " * by + line for line in text.splitlines())


def render_report(report: GradeReport, console: Console, lang: str) -> None:
    for ex in report.exercises:
        console.print(render_exercise(ex, lang, report.target))
    total = T("Total", "총점").render(lang)
    console.print(RichText.assemble((f"{total}: {_points(report.score)}/{_points(report.max_score)}", "bold")))
    if not report.hidden_ran:
        console.print(T("Hidden checks run when your instructor grades; this score covers public checks only.",
                        "비공개 검사는 강사가 채점할 때 실행됩니다. 이 점수는 공개 검사만 포함합니다.").render(lang))
    console.print(RichText(T(f"Seed {report.seed} (grade --seed {report.seed} repeats this run)",
                             f"시드 {report.seed} (grade --seed {report.seed}로 같은 채점을 반복할 수 있습니다)")
                           .render(lang), style="dim"))
    for note in report.notes:  # what was not confined here, once per run
        console.print(RichText(note.render(lang), style="dim"))


def render_overview(report: GradeReport, console: Console, lang: str) -> None:
    """One line per exercise: its state and score, then which one to do next."""
    table = Table(title=T("Your progress", "진행 상황").render(lang), box=None, header_style="bold")
    table.add_column(T("exercise", "실습").render(lang))
    table.add_column(T("title", "주제").render(lang))
    table.add_column(T("points", "점수").render(lang), justify="right")
    table.add_column(T("state", "상태").render(lang))
    for ex in report.exercises:
        label, style = STATE[ex.state]
        table.add_row(ex.id, ex.title.render(lang), f"{_points(ex.score)}/{_points(ex.max_score)}",
                      RichText(label.render(lang), style=style))
    console.print(table)
    todo = [ex for ex in report.exercises if ex.state != "done"]
    if todo:
        nxt = next((ex for ex in todo if ex.state == "in progress"), todo[0])
        console.print(T(f"Next: grade {nxt.id}", f"다음 할 일: grade {nxt.id}").render(lang))
    else:
        console.print(T("Everything is done. Well done!", "모든 실습을 완료했습니다. 수고했어요!").render(lang))


def render_to_text(report: GradeReport, lang: str = "en", width: int = 100) -> str:
    console = Console(width=width, record=True, file=_Null(), color_system=None, force_terminal=False)
    render_report(report, console, lang)
    return console.export_text()


class _Null:
    def write(self, _):
        return 0

    def flush(self):
        pass
