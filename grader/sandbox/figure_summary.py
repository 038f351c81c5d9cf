"""Turn a Matplotlib figure into plain data: axes, titles, labels, legend entries, lines
and quiver arrows.

This runs next to the figure, usually in the worker, so it imports only NumPy (and
Matplotlib, which drew the figure); the checks' side is :mod:`grader.checking.figures`.
"""
from __future__ import annotations

import numpy as np


def summarize(fig) -> dict:
    from matplotlib.figure import Figure
    from matplotlib.quiver import Quiver

    info = {"type": type(fig).__name__, "is_figure": isinstance(fig, Figure), "axes": []}
    if not info["is_figure"]:
        return info
    for ax in fig.axes:
        legend = ax.get_legend()
        info["axes"].append({
            "title": ax.get_title(),
            "xlabel": ax.get_xlabel(),
            "ylabel": ax.get_ylabel(),
            "xlim": [float(v) for v in ax.get_xlim()],
            "ylim": [float(v) for v in ax.get_ylim()],
            "legend": None if legend is None else [t.get_text() for t in legend.get_texts()],
            "lines": [{"label": str(line.get_label()),
                       "x": np.asarray(line.get_xdata(), dtype=float),
                       "y": np.asarray(line.get_ydata(), dtype=float),
                       "linestyle": str(line.get_linestyle())} for line in ax.get_lines()],
            "quivers": [{"X": np.asarray(q.X, dtype=float).ravel(), "Y": np.asarray(q.Y, dtype=float).ravel(),
                         "U": np.asarray(q.U, dtype=float).ravel(), "V": np.asarray(q.V, dtype=float).ravel()}
                        for q in ax.collections if isinstance(q, Quiver)],
        })
    return info


PNG_LIMIT = 8 << 20  # bytes of a learner's figure drawn as a PNG (a report's picture, not data)


def png(fig) -> bytes:
    """``fig`` drawn as a PNG, where it lives (the learner's folder may be closed to that process)."""
    import io

    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"not a matplotlib Figure: {type(fig).__name__}")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    data = buffer.getvalue()
    if len(data) > PNG_LIMIT:  # (the grader checks again: this runs where the learner's code does)
        raise ValueError(f"the figure takes {len(data)} bytes as a PNG")
    return data
