"""``nbgrader autograde`` with verdicts from outside the student's kernel.

nbgrader's own autograding runs every cell of a submission in a kernel and scores each test
cell by its outputs, so any cell could forge them (``run_check = lambda *a, **k: 1.0``).  The
config that ``grade nbgrader`` writes puts :class:`GradeInSandbox` where nbgrader's ``Execute``
was: for a notebook of the kit no kernel starts.  The notebook's code cells become the
exercise's module (:func:`grader.instructor.nbgrader.module.notebook_code`), ``grade`` grades it
in its sandboxed workers (official grading: public checks get fresh inputs too), and each test
cell ``check-NAME`` receives the outputs that give it the check's points, with the check's
feedback as ``grade`` renders it.  The verdict travels from ``grade`` to nbgrader in memory:
nothing a notebook's code can reach (its cells' outputs, files, the gradebook) is read back.

A test cell that is not one of the exercise's checks earns nothing (its output says so), and a
check whose cell the submission lost is put back at the end.  A notebook that is not one of the
kit's exercises runs in a kernel as nbgrader always does.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_output
from nbgrader import utils
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Unicode

from grader import exercises
from grader.i18n import LANGUAGES, T, detect_language
from grader.instructor.nbgrader.module import notebook_module
from grader.sandbox.guarantee import UNSAFE_OPTION, missing

PREFIX = "check-"


def autograde_preprocessors() -> list:
    """nbgrader's autograde preprocessors with :class:`GradeInSandbox` in place of ``Execute``."""
    from nbgrader.converters import Autograde

    default = list(Autograde.class_traits()["autograde_preprocessors"].default())
    if Execute not in default:
        raise RuntimeError("this nbgrader's autograde has no Execute step to replace")
    return [GradeInSandbox if step is Execute else step for step in default]


def sanitize_preprocessors() -> list:
    """nbgrader's sanitizing steps, with :class:`DropForgedMetadata` first and after ``DeduplicateIds``
    and ``OverwriteCells`` (which takes the ``grade_id`` off a cell the gradebook does not know: a test
    cell copied from another notebook, which nbgrader's next step would reject, failing the student)."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import DeduplicateIds, OverwriteCells

    steps = [DropForgedMetadata]
    for step in Autograde.class_traits()["sanitize_preprocessors"].default():
        steps += [step, DropForgedMetadata] if step in (DeduplicateIds, OverwriteCells) else [step]
    return steps


class DropForgedMetadata(NbGraderPreprocessor):
    """A submitted cell's nbgrader metadata that nbgrader would not accept is removed (a plain cell).

    nbgrader stops grading the whole class at the first cell whose metadata has an old or new
    schema version (``DeduplicateIds`` leaves ``{}`` on a copied test cell), and a cell with no
    ``grade_id`` fails the notebook; only the instructor's cells, from the gradebook, count anyway.
    """

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            return cell, resources
        try:
            if not isinstance(meta, dict) or not isinstance(meta.get("grade_id"), str):
                raise ValueError("no grade id")
            MetadataValidator().validate_cell(cell)
        except Exception as exc:  # noqa: BLE001 - whatever nbgrader would reject
            self.log.warning("Cell %s: nbgrader metadata dropped (%s)", index, str(exc).split("\n")[0][:200])
            del cell.metadata["nbgrader"]
        return cell, resources


def kit_exercise(notebook_id: str) -> exercises.Exercise | None:
    found = exercises.find(notebook_id)
    return found if found is not None and found.id == notebook_id else None


def grade_code(ex: exercises.Exercise, code: str, seed: int, official: bool):
    """``grade``'s report on ``code`` as the module of ``ex`` (in a private temporary folder)."""
    from grader.checking.runner import grade

    with tempfile.TemporaryDirectory(prefix="grader-nbgrader-") as tmp:
        folder = Path(tmp) / "notebook"
        folder.mkdir()
        os.chmod(tmp, 0o711)  # the worker may run as another user (from root); Landlock keeps others out
        os.chmod(folder, 0o755)
        (folder / ex.filename).write_text(code, encoding="utf-8")
        return grade([ex], folder, seed=seed, extra_args=("--official",) if official else ())


def in_cells(result, filename: str, origins: list[tuple[int, int]], lang: str) -> None:
    """The frames of ``result`` in the module's lines named by the notebook's cells ("cell 7", line 2)."""
    for frame in result.frames:
        number, line = origins[frame.lineno - 1] if 0 < frame.lineno <= len(origins) else (0, 0)
        if Path(frame.filename).name == filename and number:
            frame.filename, frame.lineno = T(f"cell {number}", f"셀 {number}").render(lang), line


def _error(text: str) -> NotebookNode:
    return new_output("error", ename="AssertionError", evalue=text.split("\n")[0], traceback=text.split("\n"))


def verdict_outputs(result, points: float, lang: str, seed: int) -> list[NotebookNode]:
    """A test cell's outputs for ``result``: nbgrader reads ``points * score / max`` from them."""
    from grader.checking.notebook import render_result

    if result is None:
        return [_error(T("This test cell is not one of the kit's checks for this notebook, so autograding "
                         "gives it no points; grade it by hand.",
                         "이 테스트 셀은 이 노트북에 대한 키트의 검사가 아니어서 자동 채점 점수가 없습니다. "
                         "직접 채점하세요.").render(lang))]
    earned = points * result.score / result.max_score if result.max_score > 0 else 0.0
    if result.score >= result.max_score:
        done = f"✓ {result.description.render(lang)}  {result.score:g}/{result.max_score:g}"
        lines = [done] + [T(f"Saved: {p}", f"저장됨: {p}").render(lang) for p in result.artifacts]
        return [new_output("stream", name="stdout", text="\n".join(lines) + "\n")]
    text = render_result(result, lang, seed)
    if earned <= 0:
        return [_error(text)]
    return [new_output("stream", name="stdout", text=text + "\n"),
            new_output("execute_result", data={"text/plain": repr(float(earned))}, execution_count=None)]


class GradeInSandbox(Execute):
    """nbgrader's ``Execute`` step, except that a kit notebook is graded by ``grade`` outside any kernel."""

    official = Bool(True, help="Official grading: public checks also run on fresh random inputs.").tag(config=True)
    unsafe_no_sandbox = Bool(False, help="Grade even where learner code cannot be confined (a submission "
                                         "could then forge its score).").tag(config=True)
    lang = Unicode("", help=f"Language of the feedback ({', '.join(LANGUAGES)}; default: as grade chooses).").tag(
        config=True)

    def preprocess(self, nb, resources, *args, **kwargs):
        ex = kit_exercise(resources["nbgrader"]["notebook"])
        if ex is None:
            self.log.warning("%s is not an exercise of the kit: it runs in a kernel, as nbgrader does",
                             resources["nbgrader"]["notebook"])
            return super().preprocess(nb, resources, *args, **kwargs)
        reason = missing()
        if reason is not None and not self.unsafe_no_sandbox:
            raise RuntimeError(f"Refusing to grade: learner code cannot be confined on this machine ({reason}), "
                               f"so a submission could forge its score (GradeInSandbox.unsafe_no_sandbox = True "
                               f"is the config's {UNSAFE_OPTION}).")
        from grader.seeds import run_seed

        lang = self.lang if self.lang in LANGUAGES else detect_language()
        seed = run_seed()
        code, origins = notebook_module(nb)
        report = grade_code(ex, code, seed, self.official)
        results = {PREFIX + check.name: check for check in report.exercises[0].checks}
        for check in results.values():
            in_cells(check, ex.filename, origins, lang)
        self.log.info("%s: %g/%g from grade (seed %s)", ex.id, report.exercises[0].score,
                      report.exercises[0].max_score, report.seed)
        present = set()
        for cell in nb.cells:
            if not utils.is_grade(cell):
                continue
            grade_id = cell.metadata.nbgrader.get("grade_id", "")
            present.add(grade_id)
            if cell.cell_type == "code" and not utils.is_solution(cell):  # an answer is graded by hand
                cell.outputs = verdict_outputs(results.get(grade_id), float(cell.metadata.nbgrader["points"]),
                                               lang, report.seed)
                cell.execution_count = None
        for grade_id, result in results.items():
            restored = None if grade_id in present else self._restored(resources, grade_id, result, lang, report.seed)
            if restored is not None:  # a deleted test cell still gets its check's points
                nb.cells.append(restored)
        return nb, resources

    def _restored(self, resources, grade_id: str, result, lang: str, seed: int) -> NotebookNode | None:
        from nbgrader.api import Gradebook, MissingEntry

        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            try:
                source = gradebook.find_source_cell(grade_id, info["notebook"], info["assignment"])
            except MissingEntry:  # the instructor's notebook has no cell for this check
                return None
            points = float(gradebook.find_graded_cell(grade_id, info["notebook"], info["assignment"]).max_score)
            cell = new_code_cell(source.source)
            cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "locked": True, "points": points,
                                         "schema_version": 3, "solution": False, "task": False,
                                         "checksum": source.checksum}
        cell.metadata["deletable"] = cell.metadata["editable"] = False
        cell.outputs = verdict_outputs(result, points, lang, seed)
        return cell
