"""Look inside a learner's Matplotlib figure: what checks call.

The figure itself is summarised where it lives (:mod:`grader.sandbox.figure_summary`).
"""
from __future__ import annotations

from grader.checking import learner_code
from grader.checking.check import T, Text, fail, none_hint
from grader.i18n import josa
from grader.sandbox.figure_summary import summarize


def figure_info(fig, call: str) -> dict:
    """The summary of ``fig`` (a Remote handle or a real Figure); fails unless it is a Figure."""
    if fig is None:
        fail(T(f"{call} returned None instead of a Figure",
               f"{josa(call, '이')} Figure 대신 None을 반환했습니다"), _none_hint(call))
    info = fig.summarize() if hasattr(type(fig), "summarize") else summarize(fig)
    if not info["is_figure"]:
        fail(T(f"{call} returned a {info['type']}, not a matplotlib Figure",
               f"{josa(call, '이')} matplotlib Figure가 아니라 {josa(info['type'], '을')} 반환했습니다"),
             T("Return the Figure object itself (fig), not an Axes or a list of lines.",
               "Axes나 선 목록이 아니라 Figure 객체(fig)를 반환하세요."))
    if not info["axes"]:
        fail(T(f"The figure from {call} has no axes (nothing was plotted)",
               f"{call}의 그림에 축(Axes)이 없습니다 (아무것도 그리지 않았습니다)"))
    return info


def line_labelled(info: dict, label: str, call: str) -> dict:
    """The line called ``label`` in any of the figure's axes."""
    labels = [line["label"] for ax in info["axes"] for line in ax["lines"]]
    for ax in info["axes"]:
        for line in ax["lines"]:
            if line["label"] == label:
                return line
    fail(T(f"No line labelled {label!r} in the figure from {call} (labels found: {labels})",
           f"{call}의 그림에 {label!r} 레이블의 선이 없습니다 (찾은 레이블: {labels})"),
         T(f"Pass label='{label}' to ax.plot(...).", f"ax.plot(...)에 label='{label}'을 넘기세요."))


def _none_hint(call: str) -> Text:
    """Why a plotting function returned None: plt.show() instead of return, print, or no return at all."""
    code, name = learner_code.source(), learner_code.called_name(call)
    if code is not None and code.calls_attribute(name, "show") and not code.returns_value(name):
        return T("plt.show() is not needed here: the grader draws with Matplotlib's Agg backend, which shows "
                 "nothing on the screen, and it needs the figure itself. Remove plt.show() and return the figure: "
                 "fig, ax = plt.subplots() (or fig = Figure(); ax = fig.subplots()) ... return fig.",
                 "여기서는 plt.show()가 필요 없습니다. 채점기는 화면에 아무것도 보여 주지 않는 Matplotlib의 Agg "
                 "백엔드로 그리고, 그림 객체 자체가 필요합니다. plt.show()를 지우고 그림을 반환하세요: "
                 "fig, ax = plt.subplots() (또는 fig = Figure(); ax = fig.subplots()) ... return fig.")
    if code is not None and code.printed_instead(name):
        return none_hint(call)
    return T("Create the figure with `fig = Figure()` (or plt.figure()) and `return fig`; "
             "never call plt.show() in graded code.",
             "`fig = Figure()`(또는 plt.figure())로 그림을 만들고 `return fig` 하세요. "
             "채점되는 코드에서는 plt.show()를 호출하지 마세요.")
