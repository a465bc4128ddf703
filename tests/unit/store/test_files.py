"""File blob store (congvu.store.blobs.files): content-addressed, idempotent, pinned while a
commit is in flight, and garbage (temporaries, unknown files) is listable for collection."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from congvu.store import FileBlobStore


def _blob(data: bytes) -> tuple[str, bytes]:
    return hashlib.sha256(data).hexdigest(), data


def test_put_get_delete_round_trip(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    items = [_blob(b"a" * 10), _blob(b"b" * 100_000), _blob(b"a" * 10)]
    store.put_many(items)
    store.release(d for d, _ in items)
    for digest, data in items:
        assert store.get(digest) == data
        assert store.path(digest).parent.name == digest[:2]
    store.delete_many([items[0][0]])
    assert store.get(items[0][0]) is None
    assert sorted(store.digests()) == [items[1][0]]
    store.close()


def test_a_pinned_blob_survives_delete_until_released(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    digest, data = _blob(b"circular")
    store.put_many([(digest, data)])
    store.delete_many([digest])  # an expunge of identical content while a delivery is in flight
    assert store.get(digest) == data
    store.release([digest])
    store.delete_many([digest])
    assert store.get(digest) is None
    store.close()


def test_digests_discards_temporaries_and_respects_age(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    digest, data = _blob(b"old")
    store.put_many([(digest, data)])
    (tmp_path / "tmp" / "abandoned.tmp").write_bytes(b"half")
    assert list(store.digests(older_than=time.time() - 3600)) == []
    assert (tmp_path / "tmp" / "abandoned.tmp").exists()
    old = time.time() - 7200
    os.utime(store.path(digest), (old, old))
    assert list(store.digests(older_than=time.time() - 3600)) == [digest]
    assert list(store.digests()) == [digest]
    assert not (tmp_path / "tmp" / "abandoned.tmp").exists()
    store.close()


def test_refuses_what_is_not_a_digest(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path)
    with pytest.raises(ValueError, match="not a blob digest"):
        store.get("../../etc/passwd")
    store.close()
