"""Initial schema: domains, units, accounts, aliases, folders, blobs, fragments, copies, search.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "domains",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(253), nullable=False, unique=True),
        sa.Column("alias_of", ID, sa.ForeignKey("domains.id"), nullable=True),
        sa.Column("created_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "units",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("parent_id", ID, sa.ForeignKey("units.id"), nullable=True),
    )
    op.create_table(
        "accounts",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("address", sa.String(320), nullable=False, unique=True),
        sa.Column("domain_id", ID, sa.ForeignKey("domains.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("family_name", sa.Text, nullable=False),
        sa.Column("middle_name", sa.Text, nullable=False),
        sa.Column("given_name", sa.Text, nullable=False),
        sa.Column("unit_id", ID, sa.ForeignKey("units.id"), nullable=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("quota_bytes", sa.BigInteger, nullable=True),
        sa.Column("used_bytes", sa.BigInteger, nullable=False),
        sa.Column("message_count", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.Column("last_login_at", sa.BigInteger, nullable=True),
        sa.Column("password_changed_at", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "aliases",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("address", sa.String(320), nullable=False, unique=True),
        sa.Column("account_id", ID, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_table(
        "folders",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("account_id", ID, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("special_use", sa.String(32), nullable=True),
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("uidnext", sa.BigInteger, nullable=False),
        sa.Column("highestmodseq", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("account_id", "name", name="uq_folders_account_name"),
    )
    op.create_table(
        "blobs",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("refcount", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "fragments",
        sa.Column(
            "blob_id",
            ID,
            sa.ForeignKey("blobs.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("envelope", sa.LargeBinary, nullable=False),
        sa.Column("bodystructure", sa.LargeBinary, nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("header_fields", sa.LargeBinary, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("from_display", sa.Text, nullable=False),
        sa.Column("sent_date", sa.BigInteger, nullable=True),
        sa.Column("message_id", sa.Text, nullable=True),
        sa.Column("attachment_bytes", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "messages",
        sa.Column("folder_id", ID, sa.ForeignKey("folders.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("uid", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("modseq", sa.BigInteger, nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("internal_date", sa.BigInteger, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("blob_id", ID, sa.ForeignKey("blobs.id"), nullable=False),
        sa.Column("trace", sa.LargeBinary, nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_messages_blob_id", "messages", ["blob_id", "folder_id"])

    # Full-text search over folded text (congvu.store.search): one document per blob.
    if op.get_bind().dialect.name == "sqlite":
        # Tokens are ASCII (folded words, exact-word tokens); FTS5 rowid = blobs.id.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 0')"
        )
    else:
        op.create_table(
            "search_docs",
            sa.Column(
                "blob_id",
                ID,
                sa.ForeignKey("blobs.id", ondelete="CASCADE"),
                primary_key=True,
                autoincrement=False,
            ),
            sa.Column("tsv", postgresql.TSVECTOR, nullable=False),
        )
        op.create_index("ix_search_docs_tsv", "search_docs", ["tsv"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    else:
        op.drop_table("search_docs")
    for table in ("messages", "fragments", "blobs", "folders", "aliases", "accounts", "units", "domains"):
        op.drop_table(table)
