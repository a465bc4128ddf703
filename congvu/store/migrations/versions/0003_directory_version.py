"""Directory version counter for the in-process recipient cache of each server process.

Every directory write that changes recipient resolution (domains, accounts, aliases) bumps the
single row in the same transaction; a process compares it with its cached snapshot's version
(`congvu.directory.service`) instead of querying the directory per RCPT TO.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "directory_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(table, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("directory_version")
