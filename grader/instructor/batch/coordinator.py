"""Scheduling: queued jobs go to idle slots; each ends when its process answers, dies or runs out of time."""
from __future__ import annotations

import selectors
import time
from contextlib import suppress
from pathlib import Path
from typing import Callable

from grader import exercises
from grader.instructor.batch.runs import Job
from grader.instructor.batch.slot import Slot

MAX_ATTEMPTS = 2  # a job whose grading process died is given one more, on a fresh process
EndedCallback = Callable[[Job, str | None], None]  # why: None (answered), "timeout" or "crash"


class Coordinator:
    """Runs ``queue`` (in order) on ``slots``, calling ``on_end(job, why)`` as each job ends."""

    def __init__(self, slots: list[Slot], queue: list[Job], on_end: EndedCallback, work: Path):
        self.work = work  # where each job's private folder is made
        self.slots = slots
        self.queue = queue
        self.on_end = on_end
        self.selector = selectors.DefaultSelector()

    def run(self, after_round: Callable[[], None]) -> None:
        """Until every job has ended; ``after_round`` is called after each round of events."""
        try:
            while self.queue or any(slot.job for slot in self.slots):
                self._hand_out()
                self._read(self._wait())
                self._stop_overdue()
                after_round()
        finally:
            self._close()

    def _unregister(self, slot: Slot) -> None:
        with suppress(KeyError, ValueError, OSError):
            self.selector.unregister(slot.proc.stdout)

    def _hand_out(self) -> None:
        for slot in self.slots:
            if slot.job is None and self.queue:
                job = self.queue.pop(0)
                job.prepare(self.work, exercises.find(job.exercise).filename)
                if slot.proc is not None:
                    self._unregister(slot)
                slot.send(job)  # may replace the process
                job.started = time.monotonic()
                self.selector.register(slot.proc.stdout, selectors.EVENT_READ, slot)

    def _wait(self) -> float:
        now = time.monotonic()
        busy = [s for s in self.slots if s.job]
        return min(max(0.05, min((s.deadline for s in busy), default=now + 1) - now), 0.5)

    def _read(self, timeout: float) -> None:
        for key, _ in self.selector.select(timeout=timeout):
            slot: Slot = key.data
            answer = slot.read()
            if answer is None:  # the grading process died
                self.selector.unregister(slot.proc.stdout)
                if slot.job is not None:
                    self._end(slot, "crash")
                else:
                    slot.stop()
            elif answer:
                self._end(slot, None)

    def _stop_overdue(self) -> None:
        now = time.monotonic()
        for slot in self.slots:
            if slot.job and slot.overdue(now):
                self._unregister(slot)
                self._end(slot, "timeout")

    def _end(self, slot: Slot, why: str | None) -> None:
        job, slot.job = slot.job, None
        job.seconds += time.monotonic() - job.started
        if why is None:
            slot.done_jobs += 1
        else:
            slot.stop()  # a killed process writes no more
        if why == "crash" and job.attempts < MAX_ATTEMPTS:
            # the process was killed (perhaps by another student's code): grade it again from the start
            job.discard()
            self.queue.insert(0, job)
            return
        self.on_end(job, why)

    def _close(self) -> None:
        for slot in self.slots:
            if slot.proc is not None:
                self._unregister(slot)
            slot.stop()
            if slot.job is not None:
                slot.job.discard()
        for job in self.queue:
            job.discard()
        self.selector.close()
