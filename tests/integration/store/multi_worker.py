"""Subprocess for the multi-process test: deliver the same COUNT messages (same bytes, so the
same blobs) as another process does at the same time, to the same mailboxes.

``python -m tests.integration.store.multi_worker DATABASE_URL BLOB_ROOT COUNT`` prints
``DONE <copies>`` when every delivery returned.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

from congvu.delivery.service import DeliveryService
from congvu.domain.mail import AccountRef, InboundEnvelope, MailboxKind
from congvu.mime import parse_message
from congvu.store import FileBlobStore, open_metastore
from tests.integration.store.crash_worker import crash_message

RECIPIENTS = ("an@sonla.gov.vn", "binh@sonla.gov.vn")


async def main(url: str, root: Path, count: int) -> None:
    meta = open_metastore(url)
    blobs = FileBlobStore(root)
    accounts = []
    for address in RECIPIENTS:
        record = meta.find_account(address)
        assert record is not None
        accounts.append(AccountRef(record.ref.id, address, MailboxKind.PERSONAL, address))
    # orphan_grace: another process may be between its blob write and its commit right now
    delivery = DeliveryService(
        meta, blobs, "mail.sonla.gov.vn", parse=parse_message, orphan_grace_seconds=3600
    )
    delivery.start()
    envelope = InboundEnvelope(
        "vanthu@sonla.gov.vn", tuple(accounts), RECIPIENTS, "127.0.0.1", "client", None, datetime.now(UTC)
    )
    receipts = await asyncio.gather(*(delivery.deliver(envelope, crash_message(0, n)) for n in range(count)))
    await asyncio.to_thread(delivery.stop)
    print(f"DONE {sum(r.copies for r in receipts)}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])))
