"""Mailbox changes and search on SQLite and PostgreSQL: flags, expunge with blob reference
counts, quota given back, Vietnamese-folded SEARCH TEXT (issue 9 items 4–5)."""

from __future__ import annotations

import asyncio

from congvu.ports import FolderChange
from tests.integration.store.conftest import Stack, blob_files, envelope, message


async def _inbox(stack: Stack, account_id: int) -> int:
    snapshot = await stack.mailboxes.open_folder(account_id, "INBOX")
    assert snapshot is not None
    return snapshot.summary.id


async def test_blob_is_removed_when_its_last_copy_is_expunged(stack: Stack) -> None:
    a, b = await stack.account("an"), await stack.account("binh")
    receipt = await stack.delivery.deliver(envelope(a, b), message())
    other = await stack.delivery.deliver(envelope(a), message(subject="Khác"))
    inbox_a, inbox_b = await _inbox(stack, a.id), await _inbox(stack, b.id)
    assert await stack.mailboxes.expunge(inbox_a, [1]) == [1]
    assert sorted(f.name for f in blob_files(stack.blob_root)) == sorted([receipt.blob_id, other.blob_id])
    assert await stack.mailboxes.read_message(inbox_b, 1) is not None
    assert await stack.mailboxes.expunge(inbox_b, [1]) == [1]
    assert [f.name for f in blob_files(stack.blob_root)] == [other.blob_id]
    assert stack.meta.known_digests([receipt.blob_id, other.blob_id]) == {other.blob_id}
    assert await stack.mailboxes.read_message(inbox_b, 1) is None


async def test_expunge_gives_quota_back_and_bumps_modseq(stack: Stack) -> None:
    a = await stack.account("an", quota=10_000_000)
    await stack.delivery.deliver(envelope(a), message(size=5000))
    await stack.delivery.deliver(envelope(a), message(subject="2", size=7000))
    inbox = await _inbox(stack, a.id)
    changed = await stack.mailboxes.set_flags(inbox, [1], ["\\Deleted", "\\Seen"], "add")
    assert [(m.uid, m.flags) for m in changed] == [(1, ("\\Deleted", "\\Seen"))]
    assert changed[0].modseq == 3
    used_before, _ = await stack.mailboxes.quota_usage(a.id)
    assert await stack.mailboxes.expunge(inbox) == [1]
    used_after, _ = await stack.mailboxes.quota_usage(a.id)
    snapshot = await stack.mailboxes.open_folder(a.id, "INBOX")
    assert snapshot is not None
    assert [m.uid for m in snapshot.messages] == [2]
    assert used_after == used_before - 5000 - (used_before - snapshot.messages[0].size - 5000)
    assert used_after == snapshot.messages[0].size
    assert snapshot.summary.highestmodseq == 4
    assert snapshot.summary.uidnext == 3


async def test_flags_set_add_remove(stack: Stack) -> None:
    a = await stack.account("an")
    await stack.delivery.deliver(envelope(a), message())
    inbox = await _inbox(stack, a.id)
    assert await stack.mailboxes.set_flags(inbox, [1], ["\\Seen"], "add")
    assert await stack.mailboxes.set_flags(inbox, [1], ["\\Seen"], "add") == []
    [flagged] = await stack.mailboxes.set_flags(inbox, [1], ["\\Flagged", "$Label1"], "set")
    assert flagged.flags == ("\\Flagged", "$Label1")
    [removed] = await stack.mailboxes.set_flags(inbox, [1], ["\\Flagged"], "remove")
    assert removed.flags == ("$Label1",)
    folders = await stack.mailboxes.list_folders(a.id)
    assert folders[0].unseen == 1


async def test_search_folds_vietnamese_and_keeps_exact_words(stack: Stack) -> None:
    a = await stack.account("an")
    await stack.delivery.deliver(envelope(a), message(subject="Công văn khẩn", body="Đề nghị xử lý."))
    await stack.delivery.deliver(envelope(a), message(subject="Khán giả", body="Buổi biểu diễn."))
    await stack.delivery.deliver(envelope(a), message(subject="Họp", body="Khăn trải bàn."))
    await stack.delivery.deliver(envelope(a), message(subject="Lịch họp", body="Không có gì."))
    inbox = await _inbox(stack, a.id)
    search = stack.mailboxes.search_text
    assert await search(inbox, "khan") == [1, 2, 3]
    assert await search(inbox, "KHẨN") == [1]
    assert await search(inbox, "khán") == [2]
    assert await search(inbox, "de nghi") == [1]
    assert await search(inbox, "đề nghị") == [1]
    assert await search(inbox, "dang") == []
    assert await search(inbox, "họp") == [3, 4]
    assert await search(inbox, "hop lich") == [4]
    assert await search(inbox, "") == []


async def test_deliveries_notify_subscribers(stack: Stack) -> None:
    a = await stack.account("an")
    seen: list[FolderChange] = []
    unsubscribe = stack.notifier.subscribe(seen.append)
    await stack.delivery.deliver(envelope(a), message())
    inbox = await _inbox(stack, a.id)
    assert any(c.folder_id == inbox and c.uidnext == 2 for c in seen)
    unsubscribe()


async def test_watch_wakes_only_for_its_own_folder_and_stops(stack: Stack) -> None:
    a = await stack.account("an")
    b = await stack.account("binh")
    inbox_a = await _inbox(stack, a.id)
    woken: list[str] = []
    stop = stack.mailboxes.watch(inbox_a, lambda: woken.append("a"))
    await stack.delivery.deliver(envelope(b), message())
    await asyncio.sleep(0.05)  # the notifier calls back through call_soon_threadsafe
    assert woken == []
    await stack.delivery.deliver(envelope(a), message())
    await asyncio.sleep(0.05)
    assert woken == ["a"]
    stop()
    await stack.delivery.deliver(envelope(a), message())
    await asyncio.sleep(0.05)
    assert woken == ["a"]
