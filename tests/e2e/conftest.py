"""End-to-end fixtures: a real `congvu serve` subprocess per backend (SQLite, PostgreSQL).

The server is module-scoped (one start per test module and backend) to keep the suite fast;
each module seeds its own accounts. PostgreSQL databases are created and dropped here as in
tests/conftest.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from congvu.testing.server import CongvuProcess
from tests.conftest import PG_ADMIN_URL

DOMAIN = "sonla.gov.vn"
PASSWORD = "Duyen@SoKHCN-2025"
USERS = ("duyenct.skhcn", "minhlv.skhcn", "huongnt.vpubnd")
ADDRESSES = tuple(f"{u}@{DOMAIN}" for u in USERS)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'congvu.db'}"
        return
    import psycopg

    name = f"congvu_e2e_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server(backend_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CongvuProcess]:
    proc = CongvuProcess(tmp_path_factory.mktemp("data") / "congvu", backend_url, domain=DOMAIN)
    proc.init()
    proc.add_accounts(dict.fromkeys(ADDRESSES, PASSWORD))
    proc.start()
    yield proc
    code = proc.stop()
    assert code == 0, proc.log_tail()


def blob_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")]
