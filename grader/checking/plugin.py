"""The pytest plugin behind the checks: options, the ``check`` marker, fixtures, results.

Loaded by ``grader/checks/conftest.py``, so both ``grade`` and a bare
``pytest grader/checks/test_ex05_activations.py`` use it.  Results are kept
in ``config.stash[RESULTS]`` as :class:`grader.results.CheckResult` objects.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from grader import exercises
from grader.checking.spec import MARKER, item_spec
from grader.checking.verdict import LearnerCopied, LearnerMissing, classify
from grader.i18n import T, plain
from grader.sandbox.process import DEFAULT_CALL_TIMEOUT, LearnerProcess, take_prestarted
from grader.sandbox.proxy import Remote
from grader.sandbox import wire
from grader.seeds import check_seed, fresh_seed

RESULTS = pytest.StashKey[list]()
SEED = pytest.StashKey[int]()  # the run's seed (see grader.seeds)


# ---------------------------------------------------------------------------- options and markers
def pytest_addoption(parser):
    group = parser.getgroup("grader", "grading learner code")
    group.addoption("--target", default=None,
                    help="folder with the learner's modules (default: the kit's exercises/)")
    group.addoption("--seed", type=int, default=None,
                    help="seed for the hidden checks' random inputs (default: a fresh one)")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", f"{MARKER}(points, description, hidden=False, timeout=None): a graded check")
    config.stash[RESULTS] = []
    seed = config.getoption("--seed", None)
    config.stash[SEED] = seed if seed is not None else fresh_seed()


def target_dir(config) -> Path:
    target = config.getoption("--target", None)
    return Path(target).resolve() if target else exercises.ROOT / "exercises"


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def exercise(request) -> exercises.Exercise:
    return exercises.by_module(request.module.__name__)


@pytest.fixture(scope="module")
def learner_process(request, exercise):
    path = target_dir(request.config) / exercise.filename
    if not path.is_file():
        raise LearnerMissing(str(path))
    options = getattr(request.module, "WORKER_OPTIONS", {})
    process = take_prestarted(path) if not options else None
    if process is None:
        process = LearnerProcess(path, **options)
    process.wait_ready()
    yield process
    process.close()


@pytest.fixture
def learner(request, learner_process) -> Remote:
    """The learner's module, reached through the worker."""
    if learner_process.copied:
        raise LearnerCopied(learner_process.copied)
    spec = item_spec(request.node)
    learner_process.timeout = spec.call_timeout if spec else getattr(request.module, "CALL_TIMEOUT",
                                                                     DEFAULT_CALL_TIMEOUT)
    return Remote(learner_process, wire.Ref(None, None, "module"), learner_process.generation)


@pytest.fixture(scope="module")
def ref(exercise):
    """The reference solution, imported in the grader's own process (in a student kit, its answer key)."""
    from grader.checking.reference import reference
    with reference(exercise) as solution:
        yield solution


@pytest.fixture
def seed(request) -> int:
    spec = item_spec(request.node)
    return check_seed(request.node.name, bool(spec and spec.hidden), request.config.stash[SEED])


@pytest.fixture
def rng(seed) -> np.random.Generator:
    """Random inputs: fixed for public checks, drawn from the run's seed for hidden ones."""
    return np.random.default_rng(seed)


# ---------------------------------------------------------------------------- results
@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if item.get_closest_marker(MARKER) is None or not (report.when == "call" or report.failed or report.skipped):
        return report
    if report.when == "teardown" and not report.failed:
        return report
    result = item_spec(item).result()
    result.artifacts = [str(value) for key, value in item.user_properties if key == "artifact"]
    if report.passed:
        result.score = result.max_score
    elif report.skipped:
        result.status = "skipped"
        result.message = plain(str(call.excinfo.value) if call.excinfo else "")
    else:
        try:
            classify(result, call.excinfo.value if call.excinfo else None)
        except Exception as exc:  # noqa: BLE001 - never a pytest INTERNALERROR, never a pass
            result.status, result.hint, result.frames = "error", None, []
            result.message = T(f"The grader could not read what went wrong ({type(exc).__name__}).",
                               f"채점기가 무엇이 잘못되었는지 읽지 못했습니다 ({type(exc).__name__}).")
    results = item.config.stash[RESULTS]
    if not any(r.exercise == result.exercise and r.name == result.name for r in results):
        results.append(result)
    return report
