"""``gradebook.csv``: one row per student, one column per exercise, then total, max, status and notes."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from grader.files import write_atomic


def row_from_report(report: dict) -> dict:
    """A student's gradebook row, from their JSON report (this run's or a previous one's)."""
    scores = {e["id"]: e["score"] for e in report["exercises"]}
    return {"student": report["student"], "scores": scores, "total": report["score"],
            "max_score": report["max_score"], "status": report["status"], "notes": "; ".join(report["notes"])}


def _num(value) -> str:
    return f"{float(value):g}"


def write_gradebook(path: Path, selected, rows: dict[str, dict]) -> None:
    """Write ``rows`` (student -> row), sorted by student, as the CSV at ``path``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *[ex.id for ex in selected], "total", "max_score", "status", "notes"])
    for student in sorted(rows):
        row = rows[student]
        writer.writerow([student, *[_num(row["scores"].get(ex.id, 0)) for ex in selected],
                         _num(row["total"]), _num(row["max_score"]), row["status"], row["notes"]])
    write_atomic(path, buffer.getvalue())
