"""While a slow check runs the student sees how far it got, and with --show-output what their code prints.

A training run reports its iterations, loss and accuracies from inside the learner's process
(grader.render.progress.TrainingMonitor) as marked lines on the worker's output, which the
grader reads as untrusted numbers and never shows as output; the spinner line shows them
with an estimate of the time left.  A network that is not the lecture's sigmoid network is
named as such (tests/corpus/ex10/mistake_train_relu_network.py).
"""
import io
import re
import time
from pathlib import Path

import pytest

from grader import cli, exercises
from grader.i18n import T
from grader.checking.runner import _Collector
from grader.render import progress
from grader.render.progress import training_status, working
from grader.sandbox import process
from grader.sandbox.process import PROGRESS_MARK, _OutputSink
from grader.sandbox.proxy import TrainingMonitor, connect, put

ROOT = exercises.ROOT
EX05 = exercises.find("exercise-05")

TRAINING = '''
class Net:
    def __init__(self):
        self.steps = 0

    def gradient(self, x):
        self.steps += 1
        return {"W": x}

    def loss(self, x):
        return 0.5

    def numerical_gradient(self, x):  # calls loss and gradient: one iteration, not three
        self.loss(-1.0)
        return self.gradient(x)

    def accuracy(self, x):
        return 0.25 if len(x) == 3 else 0.75


def train(net, iterations):
    for i in range(iterations):
        net.numerical_gradient(i) if i % 2 else net.gradient(i)
        net.loss(i)
        if i % 10 == 0:
            print("step", i, flush=True)
            net.accuracy([1, 2, 3])
    return net.steps


def untouched(net):
    return not hasattr(type(net).gradient, "__wrapped__") and not hasattr(type(net).loss, "__wrapped__")
'''


def _until(condition, seconds=30.0):
    """Wait for something another thread does (not a time limit on the grader: a bound on the test)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_a_training_run_reports_its_progress_from_the_worker(tmp_path):
    path = tmp_path / "training.py"
    path.write_text(TRAINING, encoding="utf-8")
    worker, module = connect(path)
    try:
        net = module.Net()
        monitor = put(module, TrainingMonitor(test_size=3))
        assert monitor.attach(net) == 4
        assert module.train(net, 40) == 40  # the learner's own methods still run
        monitor.detach()
        assert module.untouched(net)
        assert _until(lambda: (worker.progress or {}).get("iterations") == 40)
        assert worker.progress["loss"] == 0.5 and worker.progress["test_acc"] == 0.25
        assert _until(lambda: "step 30" in worker.output.text())
        assert "grader-progress" not in worker.output.text()  # the marked lines are not output
    finally:
        worker.close()


def test_in_process_the_monitor_keeps_its_numbers():
    namespace: dict = {}
    exec(TRAINING, namespace)
    net = namespace["Net"]()
    monitor = put(net, TrainingMonitor(test_size=3, report=False))  # a plain object: a copy
    monitor.attach(net)
    namespace["train"](net, 12)
    monitor.detach()
    assert {k: monitor.state[k] for k in ("iterations", "loss", "test_acc")} == \
        {"iterations": 12, "loss": 0.5, "test_acc": 0.25}
    assert namespace["untouched"](net)


def _sink(data: bytes) -> _OutputSink:
    sink = _OutputSink(io.BytesIO(data), "x.py")
    sink.run()
    return sink


def test_progress_lines_are_untrusted_numbers():
    sink = _sink(PROGRESS_MARK + b'{"iterations": 7, "loss": 0.3, "seconds": 2.0, "test_acc": "x"}\n')
    assert sink.progress == {"iterations": 7, "loss": 0.3, "seconds": 2.0} and sink.text() == ""
    for forged in (b"[1, 2]", b'{"iterations": 1.5}', b'{"iterations": 3, "loss": NaN, "seconds": 1e300}',
                   b"{" * 100000, b"\xff\xfe", b'{"iterations": -4}'):
        sink = _sink(PROGRESS_MARK + b'{"iterations": 2}\n' + PROGRESS_MARK + forged + b"\n")
        assert sink.progress in ({"iterations": 2}, {"iterations": 3}), forged
    sink = _sink(b"no newline yet" + PROGRESS_MARK + b'{"iterations": 5}\nnext\n')
    assert sink.progress == {"iterations": 5} and sink.text() == "no newline yet\nnext\n"


def test_the_status_line_says_how_far_training_got():
    numbers = {"iterations": 2300, "seconds": 23.0, "loss": 0.4123, "train_acc": 0.9, "test_acc": 0.91234}
    assert training_status(numbers, 10000, "en") == \
        "iteration 2,300/10,000 · loss 0.412 · test accuracy 0.912 · about 75 s left"
    assert training_status(numbers, 10000, "ko") == "반복 2,300/10,000 · 손실 0.412 · 시험 정확도 0.912 · 약 75초 남음"
    assert training_status({"iterations": 100, "seconds": 60.0}, 10000, "en") == \
        "iteration 100/10,000 · about 99 min left"
    assert training_status({"iterations": 12000}, 10000, "ko") == "반복 12,000"
    assert training_status(None, 10000, "en") is None and training_status({"iterations": 0}, 10000, "en") is None


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_spinner_shows_the_status(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(progress, "_terminal", lambda: terminal)
    with working("training", "en", status=lambda lang: f"iteration 5/10 ({lang})"):
        pass
    assert "iteration 5/10 (en)" in terminal.getvalue()


def test_the_spinner_speaks_the_commands_language(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(progress, "_terminal", lambda: terminal)
    monkeypatch.setattr(progress, "language", "ko")  # grade --lang ko, whatever the locale
    monkeypatch.setenv("GRADER_LANG", "en")
    with working(T("training", "학습 중"), status=lambda lang: f"({lang})"):
        pass
    assert "학습 중" in terminal.getvalue() and "(ko)" in terminal.getvalue()


def _ex05(folder: Path) -> Path:
    source = (ROOT / "solutions" / EX05.filename).read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / EX05.filename).write_text(
        source + '\n\nprint("hello from the module")\n_relu = relu\n\n\ndef relu(x):\n'
                 '    print("relu of shape", x.shape, "\\x1b[2J")\n    return _relu(x)\n', encoding="utf-8")
    return folder


def test_show_output_shows_what_the_learner_prints(tmp_path, capfd):
    target = _ex05(tmp_path / "ex05")
    assert cli.main(["5", "--target", str(target), "--show-output", "--lang", "en"]) == 0
    err = capfd.readouterr().err
    assert "ex05_activations.py │ hello from the module" in err
    assert "ex05_activations.py │ relu of shape (8,) \\x1b[2J" in err  # control characters shown, not sent
    assert process.echo is None  # only for that command

    assert cli.main(["5", "--target", str(target), "--lang", "en"]) == 0
    assert "hello from the module" not in capfd.readouterr().err


def test_the_collector_runs_after_the_other_plugins():
    for hook in (_Collector.pytest_sessionfinish, _Collector.pytest_collection_modifyitems):
        assert getattr(hook, "pytest_impl", {}).get("trylast") is True


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_help_names_show_output(lang, capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help", "--lang", lang])
    assert "--show-output" in capsys.readouterr().out


def test_learner_output_goes_above_the_display(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(progress, "_terminal", lambda: terminal)
    echo = progress._Echo(io.StringIO())
    with working("training", "en"):
        echo("x.py", "epoch 1")
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.getvalue())  # without the terminal's styles
    assert "x.py │ epoch 1\n" in shown and echo.stream.getvalue() == ""


def test_a_flood_of_output_is_cut(monkeypatch):
    monkeypatch.setattr(progress, "ECHO_LIMIT", 20)
    monkeypatch.setattr(progress, "language", "en")
    echo = progress._Echo(io.StringIO())
    for i in range(100):
        echo("x.py", f"line {i}")
    shown = echo.stream.getvalue().splitlines()
    assert shown[:2] == ["x.py │ line 0", "x.py │ line 1"] and len(shown) == 3
    assert shown[-1] == "x.py │ ... (more output of your code is not shown)"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning")  # the checks' marker, outside grading
def test_exercise_10_watches_a_worker_and_not_a_notebook(tmp_path):
    import importlib

    from grader.sandbox.inprocess import InProcessTransport
    ex10 = importlib.import_module("grader.checks.test_ex10_mnist")
    path = tmp_path / "training.py"
    path.write_text(TRAINING, encoding="utf-8")
    worker, module = connect(path)
    try:
        net = module.Net()
        monitor = ex10._watch_training(module, net)
        module.train(net, 30)
        ex10._stop_watching(monitor)
        assert module.untouched(net)
        assert _until(lambda: (ex10._training_progress(module, monitor, "en") or "").startswith(
            "iteration 30/10,000 · loss 0.500"))
    finally:
        worker.close()

    namespace: dict = {}
    exec(TRAINING, namespace)
    notebook = InProcessTransport(namespace).module()
    assert ex10._watch_training(notebook, notebook.Net()) is None  # nothing would carry the numbers


@pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning")
def test_a_training_time_out_says_how_far_it_got():
    import importlib
    ex10 = importlib.import_module("grader.checks.test_ex10_mnist")
    text = ex10._train_timeout(600, {"iterations": 2300, "seconds": 590.0})
    assert text.en.endswith("did not finish within 600 s (the reference needs well under a minute); "
                            "by then it had done 2,300 of the 10,000 iterations")
    assert text.ko.endswith("그때까지 10,000회 중 2,300회를 반복했습니다")
    assert "by then" not in ex10._train_timeout(600, None).en


PLOT_HISTORY = '''
import os

from matplotlib.figure import Figure


def plot_history(history):
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot(history["train_acc"], label="train acc")
    ax.plot(history["test_acc"], label="test acc", linestyle="--")
    return fig


def writes_here(folder):
    try:
        with open(os.path.join(folder, "probe.txt"), "w") as out:
            out.write("x")
        return True
    except OSError:
        return False
'''


def test_the_learning_curve_is_saved_next_to_the_code_even_where_the_worker_may_not_write(tmp_path, worker_for):
    """The learner's folder is closed to writing for the worker where the sandbox can close it; the grader
    writes the PNG that the learner's figure drew of itself, and the report names it."""
    from types import SimpleNamespace
    from grader.checks import test_ex10_mnist as ex10

    _, module = worker_for(PLOT_HISTORY, "ex10_mnist.py")
    request = SimpleNamespace(config=SimpleNamespace(getoption=lambda name, default=None: str(tmp_path)),
                              node=SimpleNamespace(user_properties=[]))
    history = {"train_loss": [2.3, 0.4], "train_acc": [0.1, 0.8, 0.9], "test_acc": [0.1, 0.79, 0.88]}
    closed = not module.writes_here(str(tmp_path))
    ex10._save_learning_curve(module, history, request)
    path = tmp_path / "grade-output" / ex10.LEARNING_CURVE
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and path.stat().st_size > 1000
    assert request.node.user_properties == [("artifact", str(path))]
    from grader.sandbox import platform
    assert closed or not platform.HAS_LANDLOCK  # what makes this test worth having where Landlock is


HUGE_PICTURE = PLOT_HISTORY + '''
import grader.sandbox.figure_summary as drawing

drawing.png = lambda fig: b"\\x89PNG\\r\\n\\x1a\\n" + b"x" * (9 << 20)  # the worker's own kit, replaced
'''


@pytest.mark.parametrize("source, linked", [(HUGE_PICTURE, False), (PLOT_HISTORY, True)],
                         ids=["a PNG over the limit", "grade-output is a link"])
def test_a_learning_curve_the_grader_would_not_write_leaves_nothing(tmp_path, worker_for, source, linked):
    """The bytes come from the learner's process: more than PNG_LIMIT of them are not written, and a
    grade-output that is a link is neither cleaned nor written through."""
    from types import SimpleNamespace
    from grader.checks import test_ex10_mnist as ex10

    _, module = worker_for(source, "ex10_mnist.py")
    learner_folder, elsewhere = tmp_path / "learner", tmp_path / "elsewhere"
    learner_folder.mkdir()
    elsewhere.mkdir()
    (elsewhere / ex10.LEARNING_CURVE).write_bytes(b"someone else's")
    if linked:
        (learner_folder / "grade-output").symlink_to(elsewhere, target_is_directory=True)
    request = SimpleNamespace(config=SimpleNamespace(getoption=lambda name, default=None: str(learner_folder)),
                              node=SimpleNamespace(user_properties=[]))
    ex10._save_learning_curve(module, {"train_acc": [0.1, 0.9], "test_acc": [0.1, 0.8]}, request)
    assert request.node.user_properties == []
    assert (elsewhere / ex10.LEARNING_CURVE).read_bytes() == b"someone else's"
    assert linked or not (learner_folder / "grade-output" / ex10.LEARNING_CURVE).exists()
