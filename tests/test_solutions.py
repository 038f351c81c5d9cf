"""The reference solutions earn full marks; the untouched stubs earn nothing and read 'not started'."""
import pytest

from grader import exercises
from grader.checking.runner import grade

ROOT = exercises.ROOT
CORE = [ex for ex in exercises.available() if ex.number <= 9]


def test_exercises_01_to_09_are_all_there():
    assert [ex.number for ex in CORE] == list(range(1, 10))
    for ex in CORE:
        assert (ROOT / "exercises" / ex.filename).is_file()
        assert (ROOT / "solutions" / ex.filename).is_file()


@pytest.mark.parametrize("seed", [1, 2024])
def test_solutions_earn_full_marks(seed):
    report = grade(CORE, ROOT / "solutions", seed=seed)
    lost = [(c.exercise, c.name, c.status, c.message.en if c.message else "")
            for ex in report.exercises for c in ex.checks if c.status != "passed"]
    assert not lost
    assert report.full_marks
    for ex in report.exercises:
        assert ex.max_score == 10, f"{ex.id} is worth {ex.max_score}, not 10"
        assert any(c.hidden for c in ex.checks), f"{ex.id} has no hidden check"
        assert any(not c.hidden for c in ex.checks), f"{ex.id} has no public check"


def test_every_check_fails_on_the_untouched_stubs():
    report = grade(CORE, ROOT / "exercises", seed=7)
    for ex in report.exercises:
        assert ex.score == 0, f"{ex.id}: the stub earned {ex.score}"
        assert ex.state == "not started", ex.id
        for check in ex.checks:
            assert check.status == "failed" and check.not_started, (ex.id, check.name, check.status)


def test_exercise_10_solution_earns_full_marks_and_stub_reads_not_started():
    """Real MNIST (MNIST_DIR, as .ci/run sets it); a missing data set fails here, never skips."""
    ex10 = exercises.find("exercise-10")
    assert ex10 is not None, "exercise-10's checks are missing"
    solved = grade([ex10], ROOT / "solutions", seed=11).exercises[0]
    lost = [(c.name, c.status, c.message.en if c.message else "") for c in solved.checks if c.status != "passed"]
    assert not lost and solved.score == solved.max_score == 10
    stub = grade([ex10], ROOT / "exercises", seed=11).exercises[0]
    assert stub.score == 0 and stub.state == "not started"
