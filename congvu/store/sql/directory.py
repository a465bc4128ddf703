"""`congvu.ports.DirectoryStore` on SQLAlchemy Core: domains (and alias domains), the unit tree,
accounts with their standard folders, and aliases.

Addresses are stored lower-cased (the directory service normalises them), so lookups are plain
equality on a unique index. A duplicate address or name raises `Conflict`.

Every write that changes recipient resolution (domain, account, alias; later a state change)
bumps the `directory_version` row in its own transaction, so each process's directory cache
(`congvu.directory.service`) notices another process's change by reading one integer.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from congvu.domain.errors import Conflict, NotFound
from congvu.domain.mail import AccountRef, AccountState, MailboxKind
from congvu.ports import AccountRecord, DirectorySnapshot, DomainRow, NewAccountRow
from congvu.store.sql.engine import WRITE
from congvu.store.sql.schema import accounts, aliases, directory_version, domains, folders, units

_REF_COLUMNS = (accounts.c.id, accounts.c.address, accounts.c.kind, accounts.c.display_name, accounts.c.state)


def _ref(row: tuple[int, str, str, str, str]) -> AccountRef:
    return AccountRef(row[0], row[1], MailboxKind(row[2]), row[3], AccountState(row[4]))


def _bump_version(conn: Connection) -> None:
    conn.execute(
        update(directory_version)
        .where(directory_version.c.id == 1)
        .values(version=directory_version.c.version + 1)
    )


def _dt(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


class SqlDirectoryStore:
    engine: Engine

    def _write(self) -> Engine:
        return self.engine.execution_options(**WRITE)

    def add_domain(self, name: str, alias_of: str | None) -> None:
        try:
            with self._write().begin() as conn:
                target = None
                if alias_of is not None:
                    target = conn.execute(select(domains.c.id).where(domains.c.name == alias_of)).scalar()
                    if target is None:
                        raise NotFound(alias_of)
                conn.execute(
                    insert(domains).values(
                        name=name, alias_of=target, created_at=int(datetime.now(UTC).timestamp())
                    )
                )
                _bump_version(conn)
        except IntegrityError as exc:
            raise Conflict(name) from exc

    def find_domain(self, name: str) -> DomainRow | None:
        target = domains.alias("target")
        with self.engine.begin() as conn:
            row = conn.execute(
                select(domains.c.name, target.c.name)
                .outerjoin(target, target.c.id == domains.c.alias_of)
                .where(domains.c.name == name)
            ).first()
        return None if row is None else DomainRow(row[0], row[1])

    def add_unit(self, code: str, name: str, parent_code: str | None) -> None:
        try:
            with self._write().begin() as conn:
                parent = None
                if parent_code is not None:
                    parent = conn.execute(select(units.c.id).where(units.c.code == parent_code)).scalar()
                    if parent is None:
                        raise NotFound(parent_code)
                conn.execute(insert(units).values(code=code, name=name, parent_id=parent))
        except IntegrityError as exc:
            raise Conflict(code) from exc

    def add_account(self, row: NewAccountRow) -> AccountRef:
        created = int(row.created_at.timestamp())
        try:
            with self._write().begin() as conn:
                domain_id = conn.execute(select(domains.c.id).where(domains.c.name == row.domain)).scalar()
                if domain_id is None:
                    raise NotFound(row.domain)
                taken = conn.execute(select(aliases.c.id).where(aliases.c.address == row.address)).first()
                if taken is not None:
                    raise Conflict(row.address)
                unit_id = None
                if row.unit_code is not None:
                    unit_id = conn.execute(select(units.c.id).where(units.c.code == row.unit_code)).scalar()
                    if unit_id is None:
                        raise NotFound(row.unit_code)
                account_id = conn.execute(
                    insert(accounts)
                    .values(
                        address=row.address,
                        domain_id=domain_id,
                        kind=row.kind,
                        state=AccountState.ACTIVE.value,
                        display_name=row.display_name,
                        family_name=row.family_name,
                        middle_name=row.middle_name,
                        given_name=row.given_name,
                        unit_id=unit_id,
                        password_hash=row.password_hash,
                        quota_bytes=row.quota_bytes,
                        used_bytes=0,
                        message_count=0,
                        created_at=created,
                        password_changed_at=created,
                    )
                    .returning(accounts.c.id)
                ).scalar_one()
                conn.execute(
                    insert(folders),
                    [
                        {
                            "account_id": account_id,
                            "name": name,
                            "special_use": special,
                            "uidvalidity": created,
                            "uidnext": 1,
                            "highestmodseq": 0,
                        }
                        for name, special in row.folders
                    ],
                )
                _bump_version(conn)
        except IntegrityError as exc:
            raise Conflict(row.address) from exc
        return AccountRef(account_id, row.address, MailboxKind(row.kind), row.display_name)

    def find_account(self, address: str) -> AccountRecord | None:
        with self.engine.begin() as conn:
            row = conn.execute(
                select(
                    *_REF_COLUMNS,
                    accounts.c.password_hash,
                    accounts.c.quota_bytes,
                    accounts.c.used_bytes,
                    accounts.c.last_login_at,
                ).where(accounts.c.address == address)
            ).first()
        if row is None:
            return None
        return AccountRecord(_ref(row[:5]), row[5], row[6], row[7], _dt(row[8]))

    def find_alias(self, address: str) -> str | None:
        with self.engine.begin() as conn:
            return conn.execute(
                select(accounts.c.address)
                .join(aliases, aliases.c.account_id == accounts.c.id)
                .where(aliases.c.address == address)
            ).scalar()

    def add_alias(self, alias: str, target_account_id: int) -> None:
        try:
            with self._write().begin() as conn:
                if conn.execute(select(accounts.c.id).where(accounts.c.address == alias)).first() is not None:
                    raise Conflict(alias)
                conn.execute(insert(aliases).values(address=alias, account_id=target_account_id))
                _bump_version(conn)
        except IntegrityError as exc:
            raise Conflict(alias) from exc

    def list_accounts(self) -> list[AccountRef]:
        with self.engine.begin() as conn:
            rows = conn.execute(select(*_REF_COLUMNS).order_by(accounts.c.address)).all()
        return [_ref(tuple(row)) for row in rows]

    def set_password_hash(self, account_id: int, password_hash: str) -> None:
        with self._write().begin() as conn:
            conn.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(password_hash=password_hash, password_changed_at=int(datetime.now(UTC).timestamp()))
            )

    def record_login(self, account_id: int, when: datetime) -> None:
        with self._write().begin() as conn:
            conn.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(last_login_at=int(when.timestamp()))
            )

    def directory_version(self) -> int:
        with self.engine.begin() as conn:
            value = conn.execute(
                select(directory_version.c.version).where(directory_version.c.id == 1)
            ).scalar()
        return 0 if value is None else int(value)

    def directory_snapshot(self) -> DirectorySnapshot:
        target = domains.alias("target")
        with self.engine.begin() as conn:  # one transaction: a consistent view with its version
            version = conn.execute(
                select(directory_version.c.version).where(directory_version.c.id == 1)
            ).scalar()
            domain_rows = conn.execute(
                select(domains.c.name, target.c.name).outerjoin(target, target.c.id == domains.c.alias_of)
            ).all()
            account_rows = conn.execute(select(*_REF_COLUMNS)).all()
            alias_rows = conn.execute(
                select(aliases.c.address, accounts.c.address).join(
                    accounts, aliases.c.account_id == accounts.c.id
                )
            ).all()
        return DirectorySnapshot(
            version=0 if version is None else int(version),
            domains={row[0]: row[1] for row in domain_rows},
            accounts={row[1]: _ref(tuple(row)) for row in account_rows},
            aliases={row[0]: row[1] for row in alias_rows},
        )
