"""Run the Alembic migrations programmatically: `upgrade(database_url)` (issue 9 item 1).

The migration scripts ship inside the package (`congvu/store/migrations`), so an installed
`congvu` can create or upgrade its database without an alembic.ini. `congvu db upgrade` and the
tests call this; it is idempotent.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from congvu.store.sql.engine import make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the database at `database_url` to `revision` (the newest by default)."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            config = _config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()
    finally:
        engine.dispose()


def current_revision(database_url: str) -> str | None:
    """The revision the database is at, None for an empty database."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()
