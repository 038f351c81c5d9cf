"""The worker process that runs one learner module: start, per-call time limit, kill, restart.

``LearnerProcess`` owns the worker; :mod:`grader.sandbox.proxy` is how checks talk to it.
"""
from __future__ import annotations

import json
import math
import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from grader.sandbox import ahead, cleanup, confine, known_hangs, platform, untrusted, watchdog, wire
from grader.i18n import T, josa
from grader.sandbox.forkserver import EXIT_UNKNOWN, PLOTTING, flavour_for
from grader.sandbox.problems import (  # noqa: F401 - re-exported: checks and verdicts import them from here
    LearnerCrashed, LearnerError, LearnerImportError, LearnerProblem, LearnerTimeout)
from grader.sandbox.proxy import PROGRESS_MARK  # a training run's progress (see proxy.TrainingMonitor)

# Seconds one call of learner code gets, unless its check says otherwise (plots, exercise-10's training):
# correct code's slowest call in exercises 01-09 takes under 10 ms, plots aside (benchmarks/bench_call_times.py),
# and a hang costs a whole limit of CPU time, once per function.
DEFAULT_CALL_TIMEOUT = 2.0
IMPORT_TIMEOUT = 10.0
HUNG_REQUEST_TIMEOUT = 1.0  # seconds for a worker to note which functions hung (see known_hangs)
MEMORY_LIMIT = 4 * 1024**3  # address space of the worker, in bytes
OUTPUT_LIMIT = 64 * 1024  # bytes of the learner's prints that are kept
REPLY_LIMIT = 1024**3  # no exercise returns anything near a gibibyte
PROGRESS_FIELDS = ("iterations", "seconds", "loss", "train_acc", "test_acc")
CALLS = ("call", "call_keep", "call_each")  # the requests that run a learner function or method (see Worker.handle)
# How learner code runs everywhere (worker processes, notebook kernels): one BLAS thread, no screen.
# Whether workers may be forked by a warm server (``grade`` turns it on; see grader.sandbox.forkserver).
use_forkserver = False
# Shown every line learner code prints, as echo(module file name, line), if set (``grade --show-output``,
# see grader.render.progress.show_learner_output).  The line is the learner's: untrusted text.
echo: Callable[[str, str], None] | None = None
WORKER_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg"}


class _OutputSink(threading.Thread):
    """Drains the worker's stdout/stderr, keeping the head and the tail only.

    Lines that start with PROGRESS_MARK are a training run's progress (see
    grader.sandbox.proxy.TrainingMonitor): the last one is kept as :attr:`progress`, never
    as output.  With :data:`echo` set (``grade --show-output``) every other line is handed to
    it as it comes."""

    def __init__(self, stream, name: str = ""):
        super().__init__(daemon=True)
        self.stream, self.head, self.tail, self.dropped = stream, bytearray(), b"", 0
        self.name, self.line = name, b""
        self.progress: dict | None = None  # the learner's word: see untrusted_progress

    def run(self):
        for chunk in iter(lambda: self.stream.read1(65536), b""):
            data = self.line + chunk
            cut = data.rfind(b"\n") + 1 or (len(data) if len(data) > 4096 else 0)  # whole lines only
            self.line = data[cut:]
            self._take(data[:cut])
        line, self.line = self.line, b""
        self._take(line)

    def _take(self, data: bytes) -> None:
        if not data:
            return
        if PROGRESS_MARK in data:
            kept = []
            for line in data.split(b"\n"):
                before, marked, report = line.partition(PROGRESS_MARK)
                if marked:  # after a learner's print(..., end=""), the mark is not at the start
                    self.progress = untrusted_progress(report) or self.progress
                if before or not marked:
                    kept.append(before)
            data = b"\n".join(kept)
        self._keep(data)
        shown = echo
        if shown is not None and data:
            for line in data.removesuffix(b"\n").split(b"\n"):
                try:
                    shown(self.name, line.decode(errors="replace").rstrip("\r"))
                except Exception:  # noqa: BLE001 - showing output must never stop the draining
                    pass

    def _keep(self, chunk: bytes) -> None:
        room = OUTPUT_LIMIT - len(self.head)
        if room > 0:
            self.head += chunk[:room]
            chunk = chunk[room:]
        if chunk:
            self.dropped += len(chunk)
            self.tail = (self.tail + chunk)[-4096:]

    def text(self) -> str:
        out = self.head.decode(errors="replace")
        if self.dropped:
            out += f"\n... [{self.dropped} more bytes of output cut] ...\n" + self.tail.decode(errors="replace")
        pending = self.line.partition(PROGRESS_MARK)[0]  # a last line without its newline, not taken yet
        if pending and len(self.head) < OUTPUT_LIMIT:
            out += pending[:OUTPUT_LIMIT - len(self.head)].decode(errors="replace")
        return out


def untrusted_progress(raw: bytes) -> dict | None:
    """A progress line's numbers (see grader.sandbox.proxy.TrainingMonitor), checked field by field."""
    try:
        data = json.loads(raw[:512].decode()) if len(raw) <= 512 else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if type(data) is not dict:
        return None
    found = {}
    for key in PROGRESS_FIELDS:
        value = data.get(key)
        if type(value) in (int, float) and math.isfinite(value) and 0 <= value < 1e12:
            found[key] = value
    return found if type(found.get("iterations")) is int else None


class LearnerProcess:
    """One worker process running one learner module."""

    def __init__(self, module_path: Path, *, memory_limit: int = MEMORY_LIMIT,
                 import_timeout: float | None = None, timeout: float = DEFAULT_CALL_TIMEOUT,
                 env: dict | None = None):
        self.module_path = Path(module_path)
        self.memory_limit = memory_limit
        self.import_timeout = IMPORT_TIMEOUT if import_timeout is None else import_timeout
        self.timeout = timeout  # per call; checks may change it
        self.extra_env = env or {}
        self.proc: subprocess.Popen | None = None
        self.request_fd = -1
        self.replies: wire.PolledReader | wire.FrameReader | None = None  # the worker's replies
        self.generation = 0
        self.ready = False
        self.copied: str | None = None
        self.callables: dict[str, str] = {}  # the module's functions and classes, from its import
        self.started_at = 0.0
        self.scratch: Path | None = None
        self.confinement = ""  # what the worker's sandbox applied, in its own words
        # Calls that ran out of time, by what they call ("sigmoid()", "TwoLayerNet.gradient()"): the
        # limit that expired.  Later calls fail at once instead of waiting again (a hang costs one
        # limit per function, not one per check), for as long as this object grades the module.
        self.hung: dict[str, float] = {}
        self.hung_via: dict[str, str] = {}  # a caller that hung in a hung function -> that function
        self.watched: dict[str, float] = {}  # the hung functions this worker watches (see request)
        # What learner functions and methods were called ("softmax()", "Relu.forward()"), while a
        # check sets it to a set (official grading asks which functions a check exercised).
        self.called: set[str] | None = None
        self.ahead = ahead.Ahead()  # answers of calls made ahead of the check (see prefetch)

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Start the worker and wait until it has imported the learner's module."""
        self.spawn()
        self.wait_ready()

    def spawn(self) -> None:
        """Start the worker without waiting for it (so it can import while the grader starts)."""
        self._remove_scratch()
        # the only folder the worker may write (HOME and TMPDIR); Matplotlib's font cache only for a
        # module that mentions it (one that reaches Matplotlib some other way builds its own)
        self.scratch = confine.new_scratch(fonts=flavour_for(self.module_path) == PLOTTING)
        env = {**confine.environment(os.environ, self.scratch), **self.extra_env,
               watchdog.MEMORY_VARIABLE: str(self.memory_limit)}  # where no rlimit holds it (macOS, Windows)
        if echo is not None:  # each line as it is printed: a fresh interpreter, unbuffered
            env["PYTHONUNBUFFERED"] = "1"
        started = self._fork(env) if use_forkserver and echo is None else None
        self.proc, self.request_fd, replies, output = started or self._popen(env)
        reader = wire.PolledReader if platform.HAS_POLL_ON_PIPES else wire.FrameReader
        self.replies = reader(replies, REPLY_LIMIT)
        self.output = _OutputSink(output, self.module_path.name)
        self.output.start()
        self.generation += 1
        self.watched = {}
        self.started_at = time.monotonic()
        self.ready = False
        self.callables = {}

    def _popen(self, env: dict):
        """A fresh worker: (Popen, request pipe, reply pipe file, output file).

        With pass_fds its pipes are extra descriptors and its stdout and stderr are the output;
        without (Windows) the pipes are its stdin and stdout -- our own pipes, not Popen's
        files, so that nothing but the reader thread ever closes the reply pipe -- and the
        worker sends what learner code prints to stderr (see grader.sandbox.worker.main)."""
        request_r, request_w = os.pipe()
        reply_r, reply_w = os.pipe()
        if platform.HAS_PASS_FDS:
            args = [str(request_r), str(reply_w)]
            pipes = dict(pass_fds=(request_r, reply_w), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
        else:
            args = [wire.STDIO, wire.STDIO]
            pipes = dict(stdin=request_r, stdout=reply_w, stderr=subprocess.PIPE)
        try:
            proc = subprocess.Popen([sys.executable, "-m", "grader.sandbox.worker", *args, str(self.module_path)],
                                    cwd=self.scratch, env=env, **pipes, **platform.spawn_options(self.memory_limit))
        except BaseException:
            os.close(request_w)
            os.close(reply_r)
            raise
        finally:
            os.close(request_r)
            os.close(reply_w)
        return proc, request_w, os.fdopen(reply_r, "rb"), proc.stdout if platform.HAS_PASS_FDS else proc.stderr

    def _fork(self, env: dict):
        """A worker forked by the warm server (see grader.sandbox.forkserver), or None.

        Pipes handed to the server are never reused: if it does not answer in time, they
        are closed, so a worker it forks late reads end-of-file and leaves.
        """
        from grader.sandbox import forkserver
        request_r, request_w = os.pipe()
        reply_r, reply_w = os.pipe()
        output_r, output_w = os.pipe()
        output = os.fdopen(output_r, "rb")
        try:
            proc = forkserver.fork_worker(
                [str(self.module_path)], (request_r, reply_w), (output_w, output),
                cwd=str(self.scratch), env=env, memory_limit=self.memory_limit,
                flavour=forkserver.flavour_for(self.module_path))
        finally:
            for fd in (request_r, reply_w, output_w):
                os.close(fd)
        if proc is None:
            output.close()
            os.close(request_w)
            os.close(reply_r)
            return None
        return proc, request_w, os.fdopen(reply_r, "rb"), output

    def wait_ready(self) -> None:
        if self.proc is None:
            self.spawn()
        if self.ready:
            return
        remaining = self.import_timeout - (time.monotonic() - self.started_at)
        # the message names the limit, not what was left of it when the grader began to wait
        try:
            hello = self._receive(max(remaining, 0.01), f"importing {self.module_path.name}",
                                  limit=self.import_timeout)
        except LearnerTimeout as exc:
            name = self.module_path.name
            exc.label = T(f"importing {name}", f"{name} 불러오기")
            raise
        self.ready = True
        if not hello.get("ok"):
            self.close()
            raise LearnerImportError(hello["error"])
        self.copied = hello.get("copied")
        self.confinement = untrusted.note(hello.get("confinement"))  # the worker's word: for tests and logs only
        callables = hello.get("callables")
        self.callables = {k: v for k, v in callables.items() if type(v) is str} if type(callables) is dict else {}

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        # Kill before closing the pipe: on end-of-file the worker would leave by itself.
        cleanup.kill_tree(proc)
        try:
            os.close(self.request_fd)
        except OSError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self.replies.close()  # (a reader thread closes the pipe itself, at the end-of-file the kill brings)
        self.output.join(timeout=1)
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        scratch, self.scratch = self.scratch, None
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    @property
    def progress(self) -> dict | None:
        """The last progress a training run in the worker reported (checked numbers), if any."""
        output = getattr(self, "output", None)
        return output.progress if output is not None else None

    @property
    def alive(self) -> bool:
        return self.proc is not None

    # ------------------------------------------------------------------ talking
    def handle(self, ref: wire.Ref, generation: int):
        """The proxy for an object that stays in the worker."""
        from grader.sandbox.proxy import Remote
        return Remote(self, ref, generation)

    def request(self, message: tuple, what: str, timeout: float | None = None):
        seconds = self.timeout if timeout is None else timeout
        hung = what if message[0] in CALLS else None
        if hung is not None and self.called is not None:
            self.called.add(what)
        if hung in self.hung and seconds <= self.hung[hung]:
            raise self._hung_again(hung)  # it hung before: no second wait, no restart
        kept = self.ahead.take(message, seconds, self.generation) if self.ahead else None
        if kept is None:
            self.ahead.clear()  # (another request may change what learner code would answer)
            if self.proc is None or not self.ready:
                self.start() if self.proc is None else self.wait_ready()
            if hung is not None:
                self._watch_hung(seconds, what)
        try:
            if kept is not None and kept[1] is not None:
                raise kept[1]  # the call's own time-out or crash, seen now
            reply = kept[0] if kept is not None else self._exchange(message, seconds, what)
        except LearnerTimeout:
            if hung is not None:
                self.hung[hung] = seconds
                self.hung_via.pop(hung, None)
            raise
        return self._answer(reply, hung, seconds, what)

    def prefetch(self, messages: list[tuple], what: str) -> None:
        """Make these calls of ``what`` now, in one round trip, and keep the answers until the check
        makes the same calls (see :mod:`grader.sandbox.ahead`).  Each answer is awaited with the
        call's own limit; the first exception, time-out or crash ends the batch (a failing function may
        be slow to fail, as one stopped in a hung function's budget is), kept as that call's answer.
        Official grading keeps what the function answers (``self.answers``, grader.checking.fresh_answers):
        then an exception does not end the batch, so that a function that raises on the first case
        still gives its answers to the others (a table raising on every input it does not know, too)."""
        seconds = self.timeout
        self.ahead.clear()
        if not messages or (what in self.hung and seconds <= self.hung[what]) or self.proc is None \
                or not self.ready:
            return  # the calls themselves will say what happens
        try:
            keys = [ahead.key(message) for message in messages]
            past_errors = getattr(self, "answers", None) is not None
            batch = pickle.dumps(("each", past_errors or None, keys), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return  # the calls themselves will say so
        generation, answers = self.generation, []
        try:
            self._watch_hung(seconds, what)
        except LearnerProblem as exc:  # what the first call would have met
            self.ahead.fill(keys[:1], [(None, exc)], seconds, generation)
            return
        try:
            wire.write_frame(self.request_fd, batch)
        except OSError:
            return  # the worker is gone: the first call finds out
        for _ in keys:  # up to the first that raised, ran out of time or crashed (the worker stops there too)
            try:
                answers.append((self._receive(seconds, what), None))
            except LearnerProblem as exc:  # the worker is closed: the calls after this one are made again
                answers.append((None, exc))
                break
            if not answers[-1][0].get("ok") and not past_errors:
                break
        self.ahead.fill(keys, answers, seconds, generation)

    def _answer(self, reply: dict, hung: str | None, seconds: float, what: str):
        """The value of ``reply``, or the exception it reports (see :meth:`request`)."""
        if not reply.get("ok"):
            cause = reply["error"].get("hung") if isinstance(reply["error"], dict) else None
            if type(cause) is str and cause in self.hung:  # it called a function that hung before
                if hung is not None and hung != cause:  # the caller hung with it
                    self.hung[hung], self.hung_via[hung] = seconds, cause
                raise self._hung_in(what, cause)
            raise LearnerError(reply["error"])
        if "ref" in reply:
            return self.handle(wire.Ref(*reply["ref"]), self.generation)
        return reply["value"]

    def _exchange(self, message: tuple, seconds: float, what: str) -> dict:
        try:
            wire.write_frame(self.request_fd, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        except (BrokenPipeError, OSError):
            raise self._crashed() from None
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            raise ValueError(f"the grader cannot send this argument to your code: {exc}") from None
        return self._receive(seconds, what)

    def _hung_again(self, what: str) -> LearnerTimeout:
        """The time-out of a call of ``what``, which hung before (itself, or in ``hung_via[what]``)."""
        if what not in self.hung_via:
            return LearnerTimeout(self.hung[what], what)
        return self._hung_in(what, self.hung_via[what])

    def _hung_in(self, what: str, cause: str) -> LearnerTimeout:
        """``what`` stopped in ``cause``, a function that hung before: named by the function that ran out
        of its own limit (``XOR()`` stopped in ``AND()``, which hung in ``perceptron()``: perceptron)."""
        seen = {cause}
        while cause in self.hung_via and self.hung_via[cause] not in seen:
            cause = self.hung_via[cause]
            seen.add(cause)
        return LearnerTimeout(self.hung[cause] * known_hangs.BUDGET_SHARE, what, cause=cause, earlier=self.hung[cause])

    def _watch_hung(self, seconds: float, what: str) -> None:
        """Before a call (``what``) with a limit of ``seconds``: the functions that hung within that
        limit are watched in the worker, each run of them inside learner code getting a short budget
        (see :mod:`grader.sandbox.known_hangs`), and no others.  (Learner code that hangs this request
        too is the call's time-out.)"""
        wanted = {name: limit for name, limit in sorted(self.hung.items()) if seconds <= limit}
        if wanted != self.watched:  # bookkeeping: it gets a short limit of its own, not the call's
            self._exchange(("hung", None, wanted), min(seconds, HUNG_REQUEST_TIMEOUT), what)
            self.watched = wanted

    def _receive(self, timeout: float, what: str, limit: float | None = None) -> dict:
        deadline = time.monotonic() + timeout
        try:
            payload = self.replies.get(deadline)
            generation = self.generation
            return wire.decode(payload, lambda ref: self.handle(ref, generation))
        except TimeoutError:
            self.close()
            raise LearnerTimeout(timeout if limit is None else limit, what) from None
        except EOFError:
            raise self._crashed() from None
        except wire.WireError as exc:
            self.close()
            raise LearnerCrashed(T(f"your code's process sent back something unreadable ({exc})",
                                   f"코드의 프로세스가 읽을 수 없는 응답을 보냈습니다 ({exc})")) from None

    def _crashed(self) -> LearnerCrashed:
        proc = self.proc
        try:
            code = proc.wait(timeout=5) if proc else None
        except subprocess.TimeoutExpired:
            code = None
        output = self.output.text() if proc else ""
        self.close()
        gib = f"{self.memory_limit / 1024**3:g}"
        if code is None or code == EXIT_UNKNOWN:
            return LearnerCrashed(T("your code's process ended, but how is unknown",
                                    "코드의 프로세스가 끝났지만 어떻게 끝났는지는 알 수 없습니다"), output)
        if platform.IS_WINDOWS and code >= 0xC0000000:  # an NTSTATUS: the process crashed
            memory = code in (0xC0000017, 0xC00000FD)  # no memory, stack overflow
            return LearnerCrashed(T(f"your code's process crashed (Windows status {code:#x})",
                                    f"코드의 프로세스가 비정상 종료되었습니다 (Windows 상태 {code:#x})"), output, memory)
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:  # a real-time signal has no name
                name = f"signal {-code}"
            if -code in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT):
                return LearnerCrashed(T(f"your code's process was killed by {name} "
                                        f"(often: the memory limit of {gib} GiB was exceeded)",
                                        f"코드의 프로세스가 {josa(name, '로')} 강제 종료되었습니다 "
                                        f"(흔한 원인: 메모리 제한 {gib} GiB 초과)"), output, memory=True)
            return LearnerCrashed(T(f"your code's process was killed by {name}",
                                    f"코드의 프로세스가 {josa(name, '로')} 강제 종료되었습니다"), output)
        return LearnerCrashed(T(f"your code's process exited with code {code} (sys.exit() or os._exit()?)",
                                f"코드의 프로세스가 종료 코드 {josa(str(code), '로')} 끝났습니다 (sys.exit() 또는 os._exit()?)"),
                              output)


# Workers started ahead of their checks (see prestart): each one that waits costs its keeper's watch,
# about 6 ms of CPU time a second here, so only the next few wait, not one for every exercise at once.
PRESTART_AHEAD = 2
_prestarted: dict[Path, LearnerProcess] = {}
_to_prestart: list[Path] = []


def prestart(paths) -> None:
    """Start workers early, so that they import learner code while the grader starts up or checks the
    exercise before: the first :data:`PRESTART_AHEAD` now, and one more each time one is taken."""
    for path in paths:
        path = Path(os.path.abspath(path))  # never through a link: see confine.Confinement.for_worker
        if path.is_file() and path not in _prestarted and path not in _to_prestart:
            _to_prestart.append(path)
    _prestart_next()


def _prestart_next() -> None:
    while _to_prestart and len(_prestarted) < PRESTART_AHEAD:
        path = _to_prestart.pop(0)
        process = LearnerProcess(path)
        process.spawn()
        _prestarted[path] = process


def take_prestarted(path: Path) -> LearnerProcess | None:
    path = Path(os.path.abspath(path))
    if path in _to_prestart:  # not started yet: its check starts it
        _to_prestart.remove(path)
    process = _prestarted.pop(path, None)
    _prestart_next()
    return process


def discard_prestarted() -> None:
    _to_prestart.clear()
    while _prestarted:
        _prestarted.popitem()[1].close()
