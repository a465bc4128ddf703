"""SQLAlchemy Core tables of the metadata database (issue 9; docs/storage.md explains each).

The Alembic revisions in `congvu.store.migrations.versions` create exactly these tables (a test
compares them); queries use these objects. Times are integer POSIX seconds (UTC): SQLite has no
timezone type and parsing text dates would dominate a 100,000-row SELECT scan.

Copies (`messages`) are clustered by ``(folder_id, uid)`` (a WITHOUT ROWID table on SQLite, the
primary key on PostgreSQL), so SELECT and header FETCH of a folder are one ordered range scan.
The full-text index is dialect-specific and created by the migration only (`congvu.store.search`).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# SQLite only auto-assigns INTEGER PRIMARY KEY (the rowid alias); PostgreSQL wants 64 bits.
ID = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

domains = Table(
    "domains",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("name", String(253), nullable=False, unique=True),
    Column("alias_of", ID, ForeignKey("domains.id"), nullable=True),
    Column("created_at", BigInteger, nullable=False),
)

units = Table(
    "units",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("parent_id", ID, ForeignKey("units.id"), nullable=True),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("address", String(320), nullable=False, unique=True),
    Column("domain_id", ID, ForeignKey("domains.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("display_name", Text, nullable=False),
    Column("family_name", Text, nullable=False),
    Column("middle_name", Text, nullable=False),
    Column("given_name", Text, nullable=False),
    Column("unit_id", ID, ForeignKey("units.id"), nullable=True),
    Column("password_hash", Text, nullable=False),
    Column("quota_bytes", BigInteger, nullable=True),
    Column("used_bytes", BigInteger, nullable=False),
    Column("message_count", BigInteger, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("last_login_at", BigInteger, nullable=True),
    Column("password_changed_at", BigInteger, nullable=True),
    # The largest UIDVALIDITY given to one of the account's folders, deleted ones included (0002).
    Column("uidvalidity_floor", BigInteger, nullable=False, server_default="0"),
)

aliases = Table(
    "aliases",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("address", String(320), nullable=False, unique=True),
    Column("account_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
)

# One row (id 1): bumped in the same transaction as every directory write that changes
# recipient resolution, so each process's directory cache sees another's change cheaply
# (migration 0003, `congvu.directory.service`).
directory_version = Table(
    "directory_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)

folders = Table(
    "folders",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("account_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("special_use", String(32), nullable=True),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("uidnext", BigInteger, nullable=False),
    Column("highestmodseq", BigInteger, nullable=False),
    UniqueConstraint("account_id", "name", name="uq_folders_account_name"),
)

blobs = Table(
    "blobs",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("size", BigInteger, nullable=False),
    Column("refcount", BigInteger, nullable=False),
    Column("created_at", BigInteger, nullable=False),
)

fragments = Table(
    "fragments",
    metadata,
    Column("blob_id", ID, ForeignKey("blobs.id", ondelete="CASCADE"), primary_key=True, autoincrement=False),
    Column("envelope", LargeBinary, nullable=False),
    Column("bodystructure", LargeBinary, nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("header_fields", LargeBinary, nullable=False),
    Column("subject", Text, nullable=False),
    Column("from_display", Text, nullable=False),
    Column("sent_date", BigInteger, nullable=True),
    Column("message_id", Text, nullable=True),
    Column("attachment_bytes", BigInteger, nullable=False),
)

messages = Table(
    "messages",
    metadata,
    Column("folder_id", ID, ForeignKey("folders.id", ondelete="CASCADE"), primary_key=True),
    Column("uid", BigInteger, primary_key=True, autoincrement=False),
    Column("modseq", BigInteger, nullable=False),
    Column("flags", Text, nullable=False),
    Column("internal_date", BigInteger, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("blob_id", ID, ForeignKey("blobs.id"), nullable=False),
    Column("trace", LargeBinary, nullable=False),
    Index("ix_messages_blob_id", "blob_id", "folder_id"),
    sqlite_with_rowid=False,
)

# SQLite only (migration 0004): the SELECT snapshot's columns, so a cold SELECT of 100,000 copies
# reads this narrow index instead of the copies with their trace blocks (0.5 s → 0.06–0.13 s
# in-process after dropping the page cache). It leaves out `blob_id` so the header FETCH join
# keeps the primary-key scan. Not on PostgreSQL: a B-tree entry is capped at ~2.7 KB and `flags` (IMAP
# keywords) has no length limit, so a STORE of many keywords would fail there.
Index(
    "ix_messages_snapshot",
    messages.c.folder_id,
    messages.c.uid,
    messages.c.modseq,
    messages.c.flags,
    messages.c.internal_date,
    messages.c.size,
).ddl_if(dialect="sqlite")
