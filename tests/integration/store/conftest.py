"""Fixtures for the storage integration tests: migrated database (SQLite and PostgreSQL through
the shared `database_url` fixture), blob directory, and the three services wired as `congvu.app`
wires them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from congvu.delivery.service import DeliveryService
from congvu.directory.api import NewAccount
from congvu.directory.service import DirectoryService
from congvu.domain.mail import AccountRef, InboundEnvelope
from congvu.mailbox.service import MailboxService
from congvu.mime import parse_message
from congvu.store import FileBlobStore, InProcessNotifier, SqlMetaStore, open_metastore, upgrade

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
DOMAIN = "sonla.gov.vn"


@dataclass
class Stack:
    meta: SqlMetaStore
    blobs: FileBlobStore
    blob_root: Path
    directory: DirectoryService
    delivery: DeliveryService
    mailboxes: MailboxService
    notifier: InProcessNotifier

    async def account(self, local: str, *, quota: int | None = None) -> AccountRef:
        return await self.directory.add_account(
            NewAccount(
                address=f"{local}@{DOMAIN}", display_name=local, password="Mk@12345678", quota_bytes=quota
            )
        )


def envelope(*recipients: AccountRef, sender: str = "vanthu@sonla.gov.vn") -> InboundEnvelope:
    return InboundEnvelope(
        mail_from=sender,
        recipients=tuple(recipients),
        rcpt_addresses=tuple(r.address for r in recipients),
        peer_ip="127.0.0.1",
        helo="client.example",
        authenticated_as=None,
        received_at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
    )


def message(subject: str = "Thông báo khẩn", body: str = "Nội dung công văn.", size: int = 0) -> bytes:
    text = body + ("x" * max(0, size - len(body)))
    return (
        f"From: Văn thư <vanthu@sonla.gov.vn>\r\nTo: all@sonla.gov.vn\r\nSubject: {subject}\r\n"
        "Date: Wed, 25 Nov 2026 09:00:00 +0700\r\nMessage-ID: <m1@sonla.gov.vn>\r\n"
        'MIME-Version: 1.0\r\nContent-Type: text/plain; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        f"{text}\r\n"
    ).encode()


@pytest.fixture
def migrated_url(database_url: str) -> str:
    upgrade(database_url)
    return database_url


@pytest.fixture
def meta(migrated_url: str) -> Iterator[SqlMetaStore]:
    store = open_metastore(migrated_url)
    yield store
    store.close()


@pytest.fixture
async def stack(meta: SqlMetaStore, tmp_path: Path) -> AsyncIterator[Stack]:
    root = tmp_path / "blobs"
    blobs = FileBlobStore(root)
    notifier = InProcessNotifier()
    directory = DirectoryService(meta, hasher=FAST_HASHER)
    delivery = DeliveryService(meta, blobs, "mail.sonla.gov.vn", notifier=notifier, parse=parse_message)
    mailboxes = MailboxService(meta, blobs, notifier=notifier)
    delivery.start()
    await directory.add_domain(DOMAIN)
    yield Stack(meta, blobs, root, directory, delivery, mailboxes, notifier)
    delivery.stop()
    blobs.close()


def blob_files(root: Path) -> list[Path]:
    return [p for p in root.glob("??/*") if p.is_file()]
