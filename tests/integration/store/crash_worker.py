"""Subprocess for the crash-safety test: deliver unique messages from many tasks until killed.

``python -m tests.integration.store.crash_worker DATABASE_URL BLOB_ROOT RUN`` prints
``ACK <n> <digest>`` (flushed) for every delivery that returned, i.e. got its 250. The parent
SIGKILLs it mid-flight and checks that every acknowledged message is stored exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher

from congvu.delivery.service import DeliveryService
from congvu.directory.api import NewAccount
from congvu.directory.service import DirectoryService
from congvu.domain.errors import Conflict
from congvu.domain.mail import InboundEnvelope
from congvu.mime import parse_message
from congvu.store import FileBlobStore, open_metastore

RECIPIENTS = ("an@sonla.gov.vn", "binh@sonla.gov.vn")
TASKS = 16


def crash_message(run: int, n: int) -> bytes:
    body = f"Công văn {run}-{n}\r\n" + "Nội dung khẩn. " * (50 + n % 200)
    return (
        f"From: vanthu@sonla.gov.vn\r\nTo: an@sonla.gov.vn\r\nSubject: Số {run}-{n}\r\n"
        f"Message-ID: <{run}-{n}@sonla.gov.vn>\r\n\r\n{body}\r\n"
    ).encode()


async def main(url: str, root: Path, run: int) -> None:
    meta = open_metastore(url)
    blobs = FileBlobStore(root)
    directory = DirectoryService(meta, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    with contextlib.suppress(Conflict):
        await directory.add_domain("sonla.gov.vn")
    accounts = []
    for address in RECIPIENTS:
        try:
            accounts.append(await directory.add_account(NewAccount(address, address, "Mk@12345678")))
        except Conflict:
            found = await directory.resolve_recipient(address)
            assert found.account is not None
            accounts.append(found.account)
    delivery = DeliveryService(meta, blobs, "mail.sonla.gov.vn", parse=parse_message)
    delivery.start()
    print("READY", flush=True)
    counter = iter(range(1_000_000))

    async def worker() -> None:
        while True:
            n = next(counter)
            raw = crash_message(run, n)
            envelope = InboundEnvelope(
                "vanthu@sonla.gov.vn",
                tuple(accounts),
                RECIPIENTS,
                "127.0.0.1",
                "client",
                None,
                datetime.now(UTC),
            )
            receipt = await delivery.deliver(envelope, raw)
            sys.stdout.write(f"ACK {n} {receipt.blob_id}\n")
            sys.stdout.flush()

    await asyncio.gather(*(worker() for _ in range(TASKS)))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])))
