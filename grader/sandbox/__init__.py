"""How learner code runs: in a confined worker process, reached over a pipe that carries data only.

Nothing here decides a verdict. ``platform`` decides once what this OS offers; the worker
(``worker``) splits off its ``keeper``, confines itself (``confine``) and serves requests that
checks send through a ``proxy``.
"""
