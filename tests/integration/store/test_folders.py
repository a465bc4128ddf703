"""Folder operations on SQLite and PostgreSQL: CREATE/RENAME/DELETE, APPEND, COPY and MOVE share
blobs and keep reference counts and quota right (RFC 9051 §6.3–6.4, RFC 6851, RFC 4315)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from congvu.domain.errors import Conflict, NotFound, PolicyDenied
from tests.integration.store.conftest import Stack, blob_files, envelope, message


async def _folder_id(stack: Stack, account_id: int, name: str) -> int:
    snapshot = await stack.mailboxes.open_folder(account_id, name)
    assert snapshot is not None
    return snapshot.summary.id


async def test_create_rename_delete(stack: Stack) -> None:
    a = await stack.account("an")
    created = await stack.mailboxes.create_folder(a.id, "Dự án")
    await stack.mailboxes.create_folder(a.id, "Dự án/2026")
    assert created.uidnext == 1
    assert created.uidvalidity > 0
    with pytest.raises(Conflict):
        await stack.mailboxes.create_folder(a.id, "Dự án")
    with pytest.raises(Conflict):
        await stack.mailboxes.create_folder(a.id, "inbox")
    await stack.mailboxes.rename_folder(a.id, "Dự án", "Lưu trữ")
    names = [f.name for f in await stack.mailboxes.list_folders(a.id)]
    assert "Lưu trữ" in names
    assert "Lưu trữ/2026" in names
    assert "Dự án" not in names
    with pytest.raises(NotFound):
        await stack.mailboxes.delete_folder(a.id, "Dự án")
    with pytest.raises(Conflict):
        await stack.mailboxes.delete_folder(a.id, "INBOX")
    await stack.mailboxes.delete_folder(a.id, "Lưu trữ/2026")
    assert "Lưu trữ/2026" not in [f.name for f in await stack.mailboxes.list_folders(a.id)]


async def test_recreated_folder_gets_a_larger_uidvalidity(stack: Stack) -> None:
    a = await stack.account("an")
    first = await stack.mailboxes.create_folder(a.id, "X")
    await stack.mailboxes.delete_folder(a.id, "X")
    second = await stack.mailboxes.create_folder(a.id, "X")
    assert second.uidvalidity > first.uidvalidity


async def test_append_stores_without_trace_and_counts_quota(stack: Stack) -> None:
    a = await stack.account("an", quota=50_000)
    raw = message(subject="Bản nháp", size=20_000)
    when = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    appended = await stack.mailboxes.append(a.id, "Sent", raw, flags=["\\Seen"], internal_date=when)
    assert appended.uid == 1
    assert await stack.mailboxes.read_message(appended.folder_id, 1) == raw
    snapshot = await stack.mailboxes.open_folder(a.id, "Sent")
    assert snapshot is not None
    assert snapshot.summary.uidvalidity == appended.uidvalidity
    [meta] = snapshot.messages
    assert meta.flags == ("\\Seen",)
    assert meta.internal_date == when
    assert meta.size == len(raw)
    assert (await stack.mailboxes.quota_usage(a.id))[0] == len(raw)
    assert await stack.mailboxes.search_text(appended.folder_id, "ban nhap") == [1]
    with pytest.raises(NotFound):
        await stack.mailboxes.append(a.id, "Không có", raw)
    await stack.mailboxes.append(a.id, "Sent", message(subject="2", size=20_000))
    with pytest.raises(PolicyDenied):
        await stack.mailboxes.append(a.id, "Sent", message(subject="3", size=20_000))


async def test_copy_and_move_share_the_blob_and_keep_refcounts(stack: Stack) -> None:
    a = await stack.account("an")
    receipt = await stack.delivery.deliver(envelope(a), message())
    inbox = await _folder_id(stack, a.id, "INBOX")
    trash = await _folder_id(stack, a.id, "Trash")
    archive = (await stack.mailboxes.create_folder(a.id, "Archive")).id
    assert await stack.mailboxes.copy(inbox, [1, 5], archive) == [(1, 1)]
    assert await stack.mailboxes.move(inbox, [1], trash) == [(1, 1)]
    assert (await stack.mailboxes.open_folder(a.id, "INBOX")).messages == []  # type: ignore[union-attr]
    original = await stack.mailboxes.read_message(trash, 1)
    assert original == await stack.mailboxes.read_message(archive, 1)
    assert original is not None
    assert b"Delivered-To: an@sonla.gov.vn" in original
    used, _ = await stack.mailboxes.quota_usage(a.id)
    assert used == 2 * len(original)
    assert [f.name for f in blob_files(stack.blob_root)] == [receipt.blob_id]
    await stack.mailboxes.expunge(trash, [1])
    assert [f.name for f in blob_files(stack.blob_root)] == [receipt.blob_id]
    await stack.mailboxes.delete_folder(a.id, "Archive")
    assert blob_files(stack.blob_root) == []
    assert (await stack.mailboxes.quota_usage(a.id))[0] == 0


async def test_copy_into_a_full_mailbox_is_refused(stack: Stack) -> None:
    a = await stack.account("an", quota=30_000)
    await stack.delivery.deliver(envelope(a), message(size=20_000))
    inbox = await _folder_id(stack, a.id, "INBOX")
    trash = await _folder_id(stack, a.id, "Trash")
    with pytest.raises(PolicyDenied) as denied:
        await stack.mailboxes.copy(inbox, [1], trash)
    assert denied.value.decision.violations[0].rule == "SL25-11.2"
    assert (await stack.mailboxes.open_folder(a.id, "Trash")).messages == []  # type: ignore[union-attr]
