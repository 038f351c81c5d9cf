"""Auto-grader for the exercises of 'Deep Learning with Python' (Deep Learning from Scratch)."""
