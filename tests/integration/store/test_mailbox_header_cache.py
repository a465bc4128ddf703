"""The shared header-block cache behind the list view's FETCH (DESIGN.md "IMAP header FETCH of
a 100,000-message folder"), on SQLite and PostgreSQL: a delivery after the cache is warm is
served, an expunged copy is gone, folders do not mix, and the byte bound evicts the least
recently used folder."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.mailbox.headercache import ENTRY_OVERHEAD, FieldPicker, HeaderBlocks, HeaderCache, join_fields
from congvu.mailbox.service import MailboxService
from congvu.ports import decode_header_fields, encode_header_fields
from tests.integration.store.conftest import Stack, envelope, message

FIELDS = ("FROM", "SUBJECT")


async def _inbox(stack: Stack, account_id: int) -> tuple[int, int]:
    snapshot = await stack.mailboxes.open_folder(account_id, "INBOX")
    assert snapshot is not None
    return snapshot.summary.id, snapshot.summary.uidvalidity


def _subject(block: bytes) -> str:
    for line in block.split(b"\r\n"):
        if line.startswith(b"Subject: "):
            return line[9:].decode()
    raise AssertionError(block)


async def test_blocks_are_the_fields_in_the_order_asked(stack: Stack) -> None:
    a = await stack.account("an")
    await stack.delivery.deliver(envelope(a), message(subject="Công văn khẩn"))
    folder, validity = await _inbox(stack, a.id)
    blocks = await stack.mailboxes.header_blocks(folder, validity, 1, 1, ("subject", "from"))
    assert blocks[1] == "Subject: Công văn khẩn\r\nFrom: Văn thư <vanthu@sonla.gov.vn>\r\n\r\n".encode()
    other = await stack.mailboxes.header_blocks(folder, validity, 1, 1, ("from", "cc"))
    assert other[1] == "From: Văn thư <vanthu@sonla.gov.vn>\r\n\r\n".encode()
    assert len(stack.mailboxes.header_cache) == 2


async def test_delivery_after_the_cache_is_warm_is_served(stack: Stack) -> None:
    a = await stack.account("an")
    for i in range(3):
        await stack.delivery.deliver(envelope(a), message(subject=f"Số {i + 1}"))
    folder, validity = await _inbox(stack, a.id)
    first = await stack.mailboxes.header_blocks(folder, validity, 1, 3, FIELDS)
    assert {u: _subject(b) for u, b in first.items()} == {1: "Số 1", 2: "Số 2", 3: "Số 3"}
    await stack.delivery.deliver(envelope(a), message(subject="Số 4"))
    again = await stack.mailboxes.header_blocks(folder, validity, 1, 4, FIELDS)
    assert _subject(again[4]) == "Số 4"
    assert sorted(again) == [1, 2, 3, 4]
    # A request reaching below what is cached rescans the lower UIDs too.
    tail = await stack.mailboxes.header_blocks(folder, validity, 4, 4, ("to",))
    assert sorted(tail) == [4]
    whole = await stack.mailboxes.header_blocks(folder, validity, 1, 4, ("to",))
    assert sorted(whole) == [1, 2, 3, 4]


async def test_expunged_copy_is_gone_and_its_bytes_given_back(stack: Stack) -> None:
    a = await stack.account("an")
    for i in range(3):
        await stack.delivery.deliver(envelope(a), message(subject=f"Số {i + 1}"))
    folder, validity = await _inbox(stack, a.id)
    await stack.mailboxes.header_blocks(folder, validity, 1, 3, FIELDS)
    cache = stack.mailboxes.header_cache
    before = cache.size
    assert await stack.mailboxes.expunge(folder, [2]) == [2]
    blocks = await stack.mailboxes.header_blocks(folder, validity, 1, 3, FIELDS)
    assert sorted(blocks) == [1, 3]
    assert 0 < cache.size < before


async def test_two_folders_do_not_mix(stack: Stack) -> None:
    a = await stack.account("an")
    await stack.delivery.deliver(envelope(a), message(subject="Hộp thư đến"))
    await stack.mailboxes.create_folder(a.id, "Lưu trữ")
    appended = await stack.mailboxes.append(a.id, "Lưu trữ", message(subject="Đã lưu"))
    inbox, validity = await _inbox(stack, a.id)
    archive = await stack.mailboxes.header_blocks(appended.folder_id, appended.uidvalidity, 1, 1, FIELDS)
    mine = await stack.mailboxes.header_blocks(inbox, validity, 1, 1, FIELDS)
    assert _subject(archive[1]) == "Đã lưu"
    assert _subject(mine[1]) == "Hộp thư đến"
    await stack.mailboxes.delete_folder(a.id, "Lưu trữ")
    assert len(stack.mailboxes.header_cache) == 1


async def test_byte_bound_evicts_the_least_recently_used_folder(stack: Stack) -> None:
    a = await stack.account("an")
    for i in range(4):
        await stack.delivery.deliver(envelope(a), message(subject=f"Số {i + 1}"))
    await stack.mailboxes.create_folder(a.id, "Lưu trữ")
    for i in range(4):
        await stack.mailboxes.append(a.id, "Lưu trữ", message(subject=f"Lưu {i + 1}"))
    inbox, validity = await _inbox(stack, a.id)
    archive = await stack.mailboxes.open_folder(a.id, "Lưu trữ")
    assert archive is not None
    one_folder = 4 * (ENTRY_OVERHEAD + 100)
    small = MailboxService(stack.meta, stack.blobs, header_cache_bytes=one_folder + one_folder // 2)
    await small.header_blocks(inbox, validity, 1, 4, FIELDS)
    cache = small.header_cache
    assert len(cache) == 1
    blocks = await small.header_blocks(archive.summary.id, archive.summary.uidvalidity, 1, 4, FIELDS)
    assert _subject(blocks[1]) == "Lưu 1"
    assert len(cache) == 1  # the inbox was evicted
    assert cache.size <= cache.limit
    # Still answered correctly after eviction (a fresh scan).
    again = await small.header_blocks(inbox, validity, 1, 4, FIELDS)
    assert [_subject(b) for b in again.values()] == ["Số 1", "Số 2", "Số 3", "Số 4"]
    assert cache.size <= cache.limit
    # A folder larger than the whole bound is served but never kept.
    tiny = MailboxService(stack.meta, stack.blobs, header_cache_bytes=10)
    assert len(await tiny.header_blocks(inbox, validity, 1, 4, FIELDS)) == 4
    assert len(tiny.header_cache) == 0
    assert tiny.header_cache.size == 0


def test_cache_bookkeeping_matches_the_entries() -> None:
    cache = HeaderCache(limit=10_000)
    entry = HeaderBlocks(uidvalidity=7, low=1, top=3)
    entry.add([(1, b"a\r\n"), (2, b"bb\r\n"), (3, b"ccc\r\n")])
    cache.keep(5, ("subject",), entry, entry.size)
    assert cache.size == entry.size == 12 + 3 * ENTRY_OVERHEAD
    assert cache.get(5, 8, ("subject",)) is None  # another UIDVALIDITY: dropped
    assert cache.size == 0
    assert len(cache) == 0
    cache.keep(5, ("subject",), entry, entry.size)
    cache.expunged(5, [2, 9])
    assert sorted(entry.blocks) == [1, 3]
    assert cache.size == entry.size == 8 + 2 * ENTRY_OVERHEAD


_NAMES = st.sampled_from(["from", "to", "reply-to", "in-reply-to", "subject", "date", "x-to", "cc"])
_VALUES = st.binary(max_size=40).map(lambda b: b.replace(b"\0", b"") + b"\r\n")


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_NAMES, _VALUES, max_size=8), st.lists(_NAMES, max_size=5, unique=True))
def test_field_picker_agrees_with_a_full_decode(fields: dict[str, bytes], asked: list[str]) -> None:
    """Ingest's records (CRLF-closed values, no NUL): picking equals decoding then joining,
    ``to`` never taken from ``reply-to`` or ``x-to``."""
    raw = encode_header_fields(fields)
    wanted = tuple(asked)
    assert FieldPicker(wanted)(raw) == join_fields(decode_header_fields(raw), wanted)
