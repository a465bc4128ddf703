"""Crash safety (issue 9 item 3, docs/storage.md "Durability"): SIGKILL a process in the middle
of concurrent deliveries, several times; every message that was acknowledged (its DATA would
have got 250) is stored exactly once per recipient and intact, nothing half-written is visible,
and blobs without rows are collected at the next start."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from congvu.delivery.ingest import recover
from congvu.store import FileBlobStore, open_metastore, upgrade
from tests.integration.store.crash_worker import RECIPIENTS, crash_message

ROOT = Path(__file__).resolve().parents[3]
RUNS = 3
ACKS_BEFORE_KILL = 60


def _run_until_killed(url: str, blob_root: Path, run: int) -> dict[int, str]:
    acked: dict[int, str] = {}
    with subprocess.Popen(
        [sys.executable, "-m", "tests.integration.store.crash_worker", url, str(blob_root), str(run)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        for line in proc.stdout:
            if line.startswith("ACK "):
                _, n, digest = line.split()
                acked[int(n)] = digest
                if len(acked) >= ACKS_BEFORE_KILL:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
        for line in proc.stdout:  # acknowledgements written before the kill landed
            if line.startswith("ACK "):
                _, n, digest = line.split()
                acked[int(n)] = digest
        proc.wait()
        stderr = proc.stderr.read()
    assert len(acked) >= ACKS_BEFORE_KILL, stderr
    return acked


@pytest.mark.slow
def test_sigkill_during_deliveries_loses_and_duplicates_nothing(database_url: str, tmp_path: Path) -> None:
    upgrade(database_url)
    blob_root = tmp_path / "blobs"
    acked = {run: _run_until_killed(database_url, blob_root, run) for run in range(RUNS)}

    meta = open_metastore(database_url)
    blobs = FileBlobStore(blob_root)
    try:
        recover(meta, blobs)  # what the next start does
        on_disk = {p.name for p in blob_root.glob("??/*")}
        assert not list((blob_root / "tmp").iterdir())
        for address in RECIPIENTS:
            account = meta.find_account(address)
            assert account is not None
            found = meta.snapshot(account.ref.id, "INBOX")
            assert found is not None
            folder, copies = found
            digests: Counter[str] = Counter()
            for uid, _modseq, _flags, _date, size in copies:
                location = meta.copy_location(folder.id, uid)
                assert location is not None
                assert location.digest in on_disk  # never a row without its blob
                data = blobs.get(location.digest)
                assert data is not None
                assert hashlib.sha256(data).hexdigest() == location.digest  # intact
                assert size == len(location.trace) + len(data)
                digests[location.digest] += 1
            assert max(digests.values()) == 1  # nothing twice
            for run, messages in acked.items():
                for n, digest in messages.items():
                    assert digest == hashlib.sha256(crash_message(run, n)).hexdigest()
                    assert digests[digest] == 1, (address, run, n)
        # every file on disk is referenced: orphans of the killed batches were collected
        assert meta.known_digests(sorted(on_disk)) == on_disk
    finally:
        meta.close()
        blobs.close()
