"""``grade nbgrader COURSE_DIR``: the exercises as an nbgrader course.

For every exercise it writes ``source/exercise-NN/exercise-NN.ipynb``:

* a read-only markdown introduction: the stub's teaching text (its module docstring);
* the stub's code, one cell per function or class.  Each ``raise NotImplementedError``
  of the stub becomes the reference code (from ``solutions/``) between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION``; ``nbgrader generate_assignment``
  puts ``raise NotImplementedError`` back (``ClearSolutions.code_stub``), so the
  released notebook holds exactly the stub.  Module-level helpers of the reference
  (imports, constants, small functions) go inside the solution regions that use them;
* one autograded test cell per check, worth the check's points, that runs the kit's
  check against the notebook's own definitions in the student's kernel, as feedback (see
  :mod:`grader.checking.notebook`); hidden checks sit between ``### BEGIN HIDDEN TESTS``
  and ``### END HIDDEN TESTS``.

and ``nbgrader_config.py`` (course id, ``python3`` kernel, time limit per cell,
the code stub, and the autograding steps of :mod:`.autograde`: ``nbgrader autograde``
grades each notebook's code with ``grade``, in its sandbox, never in a kernel, and gives
each test cell its check's verdict).  nbgrader itself is not needed to build the course.

The modules: :mod:`.merge` (stub and reference solution into cells' code),
:mod:`.cells` (the notebook's cells), :mod:`.module` (a submitted notebook as the
exercise's module), :mod:`.autograde` (nbgrader's autograding steps; imports nbgrader),
:mod:`.course` (writing the course and its config) and :mod:`.cli` (the command line).
See docs/nbgrader.md.
"""
from grader.instructor.nbgrader.cli import main

__all__ = ["main"]
