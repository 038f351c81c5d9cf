"""Scheduling: queued jobs go to idle slots, one student's at a time (graded in one pytest session, which
saves a session's start-up per exercise); they end when their process answers, dies or runs out of time.

A session that is stopped (its current job ran out of time, or its process died) gives only that job's
verdict; the student's other jobs of that session are graded again, each in a session of its own."""
from __future__ import annotations

import selectors
import time
from contextlib import suppress
from pathlib import Path
from typing import Callable

from grader import exercises
from grader.instructor.batch.runs import Job, prepare_group
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
                self._hand_out()  # a slot that is free now starts on its next job before the outputs are written
                after_round()
        finally:
            self._close()

    def _unregister(self, slot: Slot) -> None:
        with suppress(KeyError, ValueError, OSError):
            self.selector.unregister(slot.proc.stdout)

    def _hand_out(self) -> None:
        for slot in self.slots:
            if slot.job is None and self.queue:
                group = self._next_group()
                prepare_group(group, self.work, {job.exercise: exercises.find(job.exercise).filename
                                                 for job in group})
                if slot.proc is not None:
                    self._unregister(slot)
                slot.send(group)  # may replace the process
                group[0].started = time.monotonic()
                self.selector.register(slot.proc.stdout, selectors.EVENT_READ, slot)

    def _next_group(self) -> list[Job]:
        """The first queued job and the queued jobs of the same student after it (unless it is to be
        graded alone), taken off the queue."""
        first = self.queue.pop(0)
        if first.alone:
            return [first]
        group = [first] + [job for job in self.queue if job.run is first.run and not job.alone]
        self.queue = [job for job in self.queue if job not in group]
        return group

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
        """The slot's session has ended: ``why`` is None (every job answered), "timeout" or "crash"
        (of the current job)."""
        group, current = slot.jobs or [slot.job], slot.job
        slot.jobs, slot.job = [], None
        now = time.monotonic()
        for job in group:
            if job.started:
                job.seconds += now - job.started
                job.started = 0.0
        if why is None:
            slot.done_jobs += len(group)
            for job in group:
                self.on_end(job, None)
            return
        slot.stop()  # a killed process writes no more
        others = [job for job in group if job is not current]
        for job in others:  # not theirs to answer for: graded again, alone, as if for the first time
            job.attempts -= 1
            job.alone = True
            job.discard()
        if why == "crash" and current.attempts < MAX_ATTEMPTS:
            # the process was killed (perhaps by another student's code): grade it again from the start
            current.discard()
            current.alone = True
            self.queue[:0] = [current, *others]
            return
        self.queue[:0] = others
        self.on_end(current, why)

    def _close(self) -> None:
        for slot in self.slots:
            if slot.proc is not None:
                self._unregister(slot)
            slot.stop()
            for job in slot.jobs or [slot.job]:
                if job is not None:
                    job.discard()
        for job in self.queue:
            job.discard()
        self.selector.close()
