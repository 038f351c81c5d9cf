"""Official grading's evidence of what a learner function answered on fresh inputs, call by call
(grader.checking.fresh_answers), and how the rule on fixed-input checks uses it."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from grader.checking import plugin
from grader.checking.fresh_answers import NO_ANSWER, NOT_PLAIN, FreshAnswers, Raised, evidence, same, small
from grader.i18n import plain
from grader.results import CheckResult
from grader.sandbox.problems import LearnerCrashed, LearnerError, LearnerTimeout


# ---------------------------------------------------------------------------- comparing one answer
def test_an_answer_is_the_reference_s_in_any_honest_form():
    assert same(2, 2.0) and same(True, 1) and same(np.int64(3), 3) and same(np.float64(0.1 + 0.2), 0.3)
    assert same([1, 2], (1, 2)) and same([0.5, 0.25], np.array([0.5, 0.25])) and same(np.array(1.0), 1)
    assert same({"a": [1, 2]}, {"a": (1, 2)}) and same("int", "int") and same(None, None)
    assert same(np.array([np.nan, 1.0]), np.array([np.nan, 1.0])) and same(2**100, 2**100)
    assert same(Raised("ValueError"), Raised("ValueError"))


def test_anything_else_is_another_answer():
    assert not same(2**100 + 1, 2**100) and not same(1.0, 1.001) and not same("1", 1) and not same(None, 0)
    assert not same(np.zeros(3), np.zeros((3, 1))) and not same([1, 2], [1, 2, 3]) and not same({"a": 1}, {"b": 1})
    assert not same(Raised("KeyError"), Raised("ValueError")) and not same(Raised("ValueError"), 0)
    assert not same(NO_ANSWER, NO_ANSWER) and not same(NOT_PLAIN, None) and not same(0, Raised("ZeroDivisionError"))


def test_small_values_are_those_an_answer_that_ignores_the_input_hits():
    assert all(small(v) for v in (None, True, 0, 1, -1, 0.0, Raised("ValueError"), np.array([0, 1, 1]), [], "",
                                  [True, False], {"a": 0}))
    assert not any(small(v) for v in (2, 0.5, "int", np.array([0.2, 0.8]), [1, 2], {"a": 3}))


# ---------------------------------------------------------------------------- evidence beyond chance
def _judged(answers, references):
    return evidence(answers, references, [same(a, r) for a, r in zip(answers, references)])


def test_a_constant_answer_is_no_evidence_however_often_it_is_right():
    references = [0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1]
    assert not _judged([0] * 16, references) and not _judged([1] * 16, references)
    assert not _judged([5.0] * 4, [5.0, 1.0, 2.0, 3.0])  # a rich value, but given whatever the input
    assert not _judged([1, 2], [3, 4])  # nothing right


def test_coin_flips_are_no_evidence():
    rng = np.random.default_rng(1)
    references = [int(v) for v in rng.integers(0, 2, size=40)]
    kept = sum(_judged([int(v) for v in rng.integers(0, 2, size=40)], references) for _ in range(50))
    assert kept <= 2, kept


def test_an_answer_that_follows_the_input_but_is_right_only_now_and_then_is_no_evidence():
    """calculate(a, b, op) returning a: right whenever b is 1 ('*', '/', '//', '**') or 0 <= a < b ('%')."""
    rng = np.random.default_rng(3)
    ops = ("+", "-", "*", "/", "//", "%", "**")
    cases = [(int(rng.integers(-30, 31)), int(rng.choice([-2, -1, 1, 2, 3, 5, 7])), op) for _ in range(8) for op in ops]
    references = [eval(f"({a}) {op} ({b})") for a, b, op in cases]  # noqa: S307 - literal ints and operators
    answers = [a for a, _, _ in cases]
    assert 0 < sum(same(g, w) for g, w in zip(answers, references)) < len(cases) / 4
    assert not _judged(answers, references)


def test_right_answers_that_follow_the_input_are_evidence():
    references = [0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1]
    assert _judged(list(references), references)  # small values, but each where the reference has it
    rng = np.random.default_rng(2)  # is_valid_name without the keyword rule: right on 3 names in 4
    references = [bool(v) for v in rng.integers(0, 2, size=70)]
    assert _judged([r if k % 4 else not r for k, r in enumerate(references)], references)
    assert _judged([8, 0.3], [8, 2.5])  # one rich value, right, and given to that input only


# ---------------------------------------------------------------------------- recording and asking the reference
def _session(**functions):
    return FreshAnswers(reference=lambda exercise: SimpleNamespace(**functions))


def test_calls_are_kept_with_the_arguments_as_sent_and_asked_of_the_reference():
    answers = _session(double=lambda x: [2 * v for v in x])
    recorder = answers.recorder("exercise-01", fresh=True)
    x = [1, 2]
    pending = recorder.before("double", (x,), {})
    x.append(3)  # the check changes its input after the call
    pending.returned([2, 4])
    assert answers.answered("exercise-01", "double()") is True


def test_calls_that_pass_a_kit_function_are_kept_and_an_honest_variant_is_written_code():
    """exercise-08 hands learner code the kit's functions (grader.checking.functions, or partials of them):
    such calls are kept.  An answer that equals one of the check file's FRESH_VARIANTS (a forward
    difference) is written code; an answer that ignores the input, or merely lands near the reference,
    is not."""
    from functools import partial

    from grader.checking import functions as fn
    from grader.checking.fresh_answers import plain_size
    from grader.checks.test_ex08_gradients import FRESH_VARIANTS
    from solutions import ex08_gradients as solution

    cubic = partial(fn.polynomial, coeffs=[1.5, -0.5, 2.0, 1.0])
    assert plain_size(fn.function_1) is not None and plain_size((cubic, 0.5)) is not None
    assert plain_size(lambda x: x) is None and plain_size(partial(np.polyval, [1.0])) is None  # not the kit's

    def forward(f, x):
        return (f(x + 1e-4) - f(x)) / 1e-4

    def near(f, x):  # within 1e-3 of the derivative, without being any way of computing it
        return solution.numerical_diff(f, x) * (1 + 1e-3)

    for learner, variants, expected in ((forward, FRESH_VARIANTS, True), (forward, {}, False),
                                        (near, FRESH_VARIANTS, False), (lambda f, x: 0.0, FRESH_VARIANTS, False),
                                        (lambda f, x: float(x), FRESH_VARIANTS, False)):
        answers = _session(numerical_diff=solution.numerical_diff)
        answers.variants["exercise-08"] = variants
        recorder = answers.recorder("exercise-08", fresh=True)
        for x in (-1.5, 0.25, 1.0, 2.5):
            recorder.before("numerical_diff", (cubic, x), {}).returned(learner(cubic, x))
        assert answers.answered("exercise-08", "numerical_diff()") is expected, (learner, variants)


def test_exceptions_time_outs_and_objects():
    answers = _session(parse=lambda s: int(s))
    recorder = answers.recorder("exercise-01", fresh=True)
    recorder.before("parse", ("x",), {}).raised(LearnerError({"type": "ValueError", "message": "no"}))
    assert answers.answered("exercise-01", "parse()") is None  # right, but a small value: and one call is too few
    recorder.before("parse", ("12",), {}).raised(LearnerTimeout(1.0, "parse()"))
    assert answers.answered("exercise-01", "parse()") is False  # a time-out is a wrong answer
    recorder.before("parse", ("13",), {}).returned(SimpleNamespace())  # an object where the reference says 13
    assert answers.answered("exercise-01", "parse()") is False
    assert [call.verdict[1] for call in answers.calls["exercise-01", "parse()"]] == [True, False, False]
    recorder.before("parse", ("14",), {}).returned(14)
    assert answers.answered("exercise-01", "parse()") is True


def test_the_kits_own_inputs_are_no_fresh_evidence():
    answers = _session(double=lambda x: 2 * x)
    answers.recorder("exercise-01", fresh=True).before("double", (21,), {}).returned(42)
    assert answers.answered("exercise-01", "double()") is True
    answers.recorder("exercise-01", fresh=False).before("double", (21,), {})  # a check of the kit's inputs
    assert answers.answered("exercise-01", "double()") is None


def test_one_wrong_answer_is_too_few_to_tell_a_table_from_a_mistake():
    """A check that stops at its first wrong answer and makes no calls ahead leaves one call: every mistake
    gives one wrong answer, and one is all that such a check leaves of it."""
    answers = _session(double=lambda x: 2 * x)
    recorder = answers.recorder("exercise-01", fresh=True)
    for x in (1, 2):
        recorder.before("double", (x,), {}).returned(x + 10)
        assert answers.answered("exercise-01", "double()") is (None if x < 2 else False)


def test_one_time_out_or_crash_is_enough_it_ends_the_calls_made_ahead():
    """A lookup table that hangs, or ends its worker, on every input it does not know leaves one fresh call,
    whatever its check sent ahead: one such answer says False. An exception does not end the calls made ahead in
    official grading (a table that raises leaves them all): one is one wrong answer, too few."""
    for problem in (LearnerTimeout(1.0, "double()"), LearnerCrashed(plain("the worker ended"))):
        answers = _session(double=lambda x: 2 * x)
        answers.recorder("exercise-01", fresh=True).before("double", (21,), {}).raised(problem)
        assert answers.answered("exercise-01", "double()") is False, problem
    answers = _session(parse=lambda s: int(s))
    answers.recorder("exercise-01", fresh=True).before("parse", ("12",), {}).raised(
        LearnerError({"type": "NotImplementedError"}))
    assert answers.answered("exercise-01", "parse()") is None


def test_a_huge_answer_to_a_small_question_is_not_kept_and_is_wrong_unless_the_reference_s_is_huge_too():
    """The session's budget counts arguments: a table's 1 MB array for each of calculate's 56 fresh cases (each a few
    bytes) was kept whole, over 100 MB in the grader. Such an answer keeps no data; it is wrong where the reference
    answers something small, and not compared where the reference's answer is as big."""
    from grader.checking.fresh_answers import TOO_BIG
    answers = _session(double=lambda x: 2 * x, ones=lambda n: np.ones(n))
    recorder = answers.recorder("exercise-01", fresh=True)
    for x in (3, 4):
        recorder.before("double", (x,), {}).returned(np.zeros(100_000))
    assert all(call.answer is TOO_BIG for call in answers.calls["exercise-01", "double()"])
    assert answers.answered("exercise-01", "double()") is False
    for n in (100_000, 100_001):
        recorder.before("ones", (n,), {}).returned(np.ones(n))  # right, but too big to keep: nothing to compare
    assert answers.answered("exercise-01", "ones()") is None
    assert answers.kept_bytes < 1000


def test_a_reference_that_answers_at_random_compares_nothing():
    rng = np.random.default_rng(0)
    answers = _session(noise=lambda n: float(rng.normal()))
    answers.recorder("exercise-01", fresh=True).before("noise", (3,), {}).returned(0.25)
    assert answers.answered("exercise-01", "noise()") is None


def test_calls_made_ahead_are_kept_once_each_even_those_the_check_never_makes():
    answers = _session(half=lambda x: x / 2)
    recorder = answers.recorder("exercise-01", fresh=True)
    recorder.prefetched("half", [(2,), (4,), (6,)], [({"ok": True, "value": 1.0}, None),
                                                      ({"ok": True, "value": 5.0}, None),
                                                      ({"ok": False, "error": {"type": "ZeroDivisionError"}}, None)])
    assert recorder.before("half", (2,), {}) is None and recorder.before("half", (4,), {}) is None  # kept already
    recorder.before("half", (8,), {}).returned(4.0)  # another call: kept as it comes
    kept = answers.calls["exercise-01", "half()"]
    assert [call.args for call in kept] == [(2,), (4,), (6,), (8,)]
    assert kept[2].answer == Raised("ZeroDivisionError")


# ---------------------------------------------------------------------------- the rule
def test_failing_an_example_spares_a_function_only_if_it_answered_fresh_inputs():
    """calculate fails one example and every fresh check: its other example keeps its point if its answers to
    fresh inputs were right beyond chance (an honest mistake), or if none could be compared; not otherwise."""
    def results():
        rows = (("lecture", True, False), ("unknown_operator", False, False), ("random", False, True))
        return [CheckResult("exercise-01", name, plain(name), 1.0, "passed" if passed else "failed",
                            score=float(passed), hidden=hidden) for name, passed, hidden in rows]

    called = {("exercise-01", name): {"calculate()"} for name in ("lecture", "unknown_operator", "random")}
    for answered, lost in ((True, []), (None, []), (False, [("exercise-01", "lecture")])):
        found = results()
        assert plugin.forfeit_fixed_only(found, {}, called, {}, None, lambda *key: answered) == lost
        assert found[0].score == (0.0 if lost else 1.0)
    assert "calculate()" in found[0].message.en and "ignore the input" in found[0].message.en
    assert "calculate()" in found[0].message.ko and "입력을 무시한" in found[0].message.ko
    asked = []
    plugin.forfeit_fixed_only(results(), {}, called, {}, None, lambda *key: asked.append(key))
    assert asked == [("exercise-01", "calculate()")]  # asked once, and only of a function that failed an example


def test_an_honest_function_that_raises_on_its_first_fresh_case_keeps_its_examples(tmp_path):
    """calculate refusing negative operands fails an example, raises on the first case of calculate_random (seed
    4242), and answers the others right about half the time: official grading, whose calls made ahead go on past an
    exception, keeps its lecture example's point, as grade does (an exception no longer ends them there)."""
    from grader import exercises
    from grader.checking.runner import grade
    ex = exercises.find("exercise-01")
    source = (exercises.ROOT / "solutions" / ex.filename).read_text(encoding="utf-8")
    source = source.replace("    return func(a, b)\n", "    if a < 0:\n        raise ValueError('negative')\n"
                                                        "    return func(a, b)\n")
    (tmp_path / ex.filename).write_text(source, encoding="utf-8")
    today, checks = ({c.name: c.score for c in grade([ex], tmp_path, seed=4242, extra_args=extra).exercises[0].checks}
                     for extra in ((), ("--official",)))
    assert today["calculate_lecture"] == 1 and today["calculate_python_rules"] == 0 and today["calculate_random"] == 0
    assert checks == today


def test_an_honest_variant_near_an_answer_that_needs_no_computing_proves_nothing():
    """A variant within 1e-3 of an ignoring answer (a descent that hardly moves x) is as cheap as x itself."""
    from grader.checking.fresh_answers import Variants
    x = np.array([1.0, -2.0])
    for variant, expected in ((x * (1 + 1e-5), None), (x * 0.5, True)):
        answers = _session(descend=lambda v: v - 1.0)
        answers.variants["exercise-08"] = {"descend": Variants(honest=lambda v, w=variant: [w],
                                                               ignoring=lambda v: [v])}
        recorder = answers.recorder("exercise-08", fresh=True)
        recorder.before("descend", (x,), {}).returned(variant)
        assert answers.answered("exercise-08", "descend()") is expected
