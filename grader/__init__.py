"""Auto-grader for the exercises of 'Deep Learning with Python' (Deep Learning from Scratch)."""


def check(*args, **kwargs):
    """Grade this notebook's definitions: ``grader.check("exercise-05")``, or only the checks of one
    function: ``grader.check("exercise-05", "sigmoid")`` (see :func:`grader.jupyter.check`)."""
    from grader.jupyter import check as run  # on first use only: `import grader` stays cheap
    return run(*args, **kwargs)
