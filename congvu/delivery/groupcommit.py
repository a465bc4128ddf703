"""Group commit: one writer thread turns whatever queued meanwhile into one durable batch.

Issue 9 and DESIGN.md "Performance by design": concurrent deliveries share their fsyncs and
their SQL transaction. There is **no timer**: the writer blocks for the first job, then takes
every job that queued while the previous batch was being made durable, up to `max_items` jobs
or `max_bytes` bytes, and commits them together. Under light load a batch is one message (no
added latency); under heavy load batches grow by themselves. Each job's asyncio future is
resolved on its own loop (``call_soon_threadsafe``) only after the whole batch is durable, so a
DATA command is answered 250 only then.

A clean `stop()` lets the writer drain every queued job before it exits; jobs submitted after
`stop()` fail at once with `TemporaryFailure` (SMTP 451, the client retries).
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from congvu.domain.errors import TemporaryFailure

log = logging.getLogger(__name__)

J = TypeVar("J")
R = TypeVar("R")

CommitFn = Callable[[Sequence[J]], Sequence[R]]


@dataclass(slots=True)
class _Pending(Generic[J, R]):
    job: J
    weight: int
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[R]


_STOP = object()


class GroupCommitter(Generic[J, R]):
    """Run `commit(jobs) -> results` (one result per job, same order) on a writer thread."""

    def __init__(
        self,
        commit: CommitFn[J, R],
        *,
        max_items: int = 64,
        max_bytes: int = 8 * 1024 * 1024,
        name: str = "writer",
    ) -> None:
        self._commit = commit
        self._max_items = max_items
        self._max_bytes = max_bytes
        self._queue: queue.SimpleQueue[_Pending[J, R] | object] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._accepting = False
        self._lock = threading.Lock()
        self.batches = 0  # statistics for benchmarks and logs
        self.jobs = 0

    def start(self) -> None:
        with self._lock:
            self._accepting = True
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting jobs, let the writer drain what is queued, and wait for it."""
        with self._lock:
            if not self._accepting:
                return
            self._accepting = False
            self._queue.put(_STOP)
        self._thread.join()

    async def submit(self, job: J, weight: int = 0) -> R:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        with self._lock:
            if not self._accepting:
                raise TemporaryFailure("store is not accepting deliveries (shutting down)")
            self._queue.put(_Pending(job, weight, loop, future))
        return await future

    # -- writer thread ----------------------------------------------------------------------

    def _run(self) -> None:
        stopping = False
        carry: _Pending[J, R] | None = None
        while True:
            if carry is not None:
                first: _Pending[J, R] | object = carry
                carry = None
            elif stopping:
                try:
                    first = self._queue.get_nowait()
                except queue.Empty:
                    return
            else:
                first = self._queue.get()
            if first is _STOP:
                stopping = True
                continue
            assert isinstance(first, _Pending)
            batch: list[_Pending[J, R]] = [first]
            size = first.weight
            while len(batch) < self._max_items and size < self._max_bytes:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stopping = True
                    continue
                assert isinstance(item, _Pending)
                if size + item.weight > self._max_bytes:
                    carry = item
                    break
                batch.append(item)
                size += item.weight
            self._commit_batch(batch)

    def _commit_batch(self, batch: list[_Pending[J, R]]) -> None:
        try:
            results = self._commit([p.job for p in batch])
            if len(results) != len(batch):
                raise RuntimeError("commit returned a result count that differs from the batch")
        except Exception as exc:  # every job of the batch learns that nothing was committed
            log.exception("group commit of %d jobs failed", len(batch))
            failure = exc if isinstance(exc, TemporaryFailure) else TemporaryFailure(str(exc))
            failed: list[Outcome[J, R]] = [(p, None, failure) for p in batch]
            _resolve_all(failed)
            return
        self.batches += 1
        self.jobs += len(batch)
        done: list[Outcome[J, R]] = [
            (p, None, r) if isinstance(r, BaseException) else (p, r, None)
            for p, r in zip(batch, results, strict=True)
        ]
        _resolve_all(done)


Outcome = tuple[_Pending[J, R], R | None, BaseException | None]


def _resolve_all(outcomes: list[Outcome[J, R]]) -> None:
    """Settle each future on its own loop: one ``call_soon_threadsafe`` per loop per batch (each
    call wakes the loop through a pipe and costs the writer a GIL hand-over)."""
    by_loop: dict[asyncio.AbstractEventLoop, list[Outcome[J, R]]] = {}
    for outcome in outcomes:
        by_loop.setdefault(outcome[0].loop, []).append(outcome)
    for loop, items in by_loop.items():
        if not loop.is_closed():
            loop.call_soon_threadsafe(_settle, items)


def _settle(items: list[Outcome[J, R]]) -> None:
    for pending, result, error in items:
        if pending.future.done():  # the waiting task was cancelled (client went away)
            continue
        if error is not None:
            pending.future.set_exception(error)
        else:
            pending.future.set_result(result)  # type: ignore[arg-type]
