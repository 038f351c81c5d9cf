"""What the tests look for after grading: learner processes that should be gone."""
from __future__ import annotations

from pathlib import Path


def processes_with_argument(argument: str) -> list[int]:
    """Live (not zombie) processes with ``argument`` as one of their command-line arguments."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and argument.encode() in (entry / "cmdline").read_bytes().split(b"\0") \
                    and " Z " not in (entry / "stat").read_text():
                found.append(int(entry.name))
        except OSError:
            pass
    return found
