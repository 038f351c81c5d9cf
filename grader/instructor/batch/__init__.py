"""``grade batch SUBMISSIONS_DIR``: grade a whole class, with every check, in parallel.

``SUBMISSIONS_DIR`` holds one entry per student: a folder or a ``.zip`` with
their exercise files (``ex05_activations.py`` ...), anywhere inside.  Each
student's files are copied alone into a fresh folder and graded there; their
code runs only in the grader's worker processes (time and memory limits), never
next to another student's files.

The work is split into one job per (student, exercise) and spread over
``--jobs`` grading processes (default: one per core).  A job that outlives its
time budget is stopped: the checks it finished keep their scores and the row
says what happened.  A bad zip, a folder without exercise files, a crash or a
hang affects only that student's row.

Written to ``--out`` (default ``SUBMISSIONS_DIR-grades``), each file atomically:

* ``gradebook.csv`` — student, one column per exercise, total, max, status, notes;
* ``reports/STUDENT.json`` — the ``grade --json`` report of each student;
* ``gradescope/STUDENT/results.json`` — with ``--gradescope``;
* ``state.json`` — what was graded from which files: a second run skips students
  whose files (and the grader) did not change, so an interrupted run resumes.

The modules, in the order a run uses them:

* :mod:`.submissions` — finding the students and reading their folders or zips;
* :mod:`.state` — fingerprints of the grader and of each submission, ``state.json``;
* :mod:`.runs` — one student's jobs: budgets, the check template, stopped jobs' partial results;
* :mod:`.slot` and :mod:`.coordinator` — the grading processes and the scheduling of jobs on them;
* :mod:`.grading` — what runs inside a grading process (:func:`~.grading.serve`) and,
  loaded with ``-p grader.instructor.batch.grading``, the pytest plugin that streams
  each finished check to a progress file (so a stopped job keeps what it had finished);
* :mod:`.report` and :mod:`.gradebook` — a student's JSON and Gradescope reports, the CSV;
* :mod:`.run` — one run from start to end; :mod:`.command` — the command line.
"""
from grader.instructor.batch.command import build_parser, main

__all__ = ["build_parser", "main"]
