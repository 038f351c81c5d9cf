"""Render a :class:`GradeReport` with rich: a table per exercise, then what went wrong and why."""
from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from grader.i18n import T, josa
from grader.render.failure import STATUS, Failure, describe
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


def render_exercise(ex: ExerciseResult, lang: str, target: str = "") -> "ExercisePanel":
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
        parts += _failures(ex, lang)
        parts += [_waiting(check, lang) for check in ex.checks if _waits_on_another(check)]
    for check in ex.checks:
        for path in check.artifacts:
            parts.append(RichText(T(f"Saved: {path}", f"저장됨: {path}").render(lang), style="cyan"))
    return ExercisePanel(ex, lang, Group(*parts))


def _failures(ex: ExerciseResult, lang: str) -> list:
    """What went wrong, a cause shared by several checks said once: under "Every check" only when
    every check of the exercise lost to it."""
    lost = [c for c in ex.checks if c.status != "passed" and not c.not_started]
    groups: dict = {}
    for check in lost:
        groups.setdefault((check.status, check.message, check.hint), []).append(check)
    if len(groups) == 1 and len(lost) == len(ex.checks) > 1:  # one cause (an import error, a crash)
        return [render_failure(lost[0], lang, T("Every check", "모든 검사"))]
    parts, shown = [], set()
    for same in groups.values():
        first, others = same[0], len(same) - 1
        heading = None
        if others:
            heading = first.description + T(f" (and {others} more {'check' if others == 1 else 'checks'}, "
                                            "the same error)", f" 외 검사 {others}개 (같은 오류)")
        parts.append(render_failure(first, lang, heading, repeated_hint=first.hint in shown))
        shown.add(first.hint)
    return parts


def _waits_on_another(check: CheckResult) -> bool:
    """Is ``check`` not started because of another function than the one it is about?"""
    name = check.waiting_on.rpartition(".")[2].lower()
    return check.not_started and bool(name) and name not in check.name.lower()  # test_<function>_...


def _waiting(check: CheckResult, lang: str) -> Group:
    """A not-started check that waits for another function: name that function."""
    _, style, mark = STATUS["not started"]
    lines = [RichText.assemble("\n", (f"{mark} {check.description.render(lang)}", f"bold {style}"))]
    if check.message is not None:
        lines.append(RichText(_indent(check.message.render(lang))))
    if check.hint is not None:
        lines.append(RichText.assemble(("  " + Failure.hint_label(lang), "bold yellow"), check.hint.render(lang)))
    return Group(*lines)


class ExercisePanel:
    """An exercise's box; its header (id, title, score, state) fits the width it is given: the title
    gives way ("…"), the score and the state never do."""

    def __init__(self, ex: ExerciseResult, lang: str, body: Group):
        self.ex, self.lang, self.body = ex, lang, body

    def header(self, width: int) -> RichText:
        ex, lang = self.ex, self.lang
        label, style = STATE[ex.state]
        score, state = f"{_points(ex.score)}/{_points(ex.max_score)}", label.render(lang)
        room = width - 6 - cell_len(f"{ex.id}  {score}  {state}")  # "╭─ " and " ─╮" around the header
        title = ex.title.render(lang)
        if cell_len(title) + 3 > room:
            title = _cut(title, room - 3)
        head = f"{ex.id} · {title}" if title else ex.id
        return RichText.assemble((head, "bold"), "  ", (score, "bold"), "  ", (state, style))

    def __rich_console__(self, console, options):
        yield Panel(self.body, title=self.header(options.max_width), title_align="left", expand=True)


def _cut(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` columns, ending in "…" when cut ("" when not even that fits)."""
    if cells < 2:
        return ""
    while cell_len(text) > cells - 1:
        text = text[:-1]
    return text.rstrip(" ,·") + "…"


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
                             f"시드 {report.seed} (grade --seed {josa(report.seed, '로')} 같은 채점을 반복할 수 있습니다)")
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
