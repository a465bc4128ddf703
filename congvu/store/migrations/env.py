"""Alembic environment: runs revisions on the connection `congvu.store.upgrade` hands over.

No alembic.ini and no logging configuration: the caller owns both (`congvu db upgrade`,
`congvu.app` at start, and the tests).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from congvu.store.sql.schema import metadata


def run_migrations_online() -> None:
    connection: Connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - offline SQL generation is not supported
    raise RuntimeError("congvu migrations run online only (congvu.store.upgrade)")
run_migrations_online()
