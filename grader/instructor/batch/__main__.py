"""``python -m grader.instructor.batch``: the same as ``grade batch``."""
import sys

from grader.instructor.batch.command import main

sys.exit(main())
