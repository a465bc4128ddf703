"""Content-addressed message blobs as files on disk (`congvu.ports.BlobStore`), group-fsynced.

Layout: ``<root>/<d0d1>/<digest>`` where `digest` is the hex SHA-256 of the raw message, and
``<root>/tmp/`` for files being written. A message to 500 mailboxes is one file (issue 9).

Durability (docs/storage.md): `put_many` writes each blob to a temporary file, fdatasyncs it,
renames it into place and finally fsyncs every directory that gained a name, all before it
returns. The caller commits the SQL rows only afterwards, so a committed row never points at a
missing or partial file; after a crash, a blob without a row (or a stray temporary file) is
garbage, removed by `digests()` / the start-up collection. Between `put_many` and `release` a
digest is pinned: `delete_many` (expunge of the last copy of identical content) skips it, so a
delivery that re-uses the digest in flight never loses its file. The fsyncs of one batch run in a
small thread pool: the kernel merges them into few journal commits, so a batch of 50 blobs
costs little more than one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_HEX = frozenset("0123456789abcdef")


class FileBlobStore:
    """Blobs under `root` (created if missing). Thread-safe: concurrent writers use unique temps."""

    def __init__(self, root: Path, *, fsync: bool = True, fsync_threads: int = 8) -> None:
        self.root = Path(root)
        self.tmp = self.root / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        self._fsync = fsync
        self._pool = ThreadPoolExecutor(max_workers=fsync_threads, thread_name_prefix="blob-fsync")
        self._lock = threading.Lock()
        self._pinned: Counter[str] = Counter()

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def path(self, digest: str) -> Path:
        if len(digest) != 64 or not set(digest) <= _HEX:
            raise ValueError(f"not a blob digest: {digest!r}")
        return self.root / digest[:2] / digest

    # -- writing ---------------------------------------------------------------------------

    def _write_one(self, item: tuple[Path, bytes]) -> Path:
        """Write one blob to a temporary file, fdatasync it and rename it into place (one pool
        task per blob, so each blob costs the writer thread no GIL hand-over)."""
        target, data = item
        temp = self.tmp / f"{secrets.token_hex(8)}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if self._fsync:
                os.fdatasync(fd)
        finally:
            os.close(fd)
        try:
            os.rename(temp, target)
        except FileNotFoundError:
            target.parent.mkdir(exist_ok=True)
            os.rename(temp, target)
            return self.root  # the new fan-out directory's own entry must be made durable too
        return target.parent

    def put_many(self, blobs: Sequence[tuple[str, bytes]]) -> None:
        unique = dict(blobs)
        with self._lock:
            self._pinned.update(unique.keys())
        items = [(self.path(digest), data) for digest, data in unique.items()]
        if len(items) == 1:
            dirs = {self._write_one(items[0]), items[0][0].parent}
        else:
            dirs = set(self._pool.map(self._write_one, items)) | {target.parent for target, _ in items}
        if self._fsync:
            if len(dirs) == 1:
                _fsync_dir(dirs.pop())
            else:
                list(self._pool.map(_fsync_dir, sorted(dirs)))

    # -- reading and removal ---------------------------------------------------------------

    def get(self, digest: str) -> bytes | None:
        try:
            return self.path(digest).read_bytes()
        except FileNotFoundError:
            return None

    def release(self, digests: Iterable[str]) -> None:
        with self._lock:
            self._pinned.subtract(digests)
            for digest in [d for d, n in self._pinned.items() if n <= 0]:
                del self._pinned[digest]

    def delete_many(self, digests: Iterable[str]) -> None:
        with self._lock:  # a pinned blob is about to be referenced by a commit in flight
            for digest in digests:
                if self._pinned[digest] <= 0:
                    self.path(digest).unlink(missing_ok=True)

    def digests(self, *, older_than: float | None = None) -> Iterator[str]:
        """Stored digests (files older than `older_than` only, when given); stray temporaries of
        that age are removed on the way. Files that vanish meanwhile (another process renamed
        or removed them) are skipped."""
        for temp in self.tmp.iterdir():
            with contextlib.suppress(FileNotFoundError):
                if older_than is None or temp.stat().st_mtime < older_than:
                    temp.unlink()
        for sub in self.root.iterdir():
            if sub.name == "tmp" or not sub.is_dir():
                continue
            for entry in os.scandir(sub):
                try:
                    if older_than is None or entry.stat().st_mtime < older_than:
                        yield entry.name
                except FileNotFoundError:
                    continue


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
