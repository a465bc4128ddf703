"""Delivery stores a message once and a copy per recipient (issue 9, DESIGN.md "Messages are
stored once"), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import hashlib

import pytest

from congvu.domain.errors import PolicyDenied
from tests.integration.store.conftest import Stack, blob_files, envelope, message


async def test_three_recipients_share_one_blob_and_get_their_own_trace(stack: Stack) -> None:
    a, b, c = [await stack.account(n) for n in ("an", "binh", "chi")]
    raw = message()
    receipt = await stack.delivery.deliver(envelope(a, b, c), raw)
    assert receipt.copies == 3
    assert receipt.blob_id == hashlib.sha256(raw).hexdigest()
    files = blob_files(stack.blob_root)
    assert [f.name for f in files] == [receipt.blob_id]
    assert files[0].read_bytes() == raw
    for account in (a, b, c):
        snapshot = await stack.mailboxes.open_folder(account.id, "INBOX")
        assert snapshot is not None
        assert [m.uid for m in snapshot.messages] == [1]
        served = await stack.mailboxes.read_message(snapshot.summary.id, 1)
        assert served is not None
        assert served.endswith(raw)
        trace = served[: -len(raw)]
        assert trace.startswith(b"Return-Path: <vanthu@sonla.gov.vn>\r\n")
        assert f"Delivered-To: {account.address}\r\n".encode() in trace
        assert f"for <{account.address}>;".encode() in trace
        assert snapshot.messages[0].size == len(served)
        assert snapshot.summary.exists == 1
        assert snapshot.summary.unseen == 1
        assert snapshot.summary.uidnext == 2


async def test_fragments_are_served_from_ingest(stack: Stack) -> None:
    a = await stack.account("an")
    await stack.delivery.deliver(envelope(a), message(subject="Họp giao ban"))
    snapshot = await stack.mailboxes.open_folder(a.id, "INBOX")
    assert snapshot is not None
    [fragments] = await stack.mailboxes.fragments(snapshot.summary.id, [1, 7])
    assert fragments.uid == 1
    assert fragments.envelope.startswith(b'("Wed, 25 Nov 2026 09:00:00 +0700"')
    assert b"text" in fragments.bodystructure.lower()
    assert fragments.header_fields["subject"].startswith(b"Subject: ")
    assert fragments.trace.startswith(b"Return-Path:")


async def test_fan_out_to_500_is_one_blob_and_500_rows(stack: Stack) -> None:
    accounts = [await stack.account(f"u{i:03d}") for i in range(500)]
    first = await stack.delivery.deliver(envelope(*accounts), message(size=20_000))
    second = await stack.delivery.deliver(envelope(*accounts), message(subject="Lần 2", size=20_000))
    assert first.copies == second.copies == 500
    assert len(blob_files(stack.blob_root)) == 2
    for account in (accounts[0], accounts[250], accounts[499]):
        snapshot = await stack.mailboxes.open_folder(account.id, "INBOX")
        assert snapshot is not None
        assert [m.uid for m in snapshot.messages] == [1, 2]
        assert [m.modseq for m in snapshot.messages] == [1, 2]


async def test_concurrent_deliveries_are_each_stored_once(stack: Stack) -> None:
    a, b = await stack.account("an"), await stack.account("binh")
    raws = [message(subject=f"Công văn số {i}") for i in range(120)]
    receipts = await asyncio.gather(*(stack.delivery.deliver(envelope(a, b), raw) for raw in raws))
    assert {r.blob_id for r in receipts} == {hashlib.sha256(raw).hexdigest() for raw in raws}
    assert stack.delivery.writer.batches < 120  # some deliveries shared a commit
    for account in (a, b):
        snapshot = await stack.mailboxes.open_folder(account.id, "INBOX")
        assert snapshot is not None
        assert [m.uid for m in snapshot.messages] == list(range(1, 121))
        bodies = [await stack.mailboxes.read_message(snapshot.summary.id, m.uid) for m in snapshot.messages]
        assert sorted(hashlib.sha256(b.split(b"\r\n", 5)[-1]).hexdigest() for b in bodies if b) == sorted(
            r.blob_id for r in receipts
        )


async def test_same_account_twice_gets_one_copy(stack: Stack) -> None:
    a = await stack.account("an")
    receipt = await stack.delivery.deliver(envelope(a, a), message())
    assert receipt.copies == 1


async def test_quota_is_counted_with_each_copy_and_enforced(stack: Stack) -> None:
    small = await stack.account("nho", quota=30_000)
    big = await stack.account("lon")
    raw = message(size=12_000)
    await stack.delivery.deliver(envelope(small, big), raw)
    used, limit = await stack.mailboxes.quota_usage(small.id)
    snapshot = await stack.mailboxes.open_folder(small.id, "INBOX")
    assert snapshot is not None
    assert limit == 30_000
    assert used == sum(m.size for m in snapshot.messages) > len(raw)
    await stack.delivery.deliver(envelope(small, big), message(subject="2", size=12_000))
    partial = await stack.delivery.deliver(envelope(small, big), message(subject="3", size=12_000))
    assert partial.copies == 1
    assert partial.over_quota == (small.address,)
    with pytest.raises(PolicyDenied) as denied:
        await stack.delivery.deliver(envelope(small), message(subject="4", size=12_000))
    assert [v.rule for v in denied.value.decision.violations] == ["SL25-11.2"]
    used_after, _ = await stack.mailboxes.quota_usage(small.id)
    assert used_after <= 30_000


async def test_quota_moves_only_with_a_committed_copy(stack: Stack) -> None:
    """Quota, blob row, UIDs and copies are one transaction: a failed commit changes none."""
    from sqlalchemy import select, update

    from congvu.domain.errors import TemporaryFailure
    from congvu.store.sql.schema import blobs, folders

    a = await stack.account("an", quota=10_000_000)
    await stack.delivery.deliver(envelope(a), message(subject="1"))
    used, _ = await stack.mailboxes.quota_usage(a.id)
    with stack.meta.engine.begin() as conn:  # sabotage: the next UID collides with UID 1
        conn.execute(
            update(folders).where(folders.c.account_id == a.id, folders.c.name == "INBOX").values(uidnext=1)
        )
    with pytest.raises(TemporaryFailure):
        await stack.delivery.deliver(envelope(a), message(subject="2"))
    assert await stack.mailboxes.quota_usage(a.id) == (used, 10_000_000)
    with stack.meta.engine.begin() as conn:
        assert conn.execute(select(blobs.c.id)).all() != []
        assert len(conn.execute(select(blobs.c.id)).all()) == 1  # the failed message left no row
        uidnext = conn.execute(
            select(folders.c.uidnext).where(folders.c.account_id == a.id, folders.c.name == "INBOX")
        ).scalar_one()
    assert uidnext == 1  # the UID allocation was rolled back with the rest
