"""Look inside a learner's Matplotlib figure: what checks call.

The figure itself is summarised where it lives (:mod:`grader.sandbox.figure_summary`).
"""
from __future__ import annotations

from grader.checking.check import T, fail
from grader.sandbox.figure_summary import summarize


def figure_info(fig, call: str) -> dict:
    """The summary of ``fig`` (a Remote handle or a real Figure); fails unless it is a Figure."""
    if fig is None:
        fail(T(f"{call} returned None instead of a Figure",
               f"{call}이(가) Figure 대신 None을 반환했습니다"),
             T("Create the figure with `fig = Figure()` (or plt.figure()) and `return fig`; "
               "never call plt.show() in graded code.",
               "`fig = Figure()`(또는 plt.figure())로 그림을 만들고 `return fig` 하세요. "
               "채점되는 코드에서는 plt.show()를 호출하지 마세요."))
    info = fig.summarize() if hasattr(type(fig), "summarize") else summarize(fig)
    if not info["is_figure"]:
        fail(T(f"{call} returned a {info['type']}, not a matplotlib Figure",
               f"{call}이(가) matplotlib Figure가 아니라 {info['type']}을(를) 반환했습니다"),
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
