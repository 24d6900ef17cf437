"""Work done in a daemon thread, its result waited for when it is needed.

A command stopped while such work goes on (Ctrl-C, an error) exits at once: the
interpreter does not wait for daemon threads. Only work that writes nothing runs
this way: a build's store being loaded, queries.

Example:
    >>> job = Background(lambda: 6 * 7, "answer")
    >>> job.result()
    42
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``work()`` running in a daemon thread named ``name``; :meth:`result` waits for it."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None
        self._work = work
        threading.Thread(target=self._run, name=name, daemon=True).start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # handed to whoever waits for the result
            self._error = exc
        finally:
            self._done.set()

    def result(self) -> T:
        """The work's value once it is done; its exception, raised here, if it failed."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
