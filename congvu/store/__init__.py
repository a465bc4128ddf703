"""Storage adapters behind `congvu.ports` (issue 9). Only `congvu.app` and tests import this.

Constructors the composition root calls::

    from congvu.store import upgrade, open_metastore, FileBlobStore, InProcessNotifier

    upgrade(settings.database_url)                 # Alembic migrations to head (idempotent)
    current_revision(url) / head_revision()        # None for an empty database / the code's head
    meta = open_metastore(settings.database_url)   # SqlMetaStore: MessageStore + DirectoryStore
    blobs = FileBlobStore(settings.data_dir / "blobs")
    notifier = InProcessNotifier()
    delivery = DeliveryService(meta, blobs, hostname, notifier=notifier, quota_rule="QN20-9")
    delivery.start()                               # crash recovery, then the group-commit writer
    mailboxes = MailboxService(meta, blobs, notifier=notifier, quota_rule="QN20-9")
    directory = DirectoryService(meta)             # Directory + DirectoryAdmin
    ...
    delivery.stop()                                # drains queued deliveries (blocking)
    meta.close(); blobs.close()                    # at shutdown, after the services stopped

Database URLs: ``sqlite:///path/congvu.db`` (WAL, synchronous=FULL) or
``postgresql+psycopg://user@host/db``. docs/storage.md describes the schema and why a message
that got 250 survives a crash.
"""

from congvu.store.blobs.files import FileBlobStore
from congvu.store.migrate import current_revision, head_revision, upgrade
from congvu.store.notify import InProcessNotifier
from congvu.store.sql.metastore import SqlMetaStore, open_metastore

__all__ = [
    "FileBlobStore",
    "InProcessNotifier",
    "SqlMetaStore",
    "current_revision",
    "head_revision",
    "open_metastore",
    "upgrade",
]
