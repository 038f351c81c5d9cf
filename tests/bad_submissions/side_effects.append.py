# Lingering threads and processes, a changed directory and environment.
import os
import subprocess
import threading
from pathlib import Path

_here = Path(__file__).resolve().parent
_child = subprocess.Popen(["sleep", "300"], start_new_session=True)
(_here / "child.pid").write_text(str(_child.pid))
threading.Thread(target=lambda: [None for _ in iter(int, 1)], daemon=False).start()
os.chdir("/")
os.environ["MPLBACKEND"] = "nonexistent"
os.environ["PYTHONPATH"] = "/nowhere"
