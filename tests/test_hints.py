"""Hints that name the right cause, and one traceback format for every check, in both languages.

The corpus (tests/corpus) asks for one hint per case; these tests look at more than one check of a
case: that a check relying on a wrong function names that function, that "not started" names the
stub, how the learner's frames read, and that a missing MNIST is never the learner's mistake.
"""
import sys

import pytest

from grader import exercises
from grader.checking import verdict
from grader.checking.check import CheckFailed, relies_on
from grader.checking.runner import grade
from grader.i18n import T
from grader.render.failure import describe, failure_text
from grader.render.report import render_to_text
from grader.results import CheckResult
from grader.sandbox.process import LearnerError

ROOT = exercises.ROOT

PRECEDENCE_SIGMOID = "\n\ndef sigmoid(x):\n    return 1 / 1 + np.exp(-x)\n"


def _grade(tmp_path, number: str, extra: str = "", source: str | None = None):
    ex = exercises.find(number)
    if source is None:
        source = (ROOT / "solutions" / ex.filename).read_text(encoding="utf-8") + extra
    (tmp_path / ex.filename).write_text(source, encoding="utf-8")
    return grade([ex], tmp_path, seed=1).exercises[0]


def _checks(result):
    return {c.name: c for c in result.checks}


# ---------------------------------------------------------------------------- A: blame the function that is wrong
def test_forward_checks_say_fix_sigmoid_first(tmp_path):
    checks = _checks(_grade(tmp_path, "5", PRECEDENCE_SIGMOID))
    assert "precedence" in checks["sigmoid_values"].hint.en
    for name in ("forward_lecture", "forward_random", "forward_batch", "plot_activations"):
        hint = checks[name].hint
        assert checks[name].status != "passed", name
        assert "fix sigmoid first" in hint.en and "sigmoid" in hint.ko and "고치세요" in hint.ko, (name, hint)
        assert "np.dot(W, x)" not in hint.en and "not fixed ones" not in hint.en, (name, hint.en)


def test_a_transposed_w1_names_init_network_not_an_axis(tmp_path):
    extra = ("\n\n_init = init_network\n\ndef init_network():\n    network = _init()\n"
             "    network['W1'] = network['W1'].T.copy()\n    return network\n")
    checks = _checks(_grade(tmp_path, "5", extra))
    assert "W1 is transposed" in checks["init_network"].hint.en
    assert "axis" not in checks["init_network"].hint.en
    assert "fix init_network first" in checks["forward_lecture"].hint.en
    assert checks["forward_batch"].status == checks["forward_random"].status == "passed"


def test_layers_used_by_the_shopping_graphs_are_named(tmp_path):
    extra = ("\n\nclass MulLayer(MulLayer):\n    def backward(self, dout):\n"
             "        return dout * self.x, dout * self.y\n")
    checks = _checks(_grade(tmp_path, "9", extra))
    for name in ("buy_apple", "buy_apple_orange"):
        assert "fix MulLayer first" in checks[name].hint.en, checks[name].hint


def test_a_function_that_inlines_its_helper_is_not_sent_to_the_helper(tmp_path):
    """forward computing its own sigmoid: a wrong sigmoid is not blamed for forward's own mistake."""
    extra = PRECEDENCE_SIGMOID + (
        "\n\ndef forward(network, x):\n    z = np.asarray(x, dtype=float)\n    for k in (1, 2):\n"
        "        z = 1 / (1 + np.exp(-(np.dot(network[f'W{k}'], z.T).T + network[f'b{k}'])))\n"
        "    return np.dot(z, network['W3']) + network['b3']\n")
    checks = _checks(_grade(tmp_path, "5", extra))
    assert checks["forward_batch"].status != "passed"
    assert "fix sigmoid first" not in (checks["forward_batch"].hint or T("", "")).en


def test_relies_on_keeps_a_hint_that_names_a_known_mistake():
    class Wrong:
        @staticmethod
        def sigmoid(x):
            return x

    class Right:
        @staticmethod
        def sigmoid(x):
            return 1 / (1 + __import__("numpy").exp(-x))

    with pytest.raises(CheckFailed) as named:
        with relies_on(Wrong, Right, "forward", {"sigmoid": [(1.0,)]}):
            raise CheckFailed(T("m", "m"), T("the known mistake", "알려진 실수"), named=True)
    assert named.value.hint.en == "the known mistake"
    with pytest.raises(CheckFailed) as generic:
        with relies_on(Wrong, Right, "forward", {"sigmoid": [(1.0,)]}):
            raise CheckFailed(T("m", "m"), T("about forward", "forward에 관해"))
    assert "fix sigmoid first" in generic.value.hint.en
    assert "sigmoid(1.0) gives 1.0; expected 0.731" in generic.value.hint.en


def _module(name: str, source: str):
    import types
    module = types.ModuleType(name)
    exec(compile(source, name, "exec"), module.__dict__)
    return module


@pytest.mark.parametrize("case, hint", [("separable_dict_order", "table[(x1, x2)]"),
                                        ("separable_any", "EVERY entry")])
def test_the_16_tables_tell_dict_order_from_any_for_every_seed(case, hint):
    """Pairing the inputs with table.values() and accepting any(...) both say True for the 16
    tables unless some separable table reads XOR in dict order: every seed must draw such a one."""
    import numpy as np
    from grader.checks import test_ex04_gates as checks
    reference = (ROOT / "solutions" / "ex04_gates.py").read_text(encoding="utf-8")
    ref = _module("ref", reference)
    learner = _module("learner", reference + "\n" + (ROOT / "tests" / "corpus" / "ex04" / f"{case}.py")
                      .read_text(encoding="utf-8"))
    for seed in range(200):
        with pytest.raises(CheckFailed) as failed:
            checks.test_linearly_separable_all_tables(learner, ref, np.random.default_rng(seed))
        assert hint in failed.value.hint.en, (seed, failed.value.hint.en)


def test_not_started_names_the_function_that_still_raises(tmp_path):
    extra = "\n\ndef sigmoid(x):\n    raise NotImplementedError\n"
    result = _grade(tmp_path, "5", extra)
    check = _checks(result)["forward_batch"]
    assert check.not_started
    assert "sigmoid still raises NotImplementedError" in check.message.en
    assert "forward" in check.message.en and "sigmoid" in check.message.ko and "forward" in check.message.ko
    assert "in sigmoid" in check.hint.en
    text = failure_text(check, "ko")
    assert "sigmoid" in text and "NotImplementedError" in text


def test_not_started_names_a_method_by_its_class(tmp_path):
    extra = "\n\nclass Relu(Relu):\n    def backward(self, dout):\n        raise NotImplementedError\n"
    check = _checks(_grade(tmp_path, "9", extra))["relu_backward"]
    assert check.not_started and "Relu.backward still raises" in check.message.en


# ---------------------------------------------------------------------------- C: one traceback format
def _frames_text(check, lang):
    return [(f.where, f.line) for f in describe(check, lang).frames]


@pytest.mark.parametrize("number,extra,where_en,where_ko", [
    ("5", "\n\ndef sigmoid(x):\n    raise ValueError('oops')\n", "in sigmoid", "sigmoid 함수"),
    ("6", "\n\ndef softmax(a):\n    return np.exp(a - np.max(a, axis=-1)) / 2\n", "in softmax", "softmax 함수"),
    ("8", "\n\nclass SimpleNet(SimpleNet):\n    def predict(self, x):\n        raise ValueError('oops')\n",
     "in predict", "predict 함수"),
    ("9", "\n\nclass Affine(Affine):\n    def forward(self, x):\n        raise ValueError('oops')\n",
     "in forward", "forward 함수"),
])
def test_every_exercise_shows_the_learners_line_the_same_way(tmp_path, number, extra, where_en, where_ko):
    result = _grade(tmp_path, number, extra)
    raised = [c for c in result.checks if c.status == "error" and c.frames]
    assert raised, [(c.name, c.status, c.message.en if c.message else "") for c in result.checks]
    for check in raised:
        en, ko = _frames_text(check, "en"), _frames_text(check, "ko")
        assert en[-1][0].endswith(where_en) and ", line " in en[-1][0], en
        assert ko[-1][0].endswith(where_ko) and "번째 줄" in ko[-1][0], ko
        assert en[-1][1] and en[-1][1] == ko[-1][1]  # the learner's source line, in both
        assert ", line" not in check.message.ko and "번째 줄" not in check.message.en
        assert "예외가 발생했습니다" in check.message.ko and "raised" in check.message.en


def test_a_broadcasting_error_shows_the_learners_line(tmp_path):
    extra = "\n\ndef softmax(a):\n    a = np.asarray(a, dtype=float)\n    return np.exp(a - np.max(a, axis=-1))\n"
    check = _checks(_grade(tmp_path, "6", extra))["softmax_batch_rows"]
    assert "broadcast" in check.message.en and "keepdims" in check.hint.en
    assert describe(check, "en").frames[-1].line == "return np.exp(a - np.max(a, axis=-1))"


def test_module_level_code_is_the_top_of_the_module(tmp_path):
    result = _grade(tmp_path, "5", "\n\nprint(undefined_name)\n")
    check = result.checks[0]
    assert describe(check, "en").frames[-1].where.endswith("at the top of the module")
    assert describe(check, "ko").frames[-1].where.endswith("모듈 최상위")
    assert "<module>" not in render_to_text(_report(result), "ko", width=300)


def _report(result):
    from grader.results import GradeReport
    return GradeReport(exercises=[result], seed=1, target="")


# ---------------------------------------------------------------------------- B: causes the exception names
@pytest.mark.parametrize("kind,message,line,words", [
    ("TypeError", "only length-1 arrays can be converted to Python scalars", "return 1 / (1 + math.exp(-x))",
     "use np.exp"),
    ("TypeError", "only 0-dimensional arrays can be converted to Python scalars", "y = math.log(p)", "use np.log"),
    ("TypeError", "only integer scalar arrays can be converted to a scalar index", "return np.max(0, x)",
     "np.maximum(0, x)"),
    ("AxisError", "axis 1 is out of bounds for array of dimension 0", "return np.max(0, x)", "is not relu"),
    ("ValueError", "The truth value of an array with more than one element is ambiguous.", "return max(0, x)",
     "np.maximum(0, x)"),
    ("NameError", "name 'np' is not defined", "return np.exp(x)", "import numpy as np"),
    ("NameError", "name 'plt' is not defined", "fig = plt.figure()", "import matplotlib.pyplot as plt"),
    ("EOFError", "EOF when reading a line", "n = int(input())", "standard input is closed"),
])
def test_error_hints_name_the_cause_in_both_languages(kind, message, line, words):
    info = {"type": kind, "message": message, "frames": [["/x/ex05_activations.py", 3, "f", line]]}
    hint = verdict.error_hint(info)
    assert hint is not None and words in hint.en
    assert hint.ko != hint.en and any("\uac00" <= ch <= "\ud7a3" for ch in hint.ko)


def test_an_unknown_name_gets_no_import_hint():
    info = {"type": "NameError", "message": "name 'sigmod' is not defined", "frames": [["/x/a.py", 3, "f", "sigmod(x)"]]}
    assert verdict.error_hint(info) is None


# ---------------------------------------------------------------------------- D: MNIST missing is a set-up problem
@pytest.fixture
def no_mnist(monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_DIR", str(tmp_path / "no-mnist-here"))
    _clear_mnist_caches()
    yield
    _clear_mnist_caches()


def _clear_mnist_caches():
    for name, module in list(sys.modules.items()):
        if name.endswith("test_ex10_mnist") and hasattr(module, "_mnist_test"):
            module._mnist_test.cache_clear()


def test_missing_mnist_is_not_the_learners_mistake(no_mnist, tmp_path):
    target = tmp_path / "learner"
    target.mkdir()
    result = _grade(target, "10")
    lost = [c for c in result.checks if c.status != "passed"]
    assert lost and all(c.status == "error" for c in lost), [(c.name, c.status) for c in lost]
    for check in lost:
        assert "MNIST is not available here" in check.message.en and "not a mistake in your code" in check.message.en
        assert "python -m dataset.mnist" in check.hint.en and "MNIST_DIR" in check.hint.en
        assert "MNIST를 쓸 수 없" in check.hint.ko and "is not a folder" not in check.hint.ko
    text = render_to_text(_report(result), "ko", width=400)
    assert "is not a folder" not in text and "Set MNIST_DIR" not in text
    assert text.count("python -m dataset.mnist") == 1  # said once


def test_missing_mnist_keeps_an_untouched_stub_not_started(no_mnist):
    ex = exercises.find("10")
    result = grade([ex], ROOT / "exercises", seed=1).exercises[0]
    assert result.state == "not started"
    assert all(c.not_started for c in result.checks), [(c.name, c.status, c.message.en) for c in result.checks]


def test_a_setup_problem_raised_in_the_grader_reads_the_same():
    from dataset.mnist import MNISTError
    result = CheckResult("exercise-10", "x", T("d", "d"), 1, "failed")
    verdict.classify(result, MNISTError("MNIST file /m/t10k-images-idx3-ubyte.gz is not valid: truncated.\nDelete it."))
    assert result.status == "error" and "MNIST is not available here" in result.message.en
    assert "t10k-images-idx3-ubyte.gz" in result.hint.ko and "손상" in result.hint.ko
    learner = CheckResult("exercise-10", "x", T("d", "d"), 1, "failed")
    verdict.classify(learner, LearnerError({"type": "MNISTError", "module": "dataset.mnist", "frames": [],
                                            "message": "Could not download train-images-idx3-ubyte.gz: no MNIST "
                                                       "mirror could be reached (is this computer offline?).",
                                            "not_implemented": False}))
    assert learner.status == "error" and "인터넷" in learner.hint.ko
    assert "Could not download train-images-idx3-ubyte.gz" in learner.hint.en
