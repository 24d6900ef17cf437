"""Ctrl-C stops any command within a second, with exit code 130.

Python handles SIGINT between bytecodes of the main thread: a query running
inside pyoxigraph (Rust) does not return to Python until it is done, so
Ctrl-C alone would wait for it, for minutes. :func:`install` makes the C-level
signal handler also write to a pipe that a daemon thread reads (Python's
``signal.set_wakeup_fd``); the thread gives the main thread :data:`GRACE`
seconds to stop the usual way (``KeyboardInterrupt``: files being written are
removed, nothing half-written is left), and then ends the process itself.
A second Ctrl-C ends it at once.
"""

from __future__ import annotations

import os
import select
import signal
import threading

#: Seconds the main thread has to stop on its own after Ctrl-C.
GRACE = 0.8
#: The exit code of a command stopped by Ctrl-C (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130
MESSAGE = b"kg: interrupted\n"

_installed = False


def install() -> None:
    """Watch for Ctrl-C in a daemon thread (once per process; main thread only)."""
    global _installed
    if _installed or threading.current_thread() is not threading.main_thread():
        return
    read, write = os.pipe()
    os.set_blocking(write, False)
    try:
        signal.set_wakeup_fd(write, warn_on_full_buffer=False)
    except ValueError:  # not the main interpreter: leave Ctrl-C to Python
        os.close(read)
        os.close(write)
        return
    _installed = True
    threading.Thread(target=_watch, args=(read,), name="kg-interrupt", daemon=True).start()


def _watch(read: int) -> None:
    """Wait for SIGINT; after :data:`GRACE` seconds (or a second one) end the process."""
    while signal.SIGINT not in os.read(read, 64):
        pass
    select.select([read], [], [], GRACE)  # a second Ctrl-C ends the wait
    os.write(2, MESSAGE)
    os._exit(EXIT_INTERRUPTED)
