"""``congvu account add/list/passwd``: operator commands on mailboxes, through `DirectoryAdmin`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from congvu import app as composition
from congvu.cli.server import ConfigOption, fail, load
from congvu.directory.api import NewAccount
from congvu.domain.errors import Conflict, CongvuError, NotFound, PolicyDenied
from congvu.domain.mail import AccountRef
from congvu.regulation.profile import parse_size
from congvu.render import text

T = TypeVar("T")

account_app = typer.Typer(
    help="Quản lý tài khoản thư / manage mail accounts", no_args_is_help=True, rich_markup_mode=None
)


def _run(config: Path | None, action: Callable[[composition.Services], Awaitable[T]]) -> T:
    settings = load(config)

    async def main() -> T:
        services = await composition.open_services(settings)
        try:
            return await action(services)
        finally:
            await services.close()

    try:
        return asyncio.run(main())
    except PolicyDenied as denied:
        reasons = "; ".join(text(v, "vi") + " / " + text(v, "en") for v in denied.decision.violations)
        raise fail(reasons, code=1) from None
    except Conflict as exc:
        raise fail(f"đã tồn tại / already exists: {exc}", code=1) from None
    except NotFound as exc:
        raise fail(f"không tìm thấy / not found: {exc}", code=1) from None
    except CongvuError as exc:
        raise fail(str(exc), code=1) from None


def _password(given: str | None) -> str:
    if given is not None:
        return given
    value: str = typer.prompt("Mật khẩu / password", hide_input=True, confirmation_prompt=True)
    return value


@account_app.command("add")
def add(
    address: Annotated[str, typer.Argument(help="Địa chỉ thư / e-mail address")],
    name: Annotated[str, typer.Option("--name", help="Họ và tên / display name")] = "",
    password: Annotated[str | None, typer.Option(help="Mật khẩu (bỏ trống để nhập) / password")] = None,
    unit: Annotated[str | None, typer.Option(help="Mã đơn vị / unit code")] = None,
    kind: Annotated[str, typer.Option(help="personal | organisation")] = "personal",
    quota: Annotated[
        str | None,
        typer.Option(help="Dung lượng, ví dụ / quota, e.g. '5 GiB' (mặc định theo quy chế / profile)"),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Tạo tài khoản và các thư mục chuẩn. / Create an account and its standard folders."""
    if kind not in ("personal", "organisation"):
        raise fail("--kind: personal | organisation")
    quota_bytes: int | None = None
    if quota is not None:
        try:
            quota_bytes = parse_size(int(quota) if quota.isdigit() else quota)
        except ValueError as exc:
            raise fail(f"--quota: {exc}") from None
    secret = _password(password)

    async def create(services: composition.Services) -> AccountRef:
        new = NewAccount(
            address=address, display_name=name or address, password=secret, kind=kind, unit_code=unit,
            quota_bytes=services.default_quota if quota_bytes is None else quota_bytes,
        )  # fmt: skip
        return await services.admin.add_account(new)

    ref = _run(config, create)
    typer.echo(f"Đã tạo / created: {ref.address} (id {ref.id})")


@account_app.command("list")
def list_(config: ConfigOption = None) -> None:
    """Liệt kê tài khoản. / List accounts."""
    refs = _run(config, lambda services: services.admin.list_accounts())
    for ref in sorted(refs, key=lambda r: r.address):
        typer.echo(f"{ref.address}\t{ref.kind.value}\t{ref.state.value}\t{ref.display_name}")


@account_app.command("passwd")
def passwd(
    address: Annotated[str, typer.Argument(help="Địa chỉ thư / e-mail address")],
    password: Annotated[str | None, typer.Option(help="Mật khẩu mới / new password")] = None,
    config: ConfigOption = None,
) -> None:
    """Đặt mật khẩu mới. / Set a new password."""
    new_password = _password(password)
    _run(config, lambda services: services.admin.set_password(address, new_password))
    typer.echo(f"Đã đổi mật khẩu / password changed: {address}")


def register(app: typer.Typer) -> None:
    """Add the ``account`` group to the `congvu` app."""
    app.add_typer(account_app, name="account")
