# Lingering threads and processes, a changed directory and environment.
import os
import subprocess
import threading

_child = subprocess.Popen(["sleep", "300.271828"], start_new_session=True)  # found by its argument
# a thread that never ends (blocked, not spinning: a spinning one would slow the checks themselves
# down, a time-out on a loaded machine that is the module's own doing, not what this case tests)
threading.Thread(target=threading.Event().wait, daemon=False).start()
os.chdir("/")
os.environ["MPLBACKEND"] = "nonexistent"
os.environ["PYTHONPATH"] = "/nowhere"
