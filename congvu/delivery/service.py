"""Local delivery (`congvu.delivery.api.Delivery`): store once, a copy per recipient, group commit.

``DeliveryService(meta, blobs, hostname)`` is built by `congvu.app`; `start()` runs the crash
recovery of `congvu.delivery.ingest.recover` and starts the writer thread, `stop()` drains every
queued delivery and stops it (call it with ``await asyncio.to_thread(service.stop)`` from a
running loop). `deliver` parses the message once (on the loop for small messages, on a worker
thread for large ones), queues it, and returns only when its batch is durable (issue 9).

Quota (QN20-9, ST14-8.1, SL25-11.2) is checked and counted in the same transaction as each copy.
A transaction whose every recipient is over quota is refused with `PolicyDenied` (552 with the
rule ID); when only some are, the others are stored and the receipt lists the refused ones.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence

from congvu import i18n
from congvu.delivery.api import DeliveryReceipt
from congvu.delivery.groupcommit import GroupCommitter
from congvu.delivery.ingest import Job, Parser, commit_batch, new_queue_id, prepare, recover
from congvu.domain.errors import PolicyDenied, TemporaryFailure
from congvu.domain.mail import InboundEnvelope
from congvu.domain.rules import Decision, Violation
from congvu.mime import parse_message
from congvu.ports import BlobStore, FolderChange, MessageStore, Notifier, StoreResult

i18n.register(
    {
        "delivery.over_quota": (
            "Hộp thư {address} đã vượt dung lượng cho phép",
            "Mailbox {address} is over its quota",
        ),
        "delivery.no_recipients": ("Thư không có người nhận", "The message has no recipients"),
    }
)

# Parse on the event loop below this size (cheaper than a thread hop), on a thread above it.
INLINE_PARSE_BYTES = 128 * 1024


class DeliveryService:
    """Implements `Delivery` over the `MessageStore` and `BlobStore` ports."""

    def __init__(
        self,
        meta: MessageStore,
        blobs: BlobStore,
        hostname: str,
        *,
        notifier: Notifier | None = None,
        parse: Parser | None = None,
        max_batch: int = 64,
        max_batch_bytes: int = 8 * 1024 * 1024,
        quota_rule: str = "SL25-11.2",
        orphan_grace_seconds: float | None = None,
        switch_interval: float | None = 0.0005,
    ) -> None:
        self._meta = meta
        self._blobs = blobs
        self._hostname = hostname
        self._notifier = notifier
        self._parse: Parser = parse or parse_message
        self._quota_rule = quota_rule
        self._orphan_grace = orphan_grace_seconds
        self._switch_interval = switch_interval
        self._writer: GroupCommitter[Job, StoreResult] = GroupCommitter(
            self._commit, max_items=max_batch, max_bytes=max_batch_bytes, name="delivery-writer"
        )

    @property
    def writer(self) -> GroupCommitter[Job, StoreResult]:
        return self._writer

    def start(self) -> tuple[int, int]:
        """Recover from a crash (remove orphan blobs), then start the writer thread."""
        older = None
        if self._orphan_grace is not None:
            older = time.time() - self._orphan_grace
        removed = recover(self._meta, self._blobs, older_than=older)
        if self._switch_interval is not None and sys.getswitchinterval() > self._switch_interval:
            # The writer thread needs the GIL back after every fsync and SQL call; with the
            # default 5 ms interval a busy event loop makes each hand-over wait up to 5 ms
            # (a convoy that halved group-commit throughput in bench/store.py).
            sys.setswitchinterval(self._switch_interval)
        self._writer.start()
        return removed

    def stop(self) -> None:
        """Drain queued deliveries, then stop the writer thread (blocking)."""
        self._writer.stop()

    def _commit(self, jobs: Sequence[Job]) -> Sequence[StoreResult]:
        results = commit_batch(self._meta, self._blobs, jobs)
        if self._notifier is not None:
            latest: dict[int, FolderChange] = {}
            for result in results:
                for copy in result.stored:
                    latest[copy.folder_id] = FolderChange(
                        copy.account_id, copy.folder_id, uidnext=copy.uid + 1, highestmodseq=copy.modseq
                    )
            for change in latest.values():
                self._notifier.publish(change)
        return results

    async def deliver(self, envelope: InboundEnvelope, raw: bytes) -> DeliveryReceipt:
        if not envelope.recipients:
            raise PolicyDenied(Decision.deny(Violation.of("RFC5321-3.3", "delivery.no_recipients")))
        parse = self._parse
        parsed = parse(raw) if len(raw) <= INLINE_PARSE_BYTES else await asyncio.to_thread(parse, raw)
        queue_id = new_queue_id()
        job = prepare(envelope, raw, parsed, self._hostname, queue_id)
        try:
            result = await self._writer.submit(job, weight=len(raw))
        except TemporaryFailure:
            raise
        except Exception as exc:  # pragma: no cover - commit errors arrive as TemporaryFailure
            raise TemporaryFailure(str(exc)) from exc
        by_id = dict(zip((c.account_id for c in job.message.copies), job.addresses, strict=True))
        refused = tuple(by_id[a] for a in result.over_quota if a in by_id)
        if not result.stored and refused:
            raise PolicyDenied(
                Decision.deny(
                    *(Violation.of(self._quota_rule, "delivery.over_quota", address=a) for a in refused)
                )
            )
        return DeliveryReceipt(queue_id, job.message.digest, len(result.stored), refused)
