"""Directory on SQLite and PostgreSQL: accounts, aliases, alias domains, passwords, login time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from congvu.directory.api import NewAccount
from congvu.domain.errors import Conflict, NotFound
from congvu.domain.mail import MailboxKind
from tests.integration.store.conftest import DOMAIN, Stack

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


async def test_account_gets_the_standard_folders(stack: Stack) -> None:
    account = await stack.account("an")
    folders = await stack.mailboxes.list_folders(account.id)
    assert [(f.name, f.special_use) for f in folders] == [
        ("INBOX", None),
        ("Sent", "\\Sent"),
        ("Drafts", "\\Drafts"),
        ("Trash", "\\Trash"),
        ("Junk", "\\Junk"),
    ]
    assert all(f.uidnext == 1 and f.exists == 0 and f.uidvalidity > 0 for f in folders)


async def test_authenticate_accepts_the_password_and_records_the_login(stack: Stack) -> None:
    account = await stack.account("an")
    outcome = await stack.directory.authenticate("An@SonLa.gov.vn", "Mk@12345678", peer="127.0.0.1", now=NOW)
    assert outcome.account == account
    assert outcome.violation is None
    record = stack.meta.find_account(account.address)
    assert record is not None
    assert record.last_login_at == NOW


@pytest.mark.parametrize("login", ["an@sonla.gov.vn", "nobody@sonla.gov.vn"])
async def test_wrong_password_or_unknown_login_is_refused(stack: Stack, login: str) -> None:
    await stack.account("an")
    outcome = await stack.directory.authenticate(login, "wrong", peer="127.0.0.1", now=NOW)
    assert outcome.account is None
    assert outcome.violation is not None
    assert outcome.violation.key == "directory.auth_failed"
    record = stack.meta.find_account("an@sonla.gov.vn")
    assert record is not None
    assert record.last_login_at is None


async def test_set_password_changes_what_authenticates(stack: Stack) -> None:
    await stack.account("an")
    await stack.directory.set_password("an@sonla.gov.vn", "Moi@87654321")
    old = await stack.directory.authenticate("an@sonla.gov.vn", "Mk@12345678", peer="::1", now=NOW)
    new = await stack.directory.authenticate("an@sonla.gov.vn", "Moi@87654321", peer="::1", now=NOW)
    assert old.account is None
    assert new.account is not None


async def test_resolve_recipient_follows_case_aliases_and_alias_domains(stack: Stack) -> None:
    account = await stack.account("vanthu")
    await stack.directory.add_domain("sla.gov.vn", alias_of=DOMAIN)
    await stack.directory.add_alias("vanphong@sonla.gov.vn", "vanthu@sonla.gov.vn")
    for address in (
        "VanThu@SonLa.gov.vn",
        "vanphong@sonla.gov.vn",
        "vanthu@sla.gov.vn",
        "vanphong@SLA.gov.vn",
    ):
        outcome = await stack.directory.resolve_recipient(address)
        assert outcome.account == account, address
        assert outcome.local_domain
    unknown = await stack.directory.resolve_recipient("ai@sonla.gov.vn")
    assert unknown.account is None
    assert unknown.local_domain
    remote = await stack.directory.resolve_recipient("ai@gmail.com")
    assert remote.account is None
    assert not remote.local_domain


async def test_duplicates_and_unknown_targets_are_refused(stack: Stack) -> None:
    await stack.account("an")
    with pytest.raises(Conflict):
        await stack.account("an")
    with pytest.raises(Conflict):
        await stack.directory.add_alias("an@sonla.gov.vn", "an@sonla.gov.vn")
    with pytest.raises(NotFound):
        await stack.directory.add_alias("x@sonla.gov.vn", "nobody@sonla.gov.vn")
    with pytest.raises(NotFound):
        await stack.directory.add_account(
            NewAccount(address="a@unknown.vn", display_name="A", password="Mk@12345678")
        )


async def test_units_and_organisation_accounts(stack: Stack) -> None:
    await stack.directory.add_unit("STTTT", "Sở Thông tin và Truyền thông")
    await stack.directory.add_unit("STTTT-VP", "Văn phòng Sở", parent_code="STTTT")
    with pytest.raises(NotFound):
        await stack.directory.add_unit("X", "X", parent_code="NONE")
    org = await stack.directory.add_account(
        NewAccount(
            address="stttt@sonla.gov.vn",
            display_name="Sở TT&TT",
            password="Mk@12345678",
            kind="organisation",
            unit_code="STTTT",
        )
    )
    assert org.kind is MailboxKind.ORGANISATION
    assert [a.address for a in await stack.directory.list_accounts()] == ["stttt@sonla.gov.vn"]
