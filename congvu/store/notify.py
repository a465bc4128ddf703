"""In-process change notification (`congvu.ports.Notifier`), the single-node default.

Publishers may run on any thread (the group-commit writer publishes after each commit); each
subscriber is called on the event loop it subscribed from, via ``call_soon_threadsafe``, so IDLE
sessions never see a foreign thread. Across machines a PostgreSQL LISTEN/NOTIFY or NATS adapter
implements the same port.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from congvu.ports import FolderChange

Callback = Callable[[FolderChange], None]


class InProcessNotifier:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[int, tuple[asyncio.AbstractEventLoop | None, Callback]] = {}
        self._next = 0

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        with self._lock:
            key = self._next
            self._next += 1
            self._subscribers[key] = (loop, callback)

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers.pop(key, None)

        return unsubscribe

    def publish(self, change: FolderChange) -> None:
        with self._lock:
            targets = list(self._subscribers.values())
        for loop, callback in targets:
            if loop is None:
                callback(change)
            elif not loop.is_closed():
                loop.call_soon_threadsafe(callback, change)
