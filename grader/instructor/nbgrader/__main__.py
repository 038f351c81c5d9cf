"""``python -m grader.instructor.nbgrader``: the same as ``grade nbgrader``."""
import sys

from grader.instructor.nbgrader.cli import main

sys.exit(main())
