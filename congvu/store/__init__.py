"""Storage adapters behind `congvu.ports` (issue 9). Only `congvu.app` and tests import this.

Constructors the composition root calls::

    from congvu.store import upgrade, open_metastore, FileBlobStore, InProcessNotifier

    upgrade(settings.database_url)                 # Alembic migrations to head (idempotent)
    meta = open_metastore(settings.database_url)   # SqlMetaStore: MessageStore + DirectoryStore
    blobs = FileBlobStore(settings.data_dir / "blobs")
    notifier = InProcessNotifier()
    ...                                            # services (congvu.delivery / mailbox / directory)
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
