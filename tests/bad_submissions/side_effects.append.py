# Lingering threads and processes, a changed directory and environment.
import os
import subprocess
import threading

_child = subprocess.Popen(["sleep", "300.271828"], start_new_session=True)  # found by its argument
threading.Thread(target=lambda: [None for _ in iter(int, 1)], daemon=False).start()
os.chdir("/")
os.environ["MPLBACKEND"] = "nonexistent"
os.environ["PYTHONPATH"] = "/nowhere"
