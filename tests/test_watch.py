"""`grade --watch` re-grades on save and shows only what changed."""
import io
import threading
import time

from rich.console import Console

from grader import exercises
from grader.watch import watch

EX05 = exercises.find("5")


def test_watch_regrades_after_a_save_and_shows_the_change(tmp_path):
    module = tmp_path / EX05.filename
    module.write_text((exercises.ROOT / "exercises" / EX05.filename).read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)

    def learner_saves():
        time.sleep(1.0)
        module.write_text((exercises.ROOT / "solutions" / EX05.filename).read_text(encoding="utf-8"),
                          encoding="utf-8")

    saver = threading.Thread(target=learner_saves)
    saver.start()
    last = watch([EX05], tmp_path, seed=1, lang="en", console=console, interval=0.1, max_runs=2)
    saver.join()
    text = out.getvalue()
    assert last.full_marks
    assert "0/10" in text and "Score: 10/10" in text
    first, second = text.split("Score: 10/10")[0].rsplit("─", 1)[0], text.rsplit("─", 1)[-1]
    assert "not started" in first.lower()
    assert "✓" in second and "not started" not in second.lower()


def test_one_cause_is_explained_once_when_it_appears(tmp_path):
    module = tmp_path / EX05.filename
    module.write_text((exercises.ROOT / "solutions" / EX05.filename).read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)

    def learner_breaks_it():
        time.sleep(1.0)
        module.write_text("def sigmoid(x)\n    return x\n", encoding="utf-8")

    saver = threading.Thread(target=learner_breaks_it)
    saver.start()
    last = watch([EX05], tmp_path, seed=1, lang="en", console=console, interval=0.1, max_runs=2)
    saver.join()
    after = " ".join(out.getvalue().rsplit("Score: 10/10", 1)[-1].split())  # wrapped lines joined
    assert last.score == 0
    assert after.count("Syntax error") == 1  # explained once ...
    assert after.count("the same as above") == len(last.exercises[0].checks) - 1  # ... and named for the rest
