"""Store benchmark, in-process, no SMTP (issue 9; DESIGN.md "Performance by design").

``python -m bench store [-- --database-url URL --messages N --folder-size M]`` prints:

* ingest: deliveries/s of 10 KB messages from 20 concurrent asyncio tasks through
  `DeliveryService.deliver` (parse, blob fsync, group commit), with the mean batch size;
* fan-out: one 1 MB message to 500 mailboxes, time to durable and visible, and blob bytes added;
* a folder of 100,000 messages: SELECT snapshot time, header-fragment read (``fragments`` of
  every UID, the data of ``UID FETCH 1:* (ENVELOPE BODY.PEEK[HEADER.FIELDS …])``), and
  SEARCH TEXT times for a folded word, the same word with diacritics, and a rare word.

The 100,000-message folder is filled through `MessageStore.store_deliveries` (no blob files,
no MIME parse per message) to keep the set-up short. SQLite in a temp folder by default;
pass ``--database-url postgresql+psycopg://postgres@127.0.0.1/DB`` (an empty database) for
PostgreSQL. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher

from congvu.delivery.service import DeliveryService
from congvu.directory.api import NewAccount
from congvu.directory.service import DirectoryService
from congvu.domain.folding import fold
from congvu.domain.mail import AccountRef, InboundEnvelope
from congvu.mailbox.searchtext import index_text
from congvu.mailbox.service import MailboxService
from congvu.mime import parse_message
from congvu.ports import NewCopy, NewMessage, StoredFragments, encode_header_fields
from congvu.store import FileBlobStore, SqlMetaStore, open_metastore, upgrade

DOMAIN = "bench.gov.vn"
VOCABULARY = (
    "công văn khẩn thông báo họp giao ban kế hoạch báo cáo tỉnh sở ban ngành ủy ban nhân dân "
    "quyết định triển khai thực hiện đề nghị các đơn vị phối hợp xử lý khán giả khăn hạn chót "
    "ngân sách đầu tư xây dựng giáo dục y tế nông nghiệp văn hóa du lịch tài chính nội vụ"
)
WORDS = VOCABULARY.split(" ")


def _body(rnd: random.Random, size: int) -> str:
    out: list[str] = []
    total = 0
    while total < size:
        word = rnd.choice(WORDS)
        out.append(word)
        total += len(word.encode()) + 1
    return " ".join(out)


def _message(rnd: random.Random, n: int, size: int) -> bytes:
    text = _body(rnd, size)
    lines = "\r\n".join(text[i : i + 72] for i in range(0, len(text), 72))
    return (
        f"From: Văn thư <vanthu@{DOMAIN}>\r\nTo: all@{DOMAIN}\r\nSubject: Công văn số {n}\r\n"
        f"Date: Wed, 25 Nov 2026 09:00:00 +0700\r\nMessage-ID: <{n}.{time.time()}@{DOMAIN}>\r\n"
        'MIME-Version: 1.0\r\nContent-Type: text/plain; charset="utf-8"\r\n'
        f"Content-Transfer-Encoding: 8bit\r\n\r\n{lines}\r\n"
    ).encode()


def _envelope(accounts: list[AccountRef]) -> InboundEnvelope:
    return InboundEnvelope(
        mail_from=f"vanthu@{DOMAIN}",
        recipients=tuple(accounts),
        rcpt_addresses=tuple(a.address for a in accounts),
        peer_ip="127.0.0.1",
        helo="bench",
        authenticated_as=None,
        received_at=datetime.now(UTC),
    )


def _du(root: Path) -> int:
    return sum(p.stat().st_blocks * 512 for p in root.rglob("*") if p.is_file())


async def _ingest(delivery: DeliveryService, accounts: list[AccountRef], count: int, tasks: int) -> None:
    rnd = random.Random(9)
    raws = [_message(rnd, n, 10_000) for n in range(count)]
    queue = iter(range(count))
    batches0, jobs0 = delivery.writer.batches, delivery.writer.jobs

    async def worker() -> None:
        for n in queue:
            await delivery.deliver(_envelope([accounts[n % len(accounts)]]), raws[n])

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(tasks)))
    elapsed = time.perf_counter() - t0
    batches = delivery.writer.batches - batches0
    jobs = delivery.writer.jobs - jobs0
    print(f"ingest: {count} × 10 KB from {tasks} tasks: {count / elapsed:,.0f} msg/s", flush=True)
    print(f"  {batches} group commits, {jobs / max(batches, 1):.1f} messages per commit", flush=True)


async def _fanout(
    delivery: DeliveryService, mailboxes: MailboxService, accounts: list[AccountRef], root: Path
) -> None:
    rnd = random.Random(5)
    times: list[float] = []
    growth: list[int] = []
    for k in range(3):
        raw = _message(rnd, 900_000 + k, 1_000_000)
        before = _du(root)
        t0 = time.perf_counter()
        receipt = await delivery.deliver(_envelope(accounts[:500]), raw)
        snapshot = await mailboxes.open_folder(accounts[499].id, "INBOX")
        times.append(time.perf_counter() - t0)
        growth.append(_du(root) - before)
        assert receipt.copies == 500
        assert snapshot is not None
    print(
        f"fan-out: 1 MB × 500 mailboxes: {', '.join(f'{t * 1000:.1f}' for t in times)} ms "
        f"(median {statistics.median(times) * 1000:.1f} ms); blob storage added "
        f"{statistics.median(growth) / 2**20:.2f} MiB per message",
        flush=True,
    )


def _populate(meta: SqlMetaStore, account: AccountRef, size: int) -> None:
    rnd = random.Random(3)
    template = parse_message(_message(rnd, 0, 2000))
    t0 = time.perf_counter()
    batch: list[NewMessage] = []
    for n in range(size):
        body = _body(rnd, 600)
        subject = f"Công văn số {n} {rnd.choice(WORDS)} {rnd.choice(WORDS)}"
        fields = dict(template.header_fields)
        fields["subject"] = f"Subject: {subject}\r\n".encode()
        fragments = StoredFragments(
            envelope=template.envelope,
            bodystructure=template.bodystructure,
            body=template.body,
            header_fields=encode_header_fields(fields),
            subject=subject,
            from_display=template.from_display,
            sent_date=template.date,
            message_id=f"{n}@bench",
            attachment_bytes=0,
            search_text=index_text(fold(subject + " " + body), subject + " " + body),
        )
        digest = hashlib.sha256(f"populate {n} {os.getpid()} {time.time()}".encode()).hexdigest()
        trace = f"Return-Path: <vanthu@{DOMAIN}>\r\nDelivered-To: {account.address}\r\n".encode()
        copies = (NewCopy(account.id, trace),)
        batch.append(NewMessage(digest, 2000, fragments, datetime.now(UTC), copies, check_quota=False))
        if len(batch) == 1000:
            meta.store_deliveries(batch)
            batch = []
    if batch:
        meta.store_deliveries(batch)
    print(f"populate: {size:,} messages in one folder in {time.perf_counter() - t0:.1f} s", flush=True)


async def _folder(mailboxes: MailboxService, account: AccountRef, size: int) -> None:
    for label in ("first", "again"):
        t0 = time.perf_counter()
        snapshot = await mailboxes.open_folder(account.id, "INBOX")
        t1 = time.perf_counter()
        assert snapshot is not None
        uids = [m.uid for m in snapshot.messages]
        fragments = await mailboxes.fragments(snapshot.summary.id, uids)
        t2 = time.perf_counter()
        headers = sum(len(f.header_fields.get("subject", b"")) for f in fragments)
        print(
            f"folder of {len(uids):,} ({label}): SELECT snapshot {(t1 - t0) * 1000:.0f} ms; "
            f"header fragments of every message {(t2 - t1) * 1000:.0f} ms "
            f"({len(fragments):,} rows, {headers / 2**20:.1f} MiB of Subject lines)",
            flush=True,
        )
    for query in ("khan", "khẩn", "khán", "công văn", "ngân sách", "zzzz"):
        runs = []
        hits = 0
        for _ in range(3):
            t0 = time.perf_counter()
            hits = len(await mailboxes.search_text(snapshot.summary.id, query))
            runs.append(time.perf_counter() - t0)
        print(f"  SEARCH TEXT {query!r}: {min(runs) * 1000:.1f} ms ({hits:,} hits)", flush=True)


async def _run(args: argparse.Namespace, work: Path) -> None:
    url = args.database_url or f"sqlite:///{work / 'congvu.db'}"
    upgrade(url)
    meta = open_metastore(url)
    blobs = FileBlobStore(work / "blobs")
    directory = DirectoryService(meta, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    delivery = DeliveryService(meta, blobs, "mail.bench.gov.vn")
    mailboxes = MailboxService(meta, blobs)
    delivery.start()
    try:
        await directory.add_domain(DOMAIN)
        accounts = [
            await directory.add_account(NewAccount(f"u{i:04d}@{DOMAIN}", f"User {i}", "Mk@12345678"))
            for i in range(501)
        ]
        print(f"backend: {meta.dialect}; {len(accounts)} accounts", flush=True)
        await _ingest(delivery, accounts[:500], args.messages, args.tasks)
        await _fanout(delivery, mailboxes, accounts, work / "blobs")
        big = accounts[500]
        await asyncio.to_thread(_populate, meta, big, args.folder_size)
        if meta.dialect == "postgresql":  # what autovacuum does a minute after a bulk load
            with meta.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        await _folder(mailboxes, big, args.folder_size)
    finally:
        await asyncio.to_thread(delivery.stop)
        meta.close()
        blobs.close()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench store", description=__doc__.split("\n")[0])
    ap.add_argument("--database-url", default=None, help="an empty database (default: SQLite in a temp dir)")
    ap.add_argument("--messages", type=int, default=5000, help="10 KB messages for the ingest figure")
    ap.add_argument("--tasks", type=int, default=20, help="concurrent delivering tasks")
    ap.add_argument("--folder-size", type=int, default=100_000, help="messages in the large folder")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="congvu-bench-store-", dir=os.environ.get("TMPDIR")) as tmp:
        asyncio.run(_run(args, Path(tmp)))
    return 0
