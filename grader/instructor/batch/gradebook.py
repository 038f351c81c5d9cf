"""``gradebook.csv``: one row per student (sorted), one column per exercise ever graded, then total,
max, status and notes."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from grader import exercises
from grader.files import write_atomic


def row_from_report(report: dict) -> dict:
    """A student's gradebook row, from their JSON report (this run's or a previous one's)."""
    scores = {e["id"]: e["score"] for e in report["exercises"]}
    return {"student": report["student"], "scores": scores, "total": report["score"],
            "max_score": report["max_score"], "status": report["status"], "notes": "; ".join(report["notes"])}


def _num(value) -> str:
    return f"{float(value):g}"


def _cell(text: str) -> str:
    """A text cell that a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def columns(rows: dict[str, dict]) -> list[str]:
    """Every exercise that some row has a score for, in the exercises' order."""
    ids = {ex_id for row in rows.values() for ex_id in row["scores"]}
    return sorted(ids, key=lambda ex_id: exercises.find(ex_id).number)


def write_gradebook(path: Path, rows: dict[str, dict]) -> None:
    """Write ``rows`` (student -> row), sorted by student, as the CSV at ``path`` (atomically, never
    through a link)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    ids = columns(rows)
    writer.writerow(["student", *ids, "total", "max_score", "status", "notes"])
    for student in sorted(rows):
        row = rows[student]
        writer.writerow([_cell(student), *[_num(row["scores"][i]) if i in row["scores"] else "" for i in ids],
                         _num(row["total"]), _num(row["max_score"]), row["status"], _cell(row["notes"])])
    write_atomic(path, buffer.getvalue())
