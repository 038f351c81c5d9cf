"""``grade batch SUBMISSIONS_DIR``: grade a whole class, with every check, in parallel.

``SUBMISSIONS_DIR`` holds one entry per student: a folder or a ``.zip`` with
their exercise files (``ex05_activations.py`` ...), anywhere inside.  Their code runs
only in the grader's confined worker processes; nothing a student can write is trusted.

The work is split into one job per (student, exercise) and spread over ``--jobs``
grading processes (default: one per core).  Each job's file is copied alone, just
before it runs, into a fresh folder that only its worker may read; the job's results
come back only over the grading process's own pipes, each line carrying the job's
secret.  A job that uses up its CPU-time budget is stopped: the checks it finished keep
their scores and the row says what happened.  A damaged zip, a folder without exercise
files, a crash or a hang affects only that student's row; a grading process that dies
is replaced and the job graded once more.

Runs merge: ``--exercises 05`` grades and replaces only those columns; a rerun grades
again what changed, timed out or failed (with a note); ``--regrade STUDENT...`` forces
some.  ``--shard K/N`` grades a fixed 1/N of the class and ``--merge DIR...`` joins the
shards (see docs/batch.md).

Written to ``--out`` (default ``SUBMISSIONS_DIR-grades``), each file atomically and never
through a link:

* ``gradebook.csv`` — student, one column per exercise ever graded, total, max, status, notes;
* ``reports/STUDENT.json`` — the ``grade --json`` report of each student (every exercise graded so far);
* ``gradescope/STUDENT/results.json`` — with ``--gradescope``;
* ``state.json`` — what each exercise was graded from, so that a second run skips what still holds.

The modules, in the order a run uses them:

* :mod:`.submissions` — finding the students (and their shard) and reading their folders or zips;
* :mod:`.state` — fingerprints of the grader and of each student's exercise, ``state.json``;
* :mod:`.runs` — one student's jobs: budgets, the check template, private copies, stopped jobs' partial results;
* :mod:`.slot` and :mod:`.coordinator` — the grading processes, their protocol and the scheduling of jobs;
* :mod:`.grading` — what runs inside a grading process (:func:`~.grading.serve`) and,
  loaded with ``-p grader.instructor.batch.grading``, the pytest plugin that sends each
  finished check to the coordinator (so a stopped job keeps what it had finished);
* :mod:`.report` and :mod:`.gradebook` — a student's JSON and Gradescope reports (read back
  only after checking every field), the CSV;
* :mod:`.run` — one run from start to end; :mod:`.merge` — ``--merge``; :mod:`.command` — the command line.
"""
from grader.instructor.batch.command import build_parser, main

__all__ = ["build_parser", "main"]
