"""Fixtures shared by every test package.

`database_url` is parametrised over SQLite and PostgreSQL, so every storage test runs on both
(issue 9). PostgreSQL answers on 127.0.0.1:5432 with trust auth on this machine kind; each test
gets a fresh database that is dropped afterwards. Set CONGVU_TEST_PG_URL to point elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("CONGVU_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_admin_conninfo() -> str:
    return PG_ADMIN_URL


@pytest.fixture
def pg_database_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, as an SQLAlchemy URL (psycopg driver)."""
    import psycopg

    name = f"congvu_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_pg_admin_conninfo(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    finally:
        with psycopg.connect(_pg_admin_conninfo(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An SQLAlchemy URL for an empty database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'congvu.db'}"
    url: str = request.getfixturevalue("pg_database_url")
    return url
