"""SQLite covering index of the SELECT snapshot's columns (issue 9, DESIGN.md "IMAP header FETCH
of a 100,000-message folder").

`SqlMessageStore.snapshot` reads ``uid, modseq, flags, internal_date, size`` of every copy of a
folder. The copies are clustered by ``(folder_id, uid)`` but each row also carries its trace
block, so after a restart with a cold page cache the scan of 100,000 copies read ~30 MB of
pages scattered between the other tables (0.5 s). ``ix_messages_snapshot`` holds just those
columns (~2.7 MB) and SQLite answers the scan from it (0.06–0.13 s measured the same way).
PostgreSQL is left without it: a B-tree entry is capped at ~2.7 KB and IMAP keywords in `flags`
have no length limit, so a STORE of many keywords would start failing there.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ["folder_id", "uid", "modseq", "flags", "internal_date", "size"]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_messages_snapshot", "messages", COLUMNS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_messages_snapshot", table_name="messages")
