"""Loaded by every Python process of a test build (PYTHONPATH): records each
file opened and each socket connection through audit hooks, so a test can
prove a whole build (worker processes included) stayed inside its bounds."""
import os
import sys

_log = os.environ.get("CURRICULUM_AUDIT_LOG")
if _log:
    _fd = os.open(_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    def _hook(event, args):
        if event == "open" and isinstance(args[0], (str, bytes)):
            path = os.fsdecode(args[0])
            if os.sep not in path:  # a bare name: shutil.rmtree opening a folder's entry by its dir_fd
                os.write(_fd, ("open-entry\t" + path + "\n").encode("utf-8", "replace"))
                return
            os.write(_fd, ("open\t" + os.path.abspath(path) + "\n").encode("utf-8", "replace"))
        elif event == "socket.connect":
            os.write(_fd, ("connect\t" + repr(args[1]) + "\n").encode("utf-8", "replace"))
    sys.addaudithook(_hook)
