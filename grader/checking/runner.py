"""Run the checks of some exercises against a folder of learner modules."""
from __future__ import annotations

import contextlib
import io
import os
import warnings
from pathlib import Path

import pytest

from grader import exercises
from grader.exercises import Exercise
from grader.i18n import T
from grader.checking.plugin import RESULTS, SEED
from grader.checking.spec import item_spec
from grader.results import CheckResult, ExerciseResult, GradeReport
from grader.sandbox import platform
from grader.sandbox.process import discard_prestarted, prestart
from grader.seeds import fresh_seed


# pytest plugins that grading never needs: each costs start-up time (unraisableexception
# alone runs two full garbage collections per session) or time around every check. Learner
# code prints in its worker, never here, so there is nothing to capture ("capture"), and
# warnings are ignored around the whole session instead of per check ("warnings"); those two
# were about 15 % of a grading process's CPU time.
UNUSED_PLUGINS = ("cacheprovider", "randomly", "doctest", "junitxml", "pastebin", "stepwise",
                  "unraisableexception", "threadexception", "legacypath", "setuponly", "setupplan",
                  "logging", "faulthandler", "capture", "warnings")


class GraderError(Exception):
    """The grader itself could not run (never the learner's fault)."""


class _Collector:
    """Receives the plugin's results when the pytest session ends."""

    def __init__(self):
        self.results: list[CheckResult] = []
        self.collected: list[CheckResult] = []
        self.seed = 0

    @pytest.hookimpl(trylast=True)  # the items as every other plugin left them
    def pytest_collection_modifyitems(self, items):
        # what each check is worth, so that one that leaves no result still counts as lost
        for item in items:
            spec = item_spec(item)
            if spec is not None:
                self.collected.append(spec.result(
                    "error", message=T("This check did not run.", "이 검사가 실행되지 않았습니다.")))

    @pytest.hookimpl(trylast=True)  # after every other plugin has added what it adds at the end
    def pytest_sessionfinish(self, session):
        self.results = list(session.config.stash[RESULTS])
        self.seed = session.config.stash[SEED]


@contextlib.contextmanager
def _env(**values):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def grade(selected: list[Exercise], target: Path, seed: int | None = None,
          extra_args: tuple[str, ...] = ()) -> GradeReport:
    """Grade ``selected`` exercises in ``target``; learner code runs only in worker processes."""
    target = Path(target).resolve()
    if seed is None:
        seed = fresh_seed()
    args = [str(ex.check_file) for ex in selected] + [
        "-c", str(exercises.CHECKS_DIR / "pytest.ini"), "--rootdir", str(exercises.CHECKS_DIR),
        "-q", "--tb=no", *(arg for name in UNUSED_PLUGINS for arg in ("-p", f"no:{name}")),
        f"--target={target}", f"--seed={seed}", *extra_args]
    collector = _Collector()
    log = io.StringIO()
    from grader.sandbox import forkserver
    with forkserver.pinned():  # the warm server's key is worked out once for all the workers
        prestart(target / ex.filename for ex in selected)
        try:
            # only the grader's own plugin: third-party ones (anyio, ...) cost startup time
            with _env(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1"), warnings.catch_warnings(), \
                    contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                warnings.simplefilter("ignore")
                code = pytest.main(args, plugins=[collector])
        finally:
            discard_prestarted()
    if int(code) in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR) or (
            int(code) == pytest.ExitCode.INTERRUPTED and not collector.results):
        raise GraderError(f"pytest exited with {code}:\n{log.getvalue()[-3000:]}")

    by_key = {(r.exercise, r.name): r for r in collector.results}
    report = GradeReport(exercises=[], seed=collector.seed, target=str(target))
    report.notes = [note for note in (platform.limitations(), platform.unconfined_note()) if note]
    for ex in selected:
        checks = [by_key.get((c.exercise, c.name), c) for c in collector.collected if c.exercise == ex.id]
        report.exercises.append(ExerciseResult(ex.id, ex.title, ex.module, checks))
    return report
