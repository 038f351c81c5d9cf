"""The pytest plugin behind the checks: options, the ``check`` marker, fixtures, results.

Loaded by ``grader/checks/conftest.py``, so both ``grade`` and a bare
``pytest grader/checks/test_ex05_activations.py`` use it.  Results are kept
in ``config.stash[RESULTS]`` as :class:`grader.results.CheckResult` objects.

Official grading (``--official`` or ``GRADER_OFFICIAL=1``, see :mod:`grader.seeds`):
each public check that draws random inputs (``rng``/``seed``) runs with the kit's
public seed and again with a fresh one (unless its file lists it in ``OFFICIAL_ONCE``,
see :mod:`grader.checking.spec`), and earns its points only if both pass.
Code that passes on the kit's recorded inputs and fails on fresh ones in at least
half of those checks of an exercise is what a replayed answer key does: every public
check of that exercise then scores 0 (:func:`forfeit_replayed`).  A public check with
fixed inputs (written in the check file) runs once, so the grader records which learner
functions each check called: a passed fixed-input check loses its points when a function
it called failed every check on other inputs (hidden checks, drawn inputs) that called it and
either passed every fixed-input check or, failing one, never answered a fresh input as the
reference does (compared call by call, :mod:`grader.checking.fresh_answers`), see
:func:`forfeit_fixed_only`: answering only the kit's examples earns nothing, even with one
of them failed on purpose.  The fixed-input checks of an exercise run after its others, so
that a session stopped before its end keeps of them only what these rules leave (:func:`settled`).
"""
from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest

from grader import exercises
from grader.checking.fresh_answers import FreshAnswers
from grader.checking.spec import MARKER, item_spec
from grader.checking.verdict import LearnerCopied, LearnerMissing, classify
from grader.i18n import T, plain
from grader.checking.check import CheckFailed
from grader.sandbox.process import DEFAULT_CALL_TIMEOUT, LearnerProblem, LearnerProcess, take_prestarted
from grader.sandbox.proxy import Remote
from grader.sandbox import wire
from grader.seeds import check_seed, fresh_public_seed, fresh_seed, official_from_environment

RESULTS = pytest.StashKey[list]()
SEED = pytest.StashKey[int]()  # the run's seed (see grader.seeds)
OFFICIAL = pytest.StashKey[bool]()  # official grading: public checks get fresh inputs too
TWICE = pytest.StashKey[dict]()  # exercise -> {check: passed with fresh inputs} (official grading)
FRESH = pytest.StashKey[int]()  # on an item: the fresh seed its second run failed with
CALLED = pytest.StashKey[set]()  # on an item: the learner callables it called (official grading)
CALLS = pytest.StashKey[dict]()  # (exercise, check) -> the learner callables it called (official grading)
RANDOM = pytest.StashKey[dict]()  # exercise -> its public checks with drawn inputs, run twice (official grading)
ONCE = pytest.StashKey[dict]()  # exercise -> its public checks with drawn inputs kept to one run (official grading)
ANSWERS = pytest.StashKey[FreshAnswers]()  # what learner functions answered on fresh inputs (official grading)
EXAMPLES = pytest.StashKey[set]()  # exercises whose fixed-input checks have begun (official grading, see learner)
RANDOM_FIXTURES = ("rng", "seed")
_EXPECTED = (CheckFailed, LearnerProblem, LearnerMissing, LearnerCopied)  # how a check fails


# ---------------------------------------------------------------------------- options and markers
def pytest_addoption(parser):
    group = parser.getgroup("grader", "grading learner code")
    group.addoption("--target", default=None,
                    help="folder with the learner's modules (default: the kit's exercises/)")
    group.addoption("--seed", type=int, default=None,
                    help="seed for the hidden checks' random inputs (default: a fresh one)")
    group.addoption("--official", action="store_true", default=False,
                    help="official grading: public checks also run on fresh random inputs")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", f"{MARKER}(points, description, hidden=False, timeout=None): a graded check")
    config.stash[RESULTS] = []
    seed = config.getoption("--seed", None)
    config.stash[SEED] = seed if seed is not None else fresh_seed()
    config.stash[OFFICIAL] = official_mode(config)
    config.stash[TWICE] = {}
    config.stash[CALLS] = {}
    config.stash[RANDOM] = {}
    config.stash[ONCE] = {}
    config.stash[EXAMPLES] = set()
    config.stash[ANSWERS] = FreshAnswers(reference=_reference_module)


def _reference_module(exercise_id: str):
    """The reference solution that answers fresh inputs (official grading never has a recorded key)."""
    return exercises.import_solution(exercises.find(exercise_id).module)


def official_mode(config) -> bool:
    """Is this official grading?  Never while an answer key is recorded (fresh inputs stay out
    of it); refused where ``ref`` would be a recorded answer key, which cannot answer fresh inputs."""
    from grader.checking import reference
    if not (config.getoption("--official", False) or official_from_environment()):
        return False
    if reference.recording():
        return False
    if reference.replayed():
        text = T(
            "Official grading needs the reference solutions: this installation has only a student kit's "
            "answer keys, which cannot answer fresh inputs.",
            "공식 채점에는 모범 답안이 필요합니다. 이 설치에는 새 입력에 답할 수 없는 학생용 키트의 답안 키만 "
            "있습니다.")
        raise pytest.UsageError(f"{text.en}\n{text.ko}")
    return True


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
    official = request.config.stash[OFFICIAL] and spec is not None
    if official:  # which learner functions this check calls (see forfeit_fixed_only)
        learner_process.called = request.node.stash[CALLED] = set()
        # and what they answer on fresh inputs (a hidden check's; a drawn check's fresh run: pytest_pyfunc_call)
        learner_process.answers = request.config.stash[ANSWERS].recorder(spec.exercise.id, spec.hidden)
        # the check file's honest mistakes (grader.checking.fresh_answers.Variants)
        variants = getattr(request.module, "FRESH_VARIANTS", {})
        request.config.stash[ANSWERS].variants.setdefault(spec.exercise.id, variants)
        if fixed_inputs(request.node) and spec.exercise.id not in request.config.stash[EXAMPLES]:
            # ``grade`` runs the checks in the file's order, official grading its fixed-input ones last
            # (pytest_collection_modifyitems): a function that hung on another check's input gets its limit
            # again, once, so that an example it answers is not lost to the order (a hang costs one limit
            # per function in each of the two parts)
            request.config.stash[EXAMPLES].add(spec.exercise.id)
            learner_process.hung.clear()
            learner_process.hung_via.clear()
    yield Remote(learner_process, wire.Ref(None, None, "module"), learner_process.generation)
    if official:
        learner_process.answers = None


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


# ---------------------------------------------------------------------------- official grading
def fixed_inputs(item) -> bool:
    """A public check whose inputs are all written in its check file (it takes no ``rng`` or ``seed``)."""
    spec = item_spec(item)
    return spec is not None and not spec.hidden and not any(
        name in item._fixtureinfo.argnames for name in RANDOM_FIXTURES)


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Official grading runs each exercise's checks with fixed inputs after its other checks: when one
    of them finishes, every check of its exercise on other inputs has its verdict, so that what
    :func:`settled` says of it is what the session's end would say (reports keep the files' order:
    the runner takes it from the items before this)."""
    yield
    for item in items:
        if item.get_closest_marker(MARKER) is not None:
            item.repr_failure = _short_repr(item.repr_failure)
    if config.stash[OFFICIAL]:
        files: dict = {}
        for item in items:
            files.setdefault(item.path, len(files))
        items[:] = sorted(items, key=lambda item: (files[item.path], fixed_inputs(item)))  # stable


def _short_repr(full):
    """pytest's failure text, cut short for what a check expects to fail with: the report is made from
    the exception itself (see pytest_runtest_makereport), and pytest's traceback of it costs more
    than many a check.  Anything else (a mistake in the grader) keeps pytest's whole traceback."""
    def repr_failure(excinfo, *args, **kwargs):
        if excinfo.errisinstance(_EXPECTED):
            return f"{excinfo.typename}: {str(excinfo.value)[:500]}"
        return full(excinfo, *args, **kwargs)
    return repr_failure


def settled(config, result):
    """``result`` as the end of an official session would leave it if the session ended now: what a
    session stopped early (a time limit, a crash) keeps of it (see grader.instructor.batch.grading).
    Stricter than the end at worst: a later fixed-input check cannot clear a function any more
    (but a fresh input that only a later fixed-input check also gives still counts as fresh here)."""
    drawn = config.stash[RANDOM].get(result.exercise, set()) | config.stash[ONCE].get(result.exercise, set())
    if not config.stash[OFFICIAL] or result.hidden or result.name in drawn:
        return result  # kept as it finished: the rules are about the fixed-input checks, which come last
    # the rules set a result's fields, never change them in place: a copy of each result will do
    results = [copy.copy(other) for other in config.stash[RESULTS] if other.exercise == result.exercise]
    index = next(i for i, other in enumerate(config.stash[RESULTS]) if other is result)
    index -= sum(1 for other in config.stash[RESULTS][:index] if other.exercise != result.exercise)
    forfeit_replayed(results, config.stash[TWICE])
    forfeit_fixed_only(results, config.stash[TWICE], config.stash[CALLS], config.stash[RANDOM], config.stash[ONCE],
                       config.stash[ANSWERS].answered)
    return results[index]


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem):
    """In official grading, a public check with random inputs runs again on fresh ones."""
    config = pyfuncitem.config
    spec = item_spec(pyfuncitem)
    names = pyfuncitem._fixtureinfo.argnames
    drawn = config.stash[OFFICIAL] and spec is not None and not spec.hidden and not fixed_inputs(pyfuncitem)
    twice = drawn and not spec.official_once
    if drawn:  # its inputs are drawn, not written in the check file (see forfeit_fixed_only)
        config.stash[RANDOM if twice else ONCE].setdefault(spec.exercise.id, set()).add(spec.name)
    outcome = yield  # the kit's inputs: a failure here is the check's verdict
    if not twice:
        return outcome
    fresh = fresh_public_seed(pyfuncitem.name, config.stash[SEED])
    args = {name: pyfuncitem.funcargs[name] for name in names}
    if "seed" in args:
        args["seed"] = fresh
    if "rng" in args:
        args["rng"] = np.random.default_rng(fresh)
    if "tmp_path" in args:  # the second run starts from an empty folder too
        args["tmp_path"] = args["tmp_path"] / "official"
        args["tmp_path"].mkdir()
    runs = config.stash[TWICE].setdefault(spec.exercise.id, {})
    runs[spec.name] = False
    process = getattr(args.get("learner"), "_process", None)
    kit_inputs = getattr(process, "answers", None)
    if kit_inputs is not None:  # what the learner's functions answer now are answers to fresh inputs
        process.answers = config.stash[ANSWERS].recorder(spec.exercise.id, True)
    try:
        pyfuncitem.obj(**args)
    except BaseException:
        pyfuncitem.stash[FRESH] = fresh
        raise
    finally:
        if kit_inputs is not None:
            process.answers = kit_inputs
    runs[spec.name] = True
    return outcome


def _fresh_note(result, fresh: int) -> None:
    note = T(f"With the kit's inputs this check passed; with fresh inputs (seed {fresh}) it did not. "
             "Official grading runs public checks on both.",
             f"키트의 입력에서는 이 검사를 통과했지만 새 입력(시드 {fresh})에서는 통과하지 못했습니다. "
             "공식 채점은 공개 검사를 두 입력 모두로 실행합니다.")
    result.message = note if result.message is None else note + "\n" + result.message


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session):
    config = session.config
    forfeit_replayed(config.stash[RESULTS], config.stash[TWICE])
    if config.stash[OFFICIAL]:
        forfeit_fixed_only(config.stash[RESULTS], config.stash[TWICE], config.stash[CALLS], config.stash[RANDOM],
                           config.stash[ONCE], config.stash[ANSWERS].answered)


_GENERAL_HINT = T("Write each function for any input, as the lecture defines it, not for the kit's examples: "
                  "try it on inputs of your own (other shapes, large and negative values) and compare with the "
                  "formula by hand.",
                  "키트의 예시가 아니라 어떤 입력에도 맞도록 강의의 정의대로 함수를 작성하세요. 직접 만든 입력(다른 모양, "
                  "큰 값과 음수)으로 실행해 보고 손으로 계산한 공식과 비교해 보세요.")


def forfeit_replayed(results: list, twice: dict) -> list[str]:
    """Score 0 on every public check of an exercise whose code passed the kit's inputs and failed
    fresh ones in at least half of its checks that ran on both, and passed none of its hidden
    checks (their inputs are fresh too: a replayed key passes none, an honest slip most); returns
    those exercises."""
    forfeited = []
    for exercise, runs in twice.items():
        failed = sorted(name for name, passed in runs.items() if not passed)
        if not failed or 2 * len(failed) < len(runs):
            continue
        if any(r.exercise == exercise and r.hidden and r.score for r in results):
            continue  # right on some fresh inputs of its own: a mistake, not a replay
        forfeited.append(exercise)
        message = T(
            f"Your code gave the expected answers on the student kit's inputs but not on fresh inputs "
            f"({', '.join(failed)}): that is what replaying the kit's answer key does. Official grading "
            "awards no points for the public checks of this exercise.",
            f"여러분의 코드는 학생용 키트의 입력에서는 기대한 답을 냈지만 새 입력에서는 그렇지 못했습니다 "
            f"({', '.join(failed)}). 키트의 답안 키를 그대로 돌려줄 때 생기는 일입니다. 공식 채점에서는 이 "
            "실습의 공개 검사에 점수를 주지 않습니다.")
        for result in results:
            if result.exercise == exercise and not result.hidden and result.score:
                result.score, result.status, result.message, result.hint = 0.0, "failed", message, _GENERAL_HINT
    return forfeited


def _constructed(function: str, called) -> bool:
    """Is ``function`` ("TwoLayerNet()") a class whose methods ("TwoLayerNet.predict()") were called too?"""
    return function.endswith("()") and any(other.startswith(function[:-2] + ".") for other in called)


def fresh_verdicts(results: list, twice: dict, calls: dict, random: dict) -> dict[tuple[str, str], dict[str, bool]]:
    """(exercise, learner callable) -> {check: passed} over the checks that called it on inputs not
    written in the check file: hidden checks (fresh inputs), and public checks with drawn inputs
    (``random``), which pass only if they passed on the kit's inputs and on fresh ones (``twice``).
    A skipped check tells nothing; a failed one does not count against a class whose methods it
    called as well (the methods computed the answers, the object only holds them)."""
    verdicts: dict[tuple[str, str], dict[str, bool]] = {}
    for result in results:
        if result.hidden:
            if result.status == "skipped":
                continue
            passed = result.status == "passed"
        elif result.name in random.get(result.exercise, ()):
            passed = bool(twice.get(result.exercise, {}).get(result.name))
        else:
            continue
        called = calls.get((result.exercise, result.name), ())
        for function in called:
            if passed or not _constructed(function, called):
                verdicts.setdefault((result.exercise, function), {})[result.name] = passed
    return verdicts


def forfeit_fixed_only(results: list, twice: dict, calls: dict, random: dict,
                       once: dict | None = None, answered=None) -> list[tuple[str, str]]:
    """Score 0 on a passed public check with fixed inputs (written in the check file) that called a
    learner function which

    - was called by checks on other inputs (:func:`fresh_verdicts`) and failed every one of them, and
    - passed every public check with fixed inputs that called it: a replay of the kit's examples
      passes them all, while an honest mistake that breaks a function on fresh inputs usually
      shows on an example too (and that function was written, not replayed); or, failing one of
      them, never answered a fresh input as the reference does (``answered(exercise, function)``
      is False, see :class:`grader.checking.fresh_answers.FreshAnswers`): a lookup table that fails
      one example on purpose, to pass for a mistake, keeps none of the others.

    Code that answers only the kit's examples (a lookup table of them) keeps no points; a function
    no other check calls (``init_network``, a plot) is no reason.  ``calls``: (exercise, check) ->
    the learner callables it called; ``random``: exercise -> its public checks with drawn inputs
    that ran twice; ``once``: those kept to one run (``OFFICIAL_ONCE``), which are neither: their
    inputs are not in the check file, and what they call on the side (a plot of the training run)
    is not what they grade.  Returns the (exercise, check) pairs that lost their points."""
    verdicts = fresh_verdicts(results, twice, calls, random)
    once = once or {}

    def fixed(result) -> bool:
        drawn = random.get(result.exercise, set()) | once.get(result.exercise, set())
        return not result.hidden and result.name not in drawn

    examples: dict[tuple[str, str], bool] = {}  # passed every fixed-input check that called it
    for result in results:
        if fixed(result):
            for function in calls.get((result.exercise, result.name), ()):
                key = (result.exercise, function)
                examples[key] = examples.get(key, True) and result.status == "passed"
    unanswered: dict[tuple[str, str], bool] = {}  # asked only of functions that failed an example

    def replayed(key) -> bool:
        if key not in verdicts or any(verdicts[key].values()):
            return False
        if examples[key]:
            return True
        if key not in unanswered:
            unanswered[key] = answered is not None and answered(*key) is False
        return unanswered[key]

    forfeited = []
    for result in results:
        if not fixed(result) or not result.score:
            continue
        failed = sorted(function for function in calls.get((result.exercise, result.name), ())
                        if replayed((result.exercise, function)))
        if not failed:
            continue
        forfeited.append((result.exercise, result.name))
        names = ", ".join(failed)
        checks = ", ".join(sorted({name for function in failed for name in verdicts[result.exercise, function]}))
        result.score, result.status, result.hint = 0.0, "failed", _GENERAL_HINT
        result.message = T(
            f"Your code passed this check on the kit's own example inputs, but every check of {names} on fresh "
            f"inputs failed ({checks}). Official grading awards the examples' points only when the function "
            "also works on fresh inputs.",
            f"여러분의 코드는 키트에 적힌 예시 입력으로는 이 검사를 통과했지만, 새 입력으로 {names}의 동작을 본 검사는 "
            f"모두 실패했습니다 ({checks}). 공식 채점에서는 함수가 새 입력에서도 맞게 동작할 때만 예시의 점수를 줍니다.")
        wrong = [function for function in failed if unanswered.get((result.exercise, function))]
        if wrong:
            names = ", ".join(wrong)
            result.message += T(f" Compared call by call with the reference solution, {names} answered fresh inputs "
                                "no better than answers that ignore the input would.",
                                f" 모범 답안과 호출마다 비교하면, 새 입력에 대한 {names}의 답은 입력을 무시한 답보다 "
                                "나을 것이 없었습니다.")
    return forfeited


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
    fresh = item.stash.get(FRESH, None)
    if fresh is not None and report.when == "call":
        _fresh_note(result, fresh)
    results = item.config.stash[RESULTS]
    if not any(r.exercise == result.exercise and r.name == result.name for r in results):
        results.append(result)
        if CALLED in item.stash:  # the same set: what later phases call still counts
            item.config.stash[CALLS][result.exercise, result.name] = item.stash[CALLED]
    return report
