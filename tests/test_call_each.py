"""call_each: many calls of one learner function in one request, with the same outcome as one by one."""
from __future__ import annotations

import types

import numpy as np
import pytest

from grader.sandbox import process as learner_process
from grader.sandbox.process import LearnerError
from grader.sandbox.proxy import call_each, connect

MODULE = '''
import os
import numpy as np

calls = []


def add_one_in_place(x, y):
    """A learner's slip: changes its argument in place."""
    y += 1
    calls.append(float(x))
    return float(np.sum(y)) + x


def order():
    return list(calls)


def fails_on(x):
    if x == 2:
        raise ValueError("two is not allowed")
    return x


class Net:
    def __init__(self):
        self.W = np.random.randn(2, 3)


def set_variable():
    os.environ["LEFT_BEHIND"] = "1"
    os.environ = {}


def variable():
    import os
    return os.environ.get("LEFT_BEHIND")
'''


@pytest.fixture
def worker(tmp_path):
    path = tmp_path / "learner_module.py"
    path.write_text(MODULE, encoding="utf-8")
    process, module = connect(path)
    yield process, module
    process.close()


def test_each_call_gets_its_own_copy_of_its_arguments_in_order(worker):
    process, module = worker
    y = np.zeros(3)
    got = call_each(module.add_one_in_place, [(1, y), (2, y), (3, y)])
    assert got == [4.0, 5.0, 6.0]  # as three separate requests: y is never seen changed
    assert module.order() == [1.0, 2.0, 3.0]
    assert np.all(y == 0)


def test_many_calls_cost_one_request(worker, monkeypatch):
    process, module = worker
    function = module.add_one_in_place
    sent = []
    request = learner_process.LearnerProcess.request

    def counting(self, message, what, timeout=None):
        sent.append(message[0])
        return request(self, message, what, timeout)

    monkeypatch.setattr(learner_process.LearnerProcess, "request", counting)
    process.called = set()
    call_each(function, [(k, np.zeros(2)) for k in range(50)])
    assert sent == ["call_each"]
    assert process.called == {"add_one_in_place()"}  # official grading sees which function it was


def test_an_error_in_one_call_is_the_learners_error(worker):
    process, module = worker
    with pytest.raises(LearnerError) as raised:
        call_each(module.fails_on, [(1,), (2,), (3,)])
    assert "two is not allowed" in str(raised.value.info["message"])


def test_an_attribute_of_each_result(worker):
    process, module = worker
    weights = call_each(module.Net, [()] * 5, attribute="W")
    assert [w.shape for w in weights] == [(2, 3)] * 5
    assert len({w.tobytes() for w in weights}) == 5


def test_a_plain_module_is_called_one_by_one():
    module = types.SimpleNamespace(f=lambda x: 2 * x, Net=lambda: types.SimpleNamespace(W=1))
    assert call_each(module.f, [(1,), (2,)]) == [2, 4]
    assert call_each(module.Net, [(), ()], attribute="W") == [1, 1]


def test_the_environment_is_restored_even_when_os_environ_is_replaced(worker):
    process, module = worker
    module.set_variable()
    assert module.variable() is None  # the next call starts from the worker's own environment
