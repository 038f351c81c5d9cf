"""A hang costs one time limit per function (in official grading, one in each of its two parts: the
checks on other inputs, then the fixed-input ones), and time-out messages name the limit itself.

After a call of a learner function runs out of time, later calls of the same function (in
the same grading of that exercise) fail at once with the same message: no second wait and
no restart of the worker.  The learner's other functions that call it (``AND()`` calling a
hung ``perceptron()``) still run it, with a budget of a fifth of its limit in CPU time: one that
loops only on some inputs still answers its callers' other inputs, one that loops on all of them
fails its callers within the budget instead of a whole limit each.  Whether a call waited is
seen by what the worker process did (restarts, real waits), never by the clock.
"""
from pathlib import Path

import pytest

from grader import exercises
from grader.checking.runner import grade
from grader.sandbox import process
from grader.sandbox.process import LearnerProcess, LearnerTimeout

ROOT = exercises.ROOT
EX05 = exercises.find("exercise-05")

MODULE = '''
def spin():
    while True:
        pass


def fine():
    return 1


def predict():
    return "module"


def calls_spin():
    return spin()


def catches_spin():
    try:
        return spin()
    except Exception as exc:  # the learner's own handling of what the watcher raises
        return type(exc).__name__


def spin_if_negative(x):
    while x < 0:
        pass
    return x


def calls_with_positive():
    return spin_if_negative(3)


def calls_with_negative():
    return spin_if_negative(-3)


def depth(n):
    if n < 0:
        while True:
            pass
    return 0 if n == 0 else 1 + depth(n - 1)


def calls_depth():
    return depth(400)


def busy_while(x):
    """Loops on negative x; else spends a little CPU time of its own while another thread spends a lot."""
    import threading
    import time
    while x < 0:
        pass
    done = []

    def burn():
        while not done:
            pass
    other = threading.Thread(target=burn)
    other.start()
    start = time.thread_time()
    while time.thread_time() - start < 0.06:
        pass
    done.append(1)
    other.join()
    return x


def calls_busy():
    return busy_while(1)


def gate(x):
    while x < 0:
        pass
    return x


def middle(x):
    return gate(x)


def outer(x):
    return middle(x)


def logged(function):
    def wrapper(*args):
        return function(*args)
    return wrapper


@logged
def decorated_loop(x):
    while x < 0:
        pass
    return x


@logged
def decorated_work():
    """Honest work, longer than a budget and shorter than the limit, that never calls decorated_loop."""
    import time
    start = time.thread_time()
    while time.thread_time() - start < 0.15:
        pass
    return "done"


class Net:
    def predict(self):
        while True:
            pass

    def loss(self):
        return self.predict()
'''


@pytest.fixture
def hanging(worker_for):
    return worker_for(MODULE, "hangs.py", timeout=0.5)


def test_a_second_call_of_a_hung_function_fails_at_once(hanging):
    worker, module = hanging
    with pytest.raises(LearnerTimeout) as first:
        module.spin()
    assert worker.proc is None  # the hung worker was ended
    spawned = worker.generation
    with pytest.raises(LearnerTimeout) as again:
        module.spin()
    assert str(again.value) == str(first.value) == "spin() did not finish within 0.5 s"
    assert again.value.seconds == first.value.seconds == 0.5
    assert worker.proc is None and worker.generation == spawned  # nothing was started, nothing waited for

    assert module.fine() == 1  # other functions still run (in a new worker)
    restarted = worker.generation
    with pytest.raises(LearnerTimeout):
        module.spin()
    assert worker.alive and worker.generation == restarted  # the new worker never got the call


def test_a_longer_limit_gives_the_function_another_chance(hanging):
    worker, module = hanging
    with pytest.raises(LearnerTimeout):
        module.spin()
    worker.timeout = 0.8
    spawned = worker.generation
    with pytest.raises(LearnerTimeout) as longer:
        module.spin()
    assert worker.generation == spawned + 1 and longer.value.seconds == 0.8
    assert worker.hung == {"spin()": 0.8}


def test_a_hung_method_is_not_the_module_function_of_the_same_name(hanging):
    worker, module = hanging
    net = module.Net()
    with pytest.raises(LearnerTimeout) as hung:
        net.predict()
    assert hung.value.what == "Net.predict()"
    assert module.predict() == "module"
    with pytest.raises(LearnerTimeout):
        module.Net().predict()
    assert set(worker.hung) == {"Net.predict()"}


def test_a_function_that_calls_a_hung_one_fails_within_the_budget(hanging):
    worker, module = hanging
    with pytest.raises(LearnerTimeout):
        module.spin()
    with pytest.raises(LearnerTimeout) as caller:
        module.calls_spin()
    assert str(caller.value) == ("calls_spin() calls spin(), which did not finish within 0.1 s of CPU time "
                                 "(it ran out of its 0.5 s limit before)")
    assert caller.value.cause == "spin()" and caller.value.seconds == pytest.approx(0.1)
    assert caller.value.earlier == 0.5
    assert worker.alive and worker.hung == {"spin()": 0.5, "calls_spin()": 0.5}  # the worker answered
    spawned = worker.generation
    with pytest.raises(LearnerTimeout) as again:  # the caller hung with it: its next call fails at once
        module.calls_spin()
    assert str(again.value) == str(caller.value) and again.value.cause == "spin()"
    assert worker.generation == spawned
    assert module.catches_spin() == "EarlierTimeout"  # learner code sees an exception it may handle
    assert module.fine() == 1


def test_a_function_that_hung_on_one_input_still_runs_inside_its_callers(hanging):
    """Only the grader's own later calls of a hung function fail at once: learner code that calls it
    on inputs where it finishes (AND() calling a perceptron() that loops on negative inputs) is unharmed."""
    worker, module = hanging
    with pytest.raises(LearnerTimeout):
        module.spin_if_negative(-1)
    assert module.calls_with_positive() == 3  # (in a new worker)
    spawned = worker.generation
    with pytest.raises(LearnerTimeout) as caller:
        module.calls_with_negative()
    assert caller.value.cause == "spin_if_negative()"
    assert module.calls_with_positive() == 3  # the budget was put away with the call
    assert worker.generation == spawned and worker.alive  # none of it waited for a limit


def test_recursion_in_a_hung_function_goes_as_deep_as_before(hanging):
    """Nothing wraps the learner's function: a recursive one that hung once on a negative input
    still recurses 400 levels deep inside its callers."""
    worker, module = hanging
    assert module.calls_depth() == 400
    with pytest.raises(LearnerTimeout):
        module.depth(-1)
    assert module.calls_depth() == 400


def test_only_the_learners_own_thread_spends_the_budget(hanging):
    """The budget is the main thread's CPU time: another thread's (the learner's, or the worker's
    Matplotlib warm-up) is not charged to the hung function."""
    worker, module = hanging
    with pytest.raises(LearnerTimeout):
        module.busy_while(-1)
    assert module.calls_busy() == 1  # 0.06 s of its own, under the 0.1 s budget; the other thread spends more


def test_a_caller_stopped_in_a_hung_function_names_the_function_that_hung(hanging):
    """middle() ran out of gate()'s budget and is marked hung; outer() then stops in middle(): the
    message names gate(), the function that ran out of its own limit."""
    worker, module = hanging
    with pytest.raises(LearnerTimeout):
        module.gate(-1)
    with pytest.raises(LearnerTimeout) as first:
        module.middle(-1)
    assert first.value.cause == "gate()" and worker.hung_via == {"middle()": "gate()"}
    with pytest.raises(LearnerTimeout) as second:
        module.outer(-1)
    assert second.value.cause == "gate()" and second.value.earlier == 0.5
    assert worker.hung_via == {"middle()": "gate()", "outer()": "middle()"}


def test_functions_that_share_a_decorators_code_are_not_charged_for_each_other(hanging):
    """A frame tells only its code, and every function a decorator returns runs the same wrapper's
    code: a hung decorated function is not watched, so its siblings keep their own limits."""
    worker, module = hanging
    with pytest.raises(LearnerTimeout):
        module.decorated_loop(-1)
    assert module.decorated_work() == "done"


def test_without_an_interval_timer_nothing_is_watched(monkeypatch):
    """Where there is no timer (Windows) the hung function runs as the learner wrote it, unwatched."""
    import types
    from grader.sandbox import known_hangs
    module = types.ModuleType("learner")
    exec("def double(x):\n    return 2 * x\n", vars(module))
    monkeypatch.setattr(known_hangs, "_HAS_TIMER", False)
    assert known_hangs.KnownHangs().set(module, {"double()": 5.0}) == []


def test_a_budget_interrupts_a_loop_and_nothing_else():
    """In this process's main thread, as in a worker: the learner's functions stay as they are (no
    wrapper), a run of a watched function that spends its CPU budget is stopped, one that finishes is
    not, and setting no function stops the timer."""
    import signal
    import types
    from grader.sandbox import known_hangs
    if not known_hangs._HAS_TIMER:
        pytest.skip("no interval timer here")
    module = types.ModuleType("learner")
    exec("def loop(n):\n    while n < 0:\n        pass\n    return n\n\n"
         "def twice(n):\n    return loop(n) + loop(n)\n", vars(module))
    original = module.loop
    previous = signal.getsignal(signal.SIGPROF)
    hangs = known_hangs.KnownHangs()
    try:
        assert hangs.set(module, {"loop()": 1.0, "missing()": 5.0, 3: 1.0}) == ["loop()"]
        assert module.loop is original and module.twice(2) == 4
        with pytest.raises(known_hangs.EarlierTimeout) as stopped:
            module.loop(-1)
        assert stopped.value.what == "loop()"
        assert module.loop(5) == 5
        assert hangs.set(module, {}) == [] and signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def test_a_method_that_calls_a_hung_method_fails_at_once(hanging):
    worker, module = hanging
    with pytest.raises(LearnerTimeout):
        module.Net().predict()
    with pytest.raises(LearnerTimeout) as caller:
        module.Net().loss()
    assert caller.value.cause == "Net.predict()" and worker.alive
    assert module.predict() == "module"  # the module function of the same name is not stood in for


def test_a_longer_limit_runs_the_hung_function_again_inside_its_callers(hanging):
    worker, module = hanging
    with pytest.raises(LearnerTimeout):
        module.spin()
    worker.timeout = 0.8
    with pytest.raises(LearnerTimeout) as caller:
        module.calls_spin()
    assert caller.value.cause is None and caller.value.seconds == 0.8  # it waited, as spin() may finish now
    assert worker.hung == {"spin()": 0.5, "calls_spin()": 0.8} and not worker.hung_via


def test_the_import_time_out_names_the_limit(tmp_path):
    path = tmp_path / "loops.py"
    path.write_text("while True:\n    pass\n", encoding="utf-8")
    worker = LearnerProcess(path, import_timeout=1.5)
    try:
        with pytest.raises(LearnerTimeout) as timeout:
            worker.start()
    finally:
        worker.close()
    assert timeout.value.seconds == 1.5  # not what was left of it when the grader began to wait
    assert str(timeout.value) == "importing loops.py did not finish within 1.5 s"
    assert timeout.value.label.ko == "loops.py 불러오기"  # for a Korean report


def _ex05(folder: Path, appended: str) -> Path:
    source = (ROOT / "solutions" / EX05.filename).read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / EX05.filename).write_text(source + "\n\n" + appended, encoding="utf-8")
    return folder


def test_grading_shows_the_configured_import_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(process, "IMPORT_TIMEOUT", 2.0)
    target = _ex05(tmp_path / "ex05", "while True:\n    pass\n")
    checks = grade([EX05], target).exercises[0].checks
    assert {c.status for c in checks} == {"timeout"}
    (message,) = {c.message.en.lower() for c in checks}
    assert message == "importing ex05_activations.py did not finish within the 2 s limit"
    assert "제한 시간 2초" in checks[0].message.ko


@pytest.fixture
def waited(monkeypatch) -> list[str]:
    """What the grader waited for until its limit ran out, call by call (LearnerProcess._receive)."""
    waits: list[str] = []
    receive = LearnerProcess._receive

    def counting(self, timeout, what, *rest, **options):
        try:
            return receive(self, timeout, what, *rest, **options)
        except LearnerTimeout:
            waits.append(what)
            raise

    monkeypatch.setattr(LearnerProcess, "_receive", counting)
    return waits


def test_grading_waits_for_a_hung_function_once(tmp_path, waited):
    target = _ex05(tmp_path / "ex05", "def sigmoid(x):\n    while True:\n        pass\n")
    checks = {c.name: c for c in grade([EX05], target).exercises[0].checks}
    assert sorted(waited) == sorted(set(waited)), waited  # each hung function was waited for once
    assert "sigmoid()" in waited
    for name in ("sigmoid_values", "sigmoid_edges", "forward_lecture", "forward_random", "forward_batch"):
        assert checks[name].status == "timeout", (name, checks[name].message)
    assert checks["sigmoid_values"].message.en == checks["sigmoid_edges"].message.en
    assert checks["relu"].status == "passed"
    assert waited == ["sigmoid()"]  # the network's forward calls sigmoid(): it fails within sigmoid's budget
    assert checks["forward_lecture"].message.en == \
        "forward() calls sigmoid(), which ran out of its 2 s limit before and did not finish within 0.4 s of CPU time here either"
    assert "CPU 시간 0.4초" in checks["forward_lecture"].message.ko
    assert checks["forward_lecture"].hint.en.startswith("Fix sigmoid() first: forward() only calls it.")
    assert checks["sigmoid_values"].hint.en.startswith("Look for a loop that never ends")


@pytest.mark.skipif(not __import__("grader.sandbox.platform", fromlist=["x"]).HAS_INTERVAL_TIMER,
                    reason="no in-process time limit on this OS")
def test_in_a_notebook_a_hung_function_is_not_run_again():
    """Requests served in-process (a notebook's namespace) keep the same record of hung calls."""
    from grader.sandbox.inprocess import InProcessTransport
    entered = []

    def spin():
        entered.append(1)
        while True:
            pass

    module = InProcessTransport({"spin": spin, "fine": lambda: 1}, timeout=0.3).module()
    with pytest.raises(LearnerTimeout) as first:
        module.spin()
    with pytest.raises(LearnerTimeout) as again:
        module.spin()
    assert str(again.value) == str(first.value) and len(entered) == 1
    assert module.fine() == 1  # only that function


CALCULATE_LOOPS_ON_FLOAT_POWERS = '''

_calculate = calculate


def calculate(a, b, op):
    if op == "**" and isinstance(b, float):  # repeated multiplication: never ends for a fractional exponent
        result, n = 1, b
        while n != 0:
            result *= a
            n -= 1
        return result
    return _calculate(a, b, op)
'''


def test_official_grading_gives_a_function_that_hung_on_a_fresh_input_its_limit_again_for_the_examples(
        tmp_path, waited):
    """Official grading runs the fixed-input checks last; ``grade`` runs test_calculate_python_rules (integer
    powers only) before the hidden check whose float exponents make this calculate loop. The hang in the
    hidden check must not cost that example: the examples get the function's limit again, once."""
    ex01 = exercises.find("exercise-01")
    target = tmp_path / "ex01"
    target.mkdir()
    source = (ROOT / "solutions" / ex01.filename).read_text(encoding="utf-8") + CALCULATE_LOOPS_ON_FLOAT_POWERS
    (target / ex01.filename).write_text(source, encoding="utf-8")
    today = {c.name: c for c in grade([ex01], target).exercises[0].checks}
    assert today["calculate_python_rules"].status == "passed" and today["calculate_random"].status == "timeout"
    assert waited == ["calculate()"]
    waited.clear()
    checks = {c.name: c for c in grade([ex01], target, extra_args=("--official",)).exercises[0].checks}
    assert checks["calculate_random"].status == "timeout"  # the hidden check, run first
    assert checks["calculate_python_rules"].status == "passed", checks["calculate_python_rules"].message
    assert checks["unknown_operator"].status == "passed"
    assert waited == ["calculate()"]
    assert {n: c.score for n, c in checks.items() if not c.hidden} == {n: c.score for n, c in today.items()
                                                                        if not c.hidden}
