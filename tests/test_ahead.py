"""Calls made ahead (``prefetch``): one round trip for a check's many calls, and nothing else changes.

Each call the check then makes is answered as if it had been made then: the same value, the
same exception with the learner's frames, the same time-out (counted as a hang only once the
check makes that call), the same crash.  A call the check does not make again is never seen;
any other request first drops what is left, and so does a call that differs in its arguments.
"""
import pytest

from grader.sandbox import platform
from grader.sandbox.process import LearnerCrashed, LearnerError, LearnerTimeout
from grader.sandbox.proxy import prefetch

MODULE = '''
import os

seen = []
counter = [0]


def double(x):
    seen.append(x)
    if x == "boom":
        raise ValueError("no boom please")
    if x == "loop":
        while True:
            pass
    if x == "exit":
        os._exit(3)
    return 2 * x


def count():
    return counter[0]


def bump():
    counter[0] += 1


class Box:
    def __init__(self, v):
        self.v = v


def box(v):
    return Box(v)


def spin():
    while True:
        pass


calls_of_caller = []


def caller(i):
    calls_of_caller.append(i)
    return spin()
'''


@pytest.fixture
def learner(worker_for):
    return worker_for(MODULE, "ahead.py", timeout=0.5)


def _exchanges(worker, monkeypatch) -> list:
    """The single requests that reached the worker (a prefetch is one more batch, not counted here)."""
    sent = []
    exchange = type(worker)._exchange

    def counting(self, message, *rest):
        sent.append(message[0])
        return exchange(self, message, *rest)
    monkeypatch.setattr(type(worker), "_exchange", counting)
    return sent


def test_prefetched_calls_answer_as_the_calls_would_in_one_round_trip(learner, monkeypatch):
    worker, module = learner
    sent = _exchanges(worker, monkeypatch)
    cases = [(n,) for n in range(40)] + [(2.5,), ("ab",)]
    prefetch(module.double, cases)
    assert [module.double(*c) for c in cases] == [2 * c[0] for c in cases]
    assert sent == []  # no call went to the worker on its own
    assert not worker.ahead
    assert module.seen == [c[0] for c in cases]  # each ran once, in order (``seen`` itself is a request)


def test_an_exception_belongs_to_its_own_call(learner):
    worker, module = learner
    prefetch(module.double, [(1,), ("boom",), (3,)])
    assert module.double(1) == 2
    with pytest.raises(LearnerError) as raised:
        module.double("boom")
    assert raised.value.info["type"] == "ValueError" and raised.value.info["message"] == "no boom please"
    assert [frame[2] for frame in raised.value.info["frames"]] == ["double"]  # the learner's own frame
    assert module.double(3) == 6


def test_the_batch_stops_at_the_first_exception(learner):
    worker, module = learner
    prefetch(module.double, [(1,), ("boom",), (3,), (4,)])
    assert module.double(1) == 2
    with pytest.raises(LearnerError):
        module.double("boom")
    assert module.seen == [1, "boom"]  # the check may stop here: nothing after it ran
    assert module.double(3) == 6 and module.seen == [1, "boom", 3]


@pytest.mark.skipif(not platform.HAS_INTERVAL_TIMER, reason="no budget without an interval timer")
def test_a_caller_of_a_hung_function_spends_one_budget_not_one_per_case(learner):
    worker, module = learner
    with pytest.raises(LearnerTimeout):
        module.spin()
    assert module.double(1) == 2  # a new worker
    prefetch(module.caller, [(i,) for i in range(8)])
    assert worker.ahead
    with pytest.raises(LearnerTimeout) as stopped:
        module.caller(0)
    assert stopped.value.cause == "spin()"
    assert module.calls_of_caller == [0]  # not eight budgets of spin() for one failed check


def test_a_time_out_counts_only_when_the_check_makes_that_call(learner):
    worker, module = learner
    prefetch(module.double, [(1,), ("loop",), (4,)])
    assert module.double(1) == 2
    assert "double()" not in worker.hung  # waited for, but not yet the check's
    with pytest.raises(LearnerTimeout) as timeout:
        module.double("loop")
    assert str(timeout.value) == "double() did not finish within 0.5 s"
    assert worker.hung == {"double()": 0.5}
    started = worker.generation
    with pytest.raises(LearnerTimeout):
        module.double(4)  # hung before: fails at once, as without prefetch
    assert worker.generation == started


def test_a_hang_the_check_never_reaches_is_not_a_hang(learner):
    worker, module = learner
    prefetch(module.double, [(1,), ("loop",)])
    assert module.double(1) == 2
    # the check stops here (say, its first case was wrong): the next check may call double again
    assert module.double(5) == 10
    assert worker.hung == {}


def test_a_crash_belongs_to_its_own_call(learner):
    worker, module = learner
    prefetch(module.double, [(1,), ("exit",), (2,)])
    assert module.double(1) == 2
    with pytest.raises(LearnerCrashed) as crashed:
        module.double("exit")
    assert "exited with code 3" in crashed.value.text.en
    assert module.double(2) == 4  # a new worker answers the calls after the crash


def test_another_request_drops_what_was_fetched(learner):
    worker, module = learner
    prefetch(module.count, [(), ()])
    assert module.count() == 0
    module.bump()  # changes what count() answers: the second answer fetched ahead is stale
    assert not worker.ahead
    assert module.count() == 1


def test_a_call_with_other_arguments_is_made_for_real(learner):
    worker, module = learner
    prefetch(module.double, [(1,), (2,)])
    assert module.double(2) == 4  # not the answer to double(1)
    assert not worker.ahead
    assert module.double(1) == 2


def test_an_object_made_ahead_is_a_handle_of_this_worker(learner):
    worker, module = learner
    prefetch(module.box, [(7,), (8,)])
    first, second = module.box(7), module.box(8)
    assert (first.v, second.v) == (7, 8)


def test_in_process_prefetch_does_nothing():
    calls = []
    prefetch(calls.append, [(1,), (2,)])
    assert calls == []
