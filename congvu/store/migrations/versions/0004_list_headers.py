"""Compact list-header record per blob: the `congvu.ports.LIST_FIELDS` header lines.

A mail client opening a folder FETCHes a few header fields of every message (issue 9, DESIGN.md
"IMAP header FETCH of a 100,000-message folder"). Before this revision that first FETCH after a
restart joined `fragments`, whose rows carry ENVELOPE, BODYSTRUCTURE and every cached field
(~1.8 KB each, ~178 MB for 100,000 messages), so a cold page cache made it slow. `list_headers`
keeps only the list fields, in the same ``name NUL len NUL value`` encoding, so the reader's
field picker gives byte-identical blocks. Existing rows are backfilled from
`fragments.header_fields` in batches.

On SQLite it also adds ``ix_messages_snapshot``, a covering index of the SELECT snapshot's
columns (see `congvu.store.sql.schema`): a cold SELECT of 100,000 copies then reads ~5 MB, not
the copies with their trace blocks.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from congvu.ports import list_header_fields

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_BATCH = 2000


def upgrade() -> None:
    table = op.create_table(
        "list_headers",
        sa.Column(
            "blob_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            sa.ForeignKey("blobs.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("fields", sa.LargeBinary, nullable=False),
    )
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.create_index(
            "ix_messages_snapshot",
            "messages",
            ["folder_id", "uid", "modseq", "flags", "internal_date", "size"],
        )
    fragments = sa.table(
        "fragments", sa.column("blob_id", sa.BigInteger), sa.column("header_fields", sa.LargeBinary)
    )
    last = -1
    while True:
        rows = conn.execute(
            sa.select(fragments.c.blob_id, fragments.c.header_fields)
            .where(fragments.c.blob_id > last)
            .order_by(fragments.c.blob_id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        conn.execute(
            sa.insert(table),
            [{"blob_id": blob_id, "fields": list_header_fields(bytes(raw))} for blob_id, raw in rows],
        )
        last = rows[-1][0]


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_messages_snapshot", table_name="messages")
    op.drop_table("list_headers")
