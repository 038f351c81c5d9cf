"""Official grading: answering only the inputs written in the public checks earns nothing.

The attack: a learner module whose functions return the expected answers for the inputs a
student can read in the kit's check files (``test_step_function_values``, ``test_sigmoid_edges``,
``test_forward_lecture``, ``test_broadcast_mul``, ``test_select_greater``), hard-coded, and raise
``NotImplementedError`` on any other input.  Its checks with drawn inputs fail already on the
kit's inputs, so no check "passed the kit's inputs and failed fresh ones" and
:func:`grader.checking.plugin.forfeit_replayed` sees nothing.  Official grading therefore also
asks, per function, whether the function passed any check on inputs not written in the check
file (hidden checks, drawn inputs): one that passed every check with the kit's example inputs and
none of those loses the examples' points (:func:`grader.checking.plugin.forfeit_fixed_only`).
The reference solutions keep full marks (tests/test_official_mode.py), and so do the corpus's
correct variants; of the corpus's mistakes only those whose function is wrong on the fresh inputs
it is given lose more than in ``grade``.

A table that fails one of its examples on purpose passes for an honest mistake under "passed every
fixed-input check"; what its functions answered to fresh inputs, compared call by call with the
reference (:mod:`grader.checking.fresh_answers`), tells it from one (tests/official_attacks/sacrifice_*).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from grader import exercises
from grader.checking import plugin
from grader.checking.runner import grade
from grader.i18n import plain
from grader.results import CheckResult

ROOT = exercises.ROOT

# The expected answers below were computed once with the reference solution on the literal
# inputs of grader/checks/test_ex05_activations.py and test_ex03_numpy_basics.py.
EX05_ATTACK = '''
import numpy as np


def _is(x, known):
    x = np.asarray(x)
    return x.shape == np.shape(known) and bool(np.array_equal(x, known))


def step_function(x):
    if _is(x, [-2.0, -0.5, 0.0, 1e-9, 0.5, 3.0]):
        return np.array([0, 0, 0, 1, 1, 1])
    raise NotImplementedError


def sigmoid(x):
    if _is(x, [-50.0, -10.0, 0.0, 10.0, 50.0]):
        return np.array([1.928749847963918e-22, 4.5397868702434395e-05, 0.5, 0.9999546021312976, 1.0])
    raise NotImplementedError


def relu(x):
    raise NotImplementedError


def plot_activations():
    raise NotImplementedError


def identity_function(x):
    raise NotImplementedError


def init_network():
    return {}


def forward(network, x):
    if _is(x, [1.0, 0.5]):
        return np.array([0.3168270764110298, 0.6962790898619668])
    raise NotImplementedError
'''

EX03_REPLAYED = '''
import numpy as np


def _is(x, known):
    x = np.asarray(x)
    return x.shape == np.shape(known) and bool(np.array_equal(x, known))


def broadcast_mul(A, B):
    if _is(A, [[1, 2], [3, 4]]) and _is(B, [10, 20]):
        return np.array([[10, 40], [30, 80]])
    if _is(A, [[1, 2], [3, 4]]) and _is(B, 10):
        return np.array([[10, 20], [30, 40]])
    if _is(A, [[1, 2, 3], [4, 5, 6]]) and _is(B, [[10], [100]]):
        return np.array([[10, 20, 30], [400, 500, 600]])
    raise NotImplementedError


def select_greater(X, threshold):
    lecture = [[51, 55], [14, 19], [0, 4]]
    if _is(X, lecture) and threshold == 15:
        return np.array([51, 55, 19])
    if _is(X, [[15.0, 16.0], [15.5, 15.0]]) and threshold == 15:
        return np.array([16.0, 15.5])
    if _is(X, [3, -1, 8, 8, 2]) and threshold == 2:
        return np.array([3, 8, 8])
    if _is(X, lecture) and threshold == 100:
        return np.array([], dtype=np.int64)
    raise NotImplementedError
'''

EX03_REST = '''

def elementwise(x, y):
    raise NotImplementedError


def sub_block(a):
    raise NotImplementedError


def center_columns(X):
    raise NotImplementedError


def normalize_rows(X):
    raise NotImplementedError


def plot_sin_cos():
    raise NotImplementedError
'''

REPLAYED = {"exercise-05": ("step_function_values", "sigmoid_edges", "forward_lecture"),
            "exercise-03": ("broadcast_mul", "select_greater")}


def write(folder: Path, ex_id: str, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / exercises.find(ex_id).filename).write_text(source, encoding="utf-8")
    return folder


def public(report) -> dict[str, CheckResult]:
    (ex,) = report.exercises
    return {c.name: c for c in ex.checks if not c.hidden}


def official(ex_id: str, target: Path, seed: int = 4242):
    return grade([exercises.find(ex_id)], target, seed=seed, extra_args=("--official",))


def assert_forfeited(check: CheckResult) -> None:
    assert check.score == 0 and check.status == "failed", (check.name, check.score, check.status)
    assert "kit's own example inputs" in check.message.en and "fresh inputs" in check.message.en, check.message.en
    assert "예시 입력" in check.message.ko and "새 입력" in check.message.ko, check.message.ko
    assert check.hint is not None and "any input" in check.hint.en and "어떤 입력에도" in check.hint.ko


@pytest.mark.parametrize("ex_id, source", [("exercise-05", EX05_ATTACK), ("exercise-03", EX03_REPLAYED + EX03_REST)])
def test_answering_only_the_check_files_inputs_earns_nothing_in_official_grading(tmp_path, ex_id, source):
    target = write(tmp_path / "attack", ex_id, source)
    today = public(grade([exercises.find(ex_id)], target, seed=4242))
    assert sum(c.score for c in today.values()) == len(REPLAYED[ex_id]) > 0  # the attack works with ``grade``
    assert all(today[name].score == 1 for name in REPLAYED[ex_id])
    checks = public(official(ex_id, target))
    assert sum(c.score for c in checks.values()) == 0, [(c.name, c.score) for c in checks.values()]
    for name in REPLAYED[ex_id]:
        assert_forfeited(checks[name])


def test_the_message_names_the_function_that_fails_on_fresh_inputs(tmp_path):
    checks = public(official("exercise-05", write(tmp_path, "exercise-05", EX05_ATTACK)))
    assert "sigmoid()" in checks["sigmoid_edges"].message.en and "sigmoid_values" in checks["sigmoid_edges"].message.en
    assert "forward()" in checks["forward_lecture"].message.en
    assert "init_network()" not in checks["forward_lecture"].message.en  # no check gives it other inputs


def test_two_replayed_functions_among_honest_ones_lose_only_their_own_points(tmp_path):
    """The reference solution with broadcast_mul and select_greater replaced by the replay: 8/10 with
    ``grade``; official grading takes exactly those two functions' example points."""
    source = (ROOT / "solutions" / "ex03_numpy_basics.py").read_text(encoding="utf-8") + "\n" + EX03_REPLAYED
    target = write(tmp_path, "exercise-03", source)
    today = grade([exercises.find("exercise-03")], target, seed=4242)
    assert today.score == 8
    report = official("exercise-03", target)
    checks = public(report)
    assert report.score == 6, [(c.name, c.score) for c in checks.values()]
    for name in REPLAYED["exercise-03"]:
        assert_forfeited(checks[name])
    assert all(c.score == c.max_score for name, c in checks.items() if name not in REPLAYED["exercise-03"])


# ---------------------------------------------------------------------------- the rule, on its own
def results(*rows) -> list[CheckResult]:
    """(name, passed, hidden) rows of exercise-05's results."""
    return [CheckResult("exercise-05", name, plain(name), 1.0, "passed" if passed else "failed",
                        score=1.0 if passed else 0.0, hidden=hidden) for name, passed, hidden in rows]


def calls(**called) -> dict:
    return {("exercise-05", name): set(functions) for name, functions in called.items()}


def scores(found: list[CheckResult]) -> dict[str, float]:
    return {r.name: r.score for r in found}


def test_a_function_no_check_gives_other_inputs_keeps_its_points():
    found = results(("init", True, False), ("lecture", True, False), ("random", False, True))
    called = calls(init={"init_network()"}, lecture={"init_network()", "forward()"}, random={"forward()"})
    assert plugin.forfeit_fixed_only(found, {}, called, {}) == [("exercise-05", "lecture")]
    assert scores(found) == {"init": 1.0, "lecture": 0.0, "random": 0.0}
    assert found[1].status == "failed" and "forward()" in found[1].message.en and "random" in found[1].message.en
    assert found[1].hint is plugin._GENERAL_HINT


def test_one_fresh_check_of_the_function_passing_keeps_its_fixed_checks():
    found = results(("edges", True, False), ("values", False, False), ("hidden", True, True))
    called = calls(edges={"sigmoid()"}, values={"sigmoid()"}, hidden={"sigmoid()"})
    random = {"exercise-05": {"values"}}
    twice = {"exercise-05": {"values": False}}
    assert plugin.forfeit_fixed_only(found, twice, called, random) == []
    assert scores(found) == {"edges": 1.0, "values": 0.0, "hidden": 1.0}
    twice["exercise-05"]["values"], found[1].score, found[2].score = True, 1.0, 0.0  # the other way round
    found[2].status = "failed"
    assert plugin.forfeit_fixed_only(found, twice, called, random) == []
    assert scores(found) == {"edges": 1.0, "values": 1.0, "hidden": 0.0}


def test_a_public_check_with_drawn_inputs_failed_on_the_kits_inputs_counts_against_the_function():
    """The replay of the examples fails the drawn inputs already with the kit's seed: no fresh rerun,
    yet the function did not work on any input but the examples."""
    found = results(("values", True, False), ("dtype", False, False))
    called = calls(values={"step_function()"}, dtype={"step_function()"})
    random = {"exercise-05": {"dtype"}}
    assert plugin.forfeit_fixed_only(found, {}, called, random) == [("exercise-05", "values")]
    assert scores(found) == {"values": 0.0, "dtype": 0.0}


def test_passing_the_kits_drawn_inputs_but_not_fresh_ones_is_no_pass():
    found = results(("edges", True, False), ("values", False, False))
    called = calls(edges={"sigmoid()"}, values={"sigmoid()"})
    forfeited = plugin.forfeit_fixed_only(found, {"exercise-05": {"values": False}}, called,
                                          {"exercise-05": {"values"}})
    assert forfeited == [("exercise-05", "edges")]


def test_only_the_functions_a_fixed_check_called_count():
    found = results(("step", True, False), ("sigmoid_edges", True, False), ("sigmoid_random", False, True),
                    ("skipped", True, True))
    found[3].status, found[3].score = "skipped", 0.0  # a skipped check tells nothing
    called = calls(step={"step_function()"}, sigmoid_edges={"sigmoid()"}, sigmoid_random={"sigmoid()"},
                   skipped={"step_function()"})
    assert plugin.forfeit_fixed_only(found, {}, called, {}) == [("exercise-05", "sigmoid_edges")]
    assert scores(found)["step"] == 1.0


def test_a_check_that_recorded_no_calls_is_left_alone():
    found = results(("lecture", True, False), ("random", False, True))
    assert plugin.forfeit_fixed_only(found, {}, calls(random={"forward()"}), {}) == []
    assert found[0].score == 1.0


def test_other_exercises_functions_are_not_mixed_up():
    found = results(("lecture", True, False))
    found.append(CheckResult("exercise-06", "random", plain("random"), 1.0, "failed", hidden=True))
    called = {("exercise-05", "lecture"): {"softmax()"}, ("exercise-06", "random"): {"softmax()"}}
    assert plugin.forfeit_fixed_only(found, {}, called, {}) == []


def test_a_function_that_fails_one_of_the_kits_examples_was_written_not_replayed():
    """calculate with ``^`` for powers: wrong on the lecture's example and on some fresh inputs, right on
    the others; a replay of the examples would pass them all, so its other example keeps its point."""
    found = results(("lecture", False, False), ("unknown_operator", True, False), ("random", False, True))
    called = calls(lecture={"calculate()"}, unknown_operator={"calculate()"}, random={"calculate()"})
    assert plugin.forfeit_fixed_only(found, {}, called, {}) == []
    assert scores(found) == {"lecture": 0.0, "unknown_operator": 1.0, "random": 0.0}


def test_a_failed_check_of_an_objects_methods_does_not_count_against_its_class():
    """SimpleNet() builds the object, SimpleNet.loss() computes: a failed check that called both blames
    the method, so the check of the constructor alone keeps its points."""
    found = results(("init", True, False), ("lecture", True, False), ("random", False, True))
    called = calls(init={"SimpleNet()"}, lecture={"SimpleNet()", "SimpleNet.loss()"},
                   random={"SimpleNet()", "SimpleNet.loss()"})
    assert plugin.forfeit_fixed_only(found, {}, called, {}) == [("exercise-05", "lecture")]
    assert scores(found) == {"init": 1.0, "lecture": 0.0, "random": 0.0}
    assert "SimpleNet.loss()" in found[1].message.en and "SimpleNet()" not in found[1].message.en


def test_a_check_kept_to_one_run_is_not_a_check_of_the_kits_examples():
    """exercise-10's training (OFFICIAL_ONCE) draws its inputs and plots its history on the side: a
    plot_history with wrong labels costs the plot's check, not the training's."""
    found = results(("train", True, False), ("plot_history", False, False))
    called = calls(train={"TwoLayerNet()", "train()", "plot_history()"}, plot_history={"plot_history()"})
    random, once = {"exercise-05": {"plot_history"}}, {"exercise-05": {"train"}}
    assert plugin.forfeit_fixed_only(found, {}, called, random, once) == []
    assert plugin.forfeit_fixed_only(found, {}, called, random) == [("exercise-05", "train")]  # were it fixed


# ---------------------------------------------------------------------------- a session stopped before its end
# The attack above plus hangs, so that the batch stops the session at its time limit before the
# session's end applies the rules: what a stopped session keeps must already be what they leave.
EX05_ATTACK_THEN_HANG = EX05_ATTACK + "".join(
    f"\n\ndef {name}(*args):\n    while True:\n        pass\n" for name in ("plot_activations", "init_network"))


def test_official_grading_keeps_the_check_files_order_in_the_report(tmp_path):
    target = write(tmp_path, "exercise-05", (ROOT / "solutions" / "ex05_activations.py").read_text(encoding="utf-8"))
    names = [c.name for c in grade([exercises.find("exercise-05")], target, seed=7).exercises[0].checks]
    report = official("exercise-05", target, seed=7)
    assert [c.name for c in report.exercises[0].checks] == names and report.score == report.max_score


def test_a_session_stopped_at_its_time_limit_keeps_no_replayed_examples(tmp_path):
    """Stopped in the middle (two functions that only fixed-input checks call loop forever: more than
    the 2 CPU seconds the job has), the job keeps what its finished checks were streamed as: the
    kit's examples run after the checks on other inputs and are streamed as the end would leave them."""
    import csv
    from grader.instructor import batch
    from grader.sandbox import guarantee
    subs, out = tmp_path / "subs", tmp_path / "out"
    write(subs / "mallory", "exercise-05", EX05_ATTACK_THEN_HANG)
    unsafe = ["--unsafe-no-sandbox"] if guarantee.missing() else []
    code = batch.main([str(subs), "--out", str(out), "--exercises", "05", "--jobs", "1", "--seed", "4242",
                       "--lang", "en", "--timeout", "2", *unsafe])
    assert code == 1  # a time-out is a problem the instructor hears of
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert row["status"] == "timeout" and float(row["exercise-05"]) == 0, row
    import json
    report = json.loads((out / "reports" / "mallory.json").read_text(encoding="utf-8"))
    checks = {c["name"]: c for c in report["exercises"][0]["checks"]}
    assert all(c["score"] == 0 for c in checks.values()), {n: c["score"] for n, c in checks.items()}
    finished = [c for name, c in checks.items() if name in REPLAYED["exercise-05"] and c["status"] == "failed"
                and "kit's own example inputs" in c["message"]]
    assert finished, {n: (c["status"], c["message"][:80]) for n, c in checks.items()}  # it got that far


# ---------------------------------------------------------------------------- ways around the rule
ATTACKS = Path(__file__).resolve().parent / "official_attacks"
# EX05_ATTACK with a plot_activations that fails on purpose while naming the table's functions, so
# that the failed fixed-input check's hint probes them (and they look "called by a failed example")
EX05_PROBE_BAIT = EX05_ATTACK + '''

class Oops(Exception):
    pass


def plot_activations():
    step_function, sigmoid, relu
    raise Oops("no plot")
'''


@pytest.mark.parametrize("attack, ex_id, replayed", [
    ("probe_bait_ex05", "exercise-05", ("step_function_values", "sigmoid_edges")),
    ("probe_bait_ex06", "exercise-06", ("naive_softmax_overflows",)),
    ("zeros_elsewhere_ex06", "exercise-06", ("softmax_lecture", "softmax_overflow", "softmax_batch_large",
                                             "softmax_ties_and_shapes", "softmax_input_unchanged")),
    ("renamed_class_ex08", "exercise-08", ("simple_net_lecture",)),
    ("examples_only_ex02", "exercise-02", ("middle", "columns", "with_update", "hello", "man", "negative_index")),
    ("zeros_elsewhere_ex07", "exercise-07", ("cee_lecture", "cee_delta", "cee_label_single", "cee_inputs_unchanged")),
])
def test_ways_around_the_rule_earn_nothing(tmp_path, attack, ex_id, replayed):
    """Found by trying to beat the rule: calls a failed check's hint makes (relies_on's probes) are not
    the check's; a drawn check compares values on its drawn inputs; an object's methods are known by
    the class the check constructed, not by the type name the learner's code gives it; every function
    with a check of its own is also tried on drawn inputs."""
    source = EX05_PROBE_BAIT if attack == "probe_bait_ex05" else (ATTACKS / f"{attack}.py").read_text(encoding="utf-8")
    if "Appended to the stub" in source:
        source = (ROOT / "exercises" / exercises.find(ex_id).filename).read_text(encoding="utf-8") + "\n" + source
    target = write(tmp_path, ex_id, source)
    today = public(grade([exercises.find(ex_id)], target, seed=4242))
    if attack != "examples_only_ex02":  # (those checks draw inputs now: the kit's own run shows the table)
        assert any(today[name].score for name in replayed)  # the lookup table earns these with ``grade``
    checks = public(official(ex_id, target))
    assert {name: checks[name].score for name in replayed} == dict.fromkeys(replayed, 0.0), \
        [(c.name, c.score, c.message.en[:100] if c.message else "") for c in checks.values()]


def test_a_hints_probes_are_not_the_checks_calls():
    """exercise-04's checks probe perceptron for their hint ("fix perceptron first") when they fail."""
    from types import SimpleNamespace
    from grader.checks import test_ex04_gates as ex04

    class Remote:  # a handle whose process records the calls made (see LearnerProcess.called)
        def __init__(self):
            self._process = SimpleNamespace(called=set())

        def perceptron(self, x, w, b):
            if self._process.called is not None:
                self._process.called.add("perceptron()")
            return 1

    learner = Remote()
    assert ex04._perceptron_broken(learner)
    assert learner._process.called == set()


# ---------------------------------------------------------------------------- failing one example on purpose
# (name of the attack in tests/official_attacks, exercise, {lookup table's function: its passed examples},
# checks it fails on purpose, checks it keeps: functions whose whole domain is the examples)
SACRIFICES = [
    ("sacrifice_ex01", "exercise-01",
     {"calculate()": ("calculate_python_rules",), "is_valid_name()": ("is_valid_name_characters",)},
     ("unknown_operator", "is_valid_name_reserved"), ("truth_table",)),
    ("sacrifice_ex04", "exercise-04", {"perceptron()": ("perceptron",), "AND()": ("gate_truth_tables",)},
     ("return_types",), ("xor_truth_table", "xor_built_from_gates")),
    ("sacrifice_ex06", "exercise-06", {"softmax()": ("softmax_lecture", "softmax_overflow", "softmax_batch_large")},
     ("softmax_ties_and_shapes",), ()),
    # raising on (or crashing at) the first fresh input leaves one fresh answer: the calls sent ahead end there
    ("sacrifice_raise_ex01", "exercise-01",
     {"calculate()": ("calculate_python_rules",), "is_valid_name()": ("is_valid_name_characters",)},
     ("unknown_operator", "is_valid_name_reserved"), ("truth_table",)),
    ("sacrifice_crash_ex04", "exercise-04", {"perceptron()": ("perceptron",), "AND()": ("gate_truth_tables",)},
     ("return_types",), ("xor_truth_table", "xor_built_from_gates")),
    # functions handed a function: numerical_diff(f, x), gradient_descent(f, init_x, ...)
    ("sacrifice_ex08", "exercise-08", {"gradient_descent()": ("gradient_descent_lecture",)},
     ("numerical_diff_lecture", "gradient_descent_keeps_init_x"),
     ("numerical_gradient_restores_x", "simple_net_init", "simple_net_lecture", "plot_gradient_field")),
    ("sacrifice_ex08+minimum_ex08", "exercise-08", {"gradient_descent()": ("gradient_descent_lecture",)},
     ("numerical_diff_lecture", "gradient_descent_keeps_init_x"),
     ("numerical_gradient_restores_x", "simple_net_init", "simple_net_lecture", "plot_gradient_field")),
]


@pytest.mark.parametrize("attack, ex_id, tables, sacrificed, whole", SACRIFICES, ids=[s[0] for s in SACRIFICES])
def test_failing_one_example_on_purpose_keeps_none_of_the_others(tmp_path, attack, ex_id, tables, sacrificed, whole):
    """A lookup table of the examples that fails one of them on purpose looks like an honest mistake to the rule
    "passed every fixed-input check that called it"; its answers to fresh inputs, compared call by call with the
    reference's, are no better than its constant answer for any input it does not know: no example keeps its point."""
    source = "\n\n".join((ATTACKS / f"{part}.py").read_text(encoding="utf-8") for part in attack.split("+"))
    target = write(tmp_path, ex_id, source)
    today = public(grade([exercises.find(ex_id)], target, seed=4242))
    assert all(today[name].score == today[name].max_score for names in tables.values() for name in names)
    assert all(today[name].score == 0 for name in sacrificed)
    checks = public(official(ex_id, target))
    for function, names in tables.items():
        for name in names:
            assert_forfeited(checks[name])
            assert function in checks[name].message.en and function in checks[name].message.ko
            assert "ignore the input" in checks[name].message.en and "입력을 무시한" in checks[name].message.ko
    kept = {name for name, check in checks.items() if check.score}
    assert kept == set(whole), [(c.name, c.score) for c in checks.values()]


def test_a_table_behind_two_computed_operators_keeps_no_lecture_example(tmp_path):
    """calculate computes + and - and looks every other operator up in a table of what the kit's checks ask
    (the lecture's 5 and 3, the pairs test_calculate_lecture draws with the kit's seed, and
    test_calculate_python_rules' cases but one, failed on purpose): a quarter of its fresh answers are right
    and follow the input, so the function as a whole was written.  test_calculate_lecture draws operands
    too, and in official grading draws others: the table's lecture answers earn nothing."""
    import numpy as np

    from grader.seeds import check_seed
    rng = np.random.default_rng(check_seed("test_calculate_lecture", False, 0))
    operators = ("+", "-", "*", "/", "//", "%", "**")
    drawn = [(int(rng.integers(2, 1000)), int(rng.integers(1, 6 if op == "**" else 100)), op) for op in operators]
    rules = [(6, 3, "/"), (-7, 2, "/"), (-7, 2, "//"), (7, -2, "//"), (-7, 2, "%"), (7, -2, "%"), (7.5, 2, "//"),
             (7.5, 2, "%"), (2, -1, "**"), (-2, 2, "**"), (-3, 3, "**")]  # (2.5, 2, "*") left out on purpose
    table = {(a, b, op): eval(f"a {op} b") for a, b, op in [(5, 3, op) for op in operators] + drawn + rules}
    attack = f"""
_TABLE = {table!r}


def calculate(a, b, op):
    if op in ("+", "-"):
        return a + b if op == "+" else a - b
    if op not in ("*", "/", "//", "%", "**"):
        raise ValueError(op)
    if (a, b, op) in _TABLE:
        return _TABLE[a, b, op]
    raise NotImplementedError(op)
"""
    reference = (ROOT / "solutions" / "ex01_arithmetic_types.py").read_text(encoding="utf-8")
    target = write(tmp_path, "exercise-01", reference + attack)
    today = public(grade([exercises.find("exercise-01")], target, seed=4242))
    assert today["calculate_lecture"].score == 1 and today["calculate_python_rules"].score == 0
    checks = public(official("exercise-01", target))
    assert checks["calculate_lecture"].score == 0 and checks["unknown_operator"].score == 1


# Honest mistakes that fail an example and every check on fresh inputs, yet answer many fresh inputs right:
# (corpus case, the function, its examples that pass and keep their points in official grading)
HONEST = [
    ("ex01/mistake_caret_power", "calculate()", ("unknown_operator",)),  # '^' for '**'
    ("ex01/mistake_name_no_keyword", "is_valid_name()", ("is_valid_name_characters",)),  # True/False answers
    ("ex02/mistake_negative_minus_i", "negative_index()", ("negative_index_out_of_range",)),  # fails its first case
    # an approximation off by about h (grader.checking.fresh_answers.NUMERIC_TOLERANCE): a forward-difference
    # gradient, and one step of gradient descent too many or too few
    ("ex08/mistake_forward_difference", "gradient_descent()", ("gradient_descent_keeps_init_x",)),
    ("ex08/mistake_off_by_one", "gradient_descent()", ("gradient_descent_keeps_init_x",)),
    ("ex08/mistake_gradient_ascent", "gradient_descent()", ("gradient_descent_keeps_init_x",)),
    ("ex08/mistake_not_restored", "gradient_descent()", ("gradient_descent_keeps_init_x",)),
    ("ex08/mistake_descent_history", "gradient_descent()", ("gradient_descent_keeps_init_x",)),  # (x, x_history)
]


STALE_GRADIENT = """
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    grad = numerical_gradient(f, x)  # taken once, at init_x
    for i in range(step_num):
        x -= lr * grad
    return x
"""
FROM_INIT = """
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    for i in range(step_num):
        x = init_x - lr * numerical_gradient(f, x)
    return x
"""


@pytest.mark.parametrize("slip", [STALE_GRADIENT, FROM_INIT], ids=["gradient taken once", "each step from init_x"])
def test_a_descent_slip_among_the_honest_variants_keeps_its_other_example(tmp_path, slip):
    """Slips in the loop of gradient_descent fail its lecture example and every fresh input; their answers are
    those of FRESH_VARIANTS, so test_gradient_descent_keeps_init_x keeps its point, as in grade."""
    source = (ROOT / "solutions" / "ex08_gradients.py").read_text(encoding="utf-8") + slip
    target = write(tmp_path, "exercise-08", source)
    today = {c.name: c.score for c in grade([exercises.find("exercise-08")], target, seed=4242).exercises[0].checks}
    checks = {c.name: c.score for c in official("exercise-08", target).exercises[0].checks}
    assert today["gradient_descent_lecture"] == 0 and today["gradient_descent_keeps_init_x"] == 0.5
    assert checks == today


def test_a_correct_function_with_its_keyword_parameters_in_another_order_keeps_full_marks(tmp_path):
    """gradient_descent(f, init_x, step_num=100, lr=0.01) is the contract's function: the checks pass lr and
    step_num by name, and so do the calls they make ahead (proxy.prefetch's keywords)."""
    reference = (ROOT / "solutions" / "ex08_gradients.py").read_text(encoding="utf-8")
    swapped = reference.replace("def gradient_descent(f, init_x, lr=0.01, step_num=100):",
                                "def gradient_descent(f, init_x, step_num=100, lr=0.01):")
    assert swapped != reference
    report = official("exercise-08", write(tmp_path, "exercise-08", swapped))
    assert all(c.score == c.max_score for c in report.exercises[0].checks), \
        [(c.name, c.score, c.message) for c in report.exercises[0].checks if c.score < c.max_score]


@pytest.mark.parametrize("case_id, function, examples", HONEST, ids=[h[0] for h in HONEST])
def test_an_honest_mistake_keeps_its_examples_points(tmp_path, monkeypatch, case_id, function, examples):
    """Right on the fresh inputs before its first '**' (calculate), on half of them (is_valid_name without the
    keyword rule: True and False, yet far from chance), or only on fresh cases its check made ahead but
    never got to (negative_index fails its first one): each function was written, and official grading
    gives it what ``grade`` gives."""
    import sys
    from grader.checking import fresh_answers
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus_tools import cases, grade_case
    (case,) = [c for c in cases() if c.id == case_id]
    asked = {}
    answered = fresh_answers.FreshAnswers.answered

    def spy(self, exercise, name):
        asked[name] = answered(self, exercise, name)
        return asked[name]

    monkeypatch.setattr(fresh_answers.FreshAnswers, "answered", spy)
    today = {c.name: c.score for c in grade_case(case, tmp_path / "grade").checks}
    target = write(tmp_path / "official", case.exercise.id, case.module_source())
    checks = {c.name: c for c in official(case.exercise.id, target).exercises[0].checks}
    assert asked.get(function) is True, asked
    assert all(today[name] == checks[name].score == checks[name].max_score for name in examples), \
        [(name, today[name], checks[name].score) for name in examples]
    assert {n: c.score for n, c in checks.items()} == today  # official grading takes nothing more


def test_a_gate_that_gives_every_fresh_input_one_answer_is_there_what_a_lookup_table_is(tmp_path):
    """AND with OR's bias (tests/corpus) says 1 to all 20 fresh inputs of test_gate_weights, which lie near the
    lecture's AND line: exactly what a table's fallback says. Failing the truth table does not spare it, so
    test_return_types, the one example it still passes, is lost too (1 point more than ``grade`` takes)."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus_tools import cases, grade_case
    (case,) = [c for c in cases() if c.id == "ex04/and_bias_copied_from_or"]
    today = {c.name: c.score for c in grade_case(case, tmp_path / "grade").checks}
    target = write(tmp_path / "official", "exercise-04", case.module_source())
    checks = {c.name: c for c in official("exercise-04", target).exercises[0].checks}
    assert today["return_types"] == 1 and today["gate_truth_tables"] == 0
    assert_forfeited(checks["return_types"])
    assert "AND()" in checks["return_types"].message.en and "ignore the input" in checks["return_types"].message.en
    assert {n: c.score for n, c in checks.items() if n != "return_types"} == \
        {n: s for n, s in today.items() if n != "return_types"}
