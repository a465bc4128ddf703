"""The recipient cache of `DirectoryService` on SQLite and PostgreSQL: answers never go stale
after a write of the same instance, a write of another instance (another process) on the same
database is seen once the refresh interval has passed (migration 0003's version counter), and
a negative answer is always checked against that counter first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from congvu.directory.api import NewAccount
from congvu.directory.service import DirectoryService
from congvu.domain.errors import Conflict
from congvu.store import SqlMetaStore, open_metastore
from tests.integration.store.conftest import DOMAIN, FAST_HASHER, Stack


def new(local: str, domain: str = DOMAIN) -> NewAccount:
    return NewAccount(address=f"{local}@{domain}", display_name=local, password="Mk@12345678")


@pytest.fixture
def other_meta(migrated_url: str) -> Iterator[SqlMetaStore]:
    """A second store (own engine and pool) on the same database: another process's view."""
    store = open_metastore(migrated_url)
    yield store
    store.close()


async def test_unknown_user_resolves_at_once_after_add_account(stack: Stack) -> None:
    before = await stack.directory.resolve_recipient(f"binh@{DOMAIN}")  # caches the snapshot
    assert before.account is None
    assert before.local_domain
    account = await stack.account("binh")
    after = await stack.directory.resolve_recipient(f"Binh@{DOMAIN.upper()}")
    assert after.account == account


async def test_alias_and_alias_domain_resolve_at_once(stack: Stack) -> None:
    account = await stack.account("an")
    assert (await stack.directory.resolve_recipient(f"vanthu@{DOMAIN}")).account is None
    assert not (await stack.directory.resolve_recipient("an@sla.gov.vn")).local_domain
    await stack.directory.add_alias(f"vanthu@{DOMAIN}", f"an@{DOMAIN}")
    await stack.directory.add_domain("sla.gov.vn", alias_of=DOMAIN)
    assert (await stack.directory.resolve_recipient(f"vanthu@{DOMAIN}")).account == account
    assert (await stack.directory.resolve_recipient("vanthu@sla.gov.vn")).account == account
    assert (await stack.directory.resolve_recipient("an@sla.gov.vn")).account == account


async def test_a_failed_write_leaves_answers_correct(stack: Stack) -> None:
    await stack.account("an")
    with pytest.raises(Conflict):
        await stack.account("an")
    assert (await stack.directory.resolve_recipient(f"an@{DOMAIN}")).account is not None


async def test_another_instance_sees_a_change_on_its_next_version_check(
    stack: Stack, other_meta: SqlMetaStore
) -> None:
    # refresh_seconds=0: every call checks the version, so "within the interval" is "next call"
    other = DirectoryService(other_meta, hasher=FAST_HASHER, refresh_seconds=0)
    assert (await other.resolve_recipient(f"chi@{DOMAIN}")).account is None
    account = await stack.account("chi")
    assert (await other.resolve_recipient(f"chi@{DOMAIN}")).account == account
    await stack.directory.add_alias(f"truongphong@{DOMAIN}", account.address)
    assert (await other.resolve_recipient(f"truongphong@{DOMAIN}")).account == account
    await stack.directory.add_domain("quynhnhai.sonla.gov.vn")
    assert (await other.resolve_recipient("ai@quynhnhai.sonla.gov.vn")).local_domain
    # and the other way round
    dung = await other.add_account(new("dung"))
    stack.directory._refresh_seconds = 0  # the fixture's instance uses the default interval
    assert (await stack.directory.resolve_recipient(f"dung@{DOMAIN}")).account == dung


async def test_an_unknown_user_is_checked_against_the_version_before_550(
    stack: Stack, other_meta: SqlMetaStore
) -> None:
    """Even within a long interval, a negative answer is never stale: the account another
    process just added (``congvu account add`` beside a running server) is accepted at once."""
    other = DirectoryService(other_meta, hasher=FAST_HASHER, refresh_seconds=3600)
    assert (await other.resolve_recipient(f"em@{DOMAIN}")).account is None
    account = await stack.account("em")
    assert (await other.resolve_recipient(f"em@{DOMAIN}")).account == account
    await stack.directory.add_domain("mocchau.sonla.gov.vn")
    assert (await other.resolve_recipient("ai@mocchau.sonla.gov.vn")).local_domain
    assert (await other.resolve_recipient(f"em@{DOMAIN}")).account == account


async def test_version_moves_with_each_directory_write(stack: Stack) -> None:
    start = stack.meta.directory_version()
    account = await stack.account("gia")
    await stack.directory.add_alias(f"gd@{DOMAIN}", account.address)
    await stack.directory.add_domain("sla.gov.vn", alias_of=DOMAIN)
    assert stack.meta.directory_version() == start + 3
    snapshot = stack.meta.directory_snapshot()
    assert snapshot.version == start + 3
    assert snapshot.accounts[account.address] == account
    assert snapshot.aliases == {f"gd@{DOMAIN}": account.address}
    assert snapshot.domains == {DOMAIN: None, "sla.gov.vn": DOMAIN}
