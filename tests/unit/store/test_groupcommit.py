"""Group commit (congvu.delivery.groupcommit): jobs that queue while a commit runs share the
next one, no job is answered before its batch committed, a failed batch fails each of its jobs,
and stop() drains what was queued."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import pytest

from congvu.delivery.groupcommit import GroupCommitter
from congvu.domain.errors import TemporaryFailure


class Recorder:
    def __init__(self, gate: threading.Event | None = None, fail_on: int | None = None) -> None:
        self.batches: list[list[int]] = []
        self.committed: set[int] = set()
        self.gate = gate
        self.fail_on = fail_on

    def __call__(self, jobs: Sequence[int]) -> list[int]:
        if self.gate is not None:
            self.gate.wait(5)
        if self.fail_on is not None and self.fail_on in jobs:
            raise OSError("disk full")
        self.batches.append(list(jobs))
        self.committed.update(jobs)
        return [j * 10 for j in jobs]


async def test_jobs_queued_during_a_commit_share_the_next_batch() -> None:
    gate = threading.Event()
    recorder = Recorder(gate)
    committer: GroupCommitter[int, int] = GroupCommitter(recorder, max_items=64)
    committer.start()
    first = asyncio.ensure_future(committer.submit(0))
    await asyncio.sleep(0.05)  # the writer now holds job 0 and waits at the gate
    rest = [asyncio.ensure_future(committer.submit(i)) for i in range(1, 11)]
    await asyncio.sleep(0.05)
    assert not any(f.done() for f in [first, *rest])  # nothing answered before its commit
    gate.set()
    results = await asyncio.gather(first, *rest)
    assert results == [i * 10 for i in range(11)]
    assert recorder.batches == [[0], list(range(1, 11))]
    committer.stop()


async def test_batches_are_capped_by_count_and_bytes() -> None:
    gate = threading.Event()
    recorder = Recorder(gate)
    committer: GroupCommitter[int, int] = GroupCommitter(recorder, max_items=4, max_bytes=300)
    committer.start()
    futures = [asyncio.ensure_future(committer.submit(i, weight=100)) for i in range(10)]
    await asyncio.sleep(0.05)
    gate.set()
    await asyncio.gather(*futures)
    assert all(len(b) <= 3 for b in recorder.batches)
    assert sorted(j for b in recorder.batches for j in b) == list(range(10))
    committer.stop()


async def test_a_failed_batch_fails_each_of_its_jobs_and_the_writer_goes_on() -> None:
    gate = threading.Event()
    recorder = Recorder(gate, fail_on=3)
    committer: GroupCommitter[int, int] = GroupCommitter(recorder, max_items=64)
    committer.start()
    blocker = asyncio.ensure_future(committer.submit(0))
    await asyncio.sleep(0.05)
    doomed = [asyncio.ensure_future(committer.submit(i)) for i in (2, 3, 4)]
    await asyncio.sleep(0.05)
    gate.set()
    assert await blocker == 0
    for future in doomed:
        with pytest.raises(TemporaryFailure):
            await future
    assert await committer.submit(5) == 50
    committer.stop()


async def test_stop_drains_queued_jobs_and_refuses_new_ones() -> None:
    gate = threading.Event()
    recorder = Recorder(gate)
    committer: GroupCommitter[int, int] = GroupCommitter(recorder)
    committer.start()
    futures = [asyncio.ensure_future(committer.submit(i)) for i in range(20)]
    await asyncio.sleep(0.05)
    stopper = asyncio.ensure_future(asyncio.to_thread(committer.stop))
    await asyncio.sleep(0.05)
    with pytest.raises(TemporaryFailure):
        await committer.submit(99)
    gate.set()
    await stopper
    assert await asyncio.gather(*futures) == [i * 10 for i in range(20)]
    assert recorder.committed == set(range(20))
