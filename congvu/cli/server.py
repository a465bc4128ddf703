"""``congvu init``, ``congvu serve`` and ``congvu demo`` (issue 9 item 1).

``init`` creates a data folder with ``congvu.toml``, a self-signed certificate and the
database for a province profile and domain; ``serve`` runs every listener in one process;
``demo`` sets up a demo province of Sơn La (profile ``sonla-2025``) on unprivileged loopback
ports with a few units and accounts, prints how to log in, then serves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from congvu import app as composition
from congvu.directory.api import NewAccount
from congvu.domain.errors import ConfigError, Conflict
from congvu.settings import CONFIG_FILE_NAME, Settings, load_settings, render_toml, settings_from_mapping

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Tệp cấu hình TOML / TOML configuration file", show_default=False),
]


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"congvu: {message}", err=True)
    return typer.Exit(code)


def load(config: Path | None) -> Settings:
    """Settings for a command, or exit 2 naming the bad key."""
    try:
        return load_settings(config)
    except ConfigError as exc:
        raise fail(str(exc)) from None


def setup_logging(worker: int | None = None) -> None:
    tag = "" if worker is None else f"[worker {worker}] "
    fmt = f"%(asctime)s {tag}%(name)s %(message)s"
    logging.basicConfig(level=logging.INFO, format=fmt, stream=sys.stderr)
    logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd's per-command chatter
    logging.getLogger("alembic").setLevel(logging.WARNING)


def check_profile(name: str) -> None:
    """Validate a profile name with the regulation profile loader, when it is installed."""
    try:
        from congvu.regulation.profile import load_profile
    except ImportError:
        typer.echo(f"congvu: chưa kiểm tra được hồ sơ / profile not checked: {name!r}", err=True)
        return
    try:
        load_profile(name)
    except (ConfigError, LookupError, FileNotFoundError, ValueError) as exc:
        raise fail(f"mail.profile: hồ sơ không hợp lệ / unknown or invalid profile {name!r}: {exc}") from None


def initialise(settings: Settings, *, force: bool = False) -> Path:
    """Create the data folder, config file, certificate and database; return the config path."""
    data_dir = settings.server.data_dir.resolve()
    settings = settings.model_copy(
        update={"server": settings.server.model_copy(update={"data_dir": data_dir})}
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    config_path = data_dir / CONFIG_FILE_NAME
    if force or not config_path.exists():
        config_path.write_text(render_toml(settings), encoding="utf-8")
    if force or not settings.cert_path.exists():
        host = settings.server.hostname
        composition.make_self_signed_certificate(settings.cert_path, settings.key_path, host)
    composition.upgrade_database(settings)
    return config_path


def init(
    config: ConfigOption = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Thư mục dữ liệu / data folder", show_default=False)
    ] = None,
    profile: Annotated[
        str | None, typer.Option(help="Hồ sơ quy chế của tỉnh / the province's regulation profile")
    ] = None,
    domain: Annotated[str | None, typer.Option(help="Tên miền thư / mail domain (sonla.gov.vn)")] = None,
    hostname: Annotated[
        str | None, typer.Option(help="Tên máy chủ / server name (mail.sonla.gov.vn)")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Ghi đè cấu hình, chứng chỉ / overwrite config, certificate")
    ] = False,
) -> None:
    """Tạo thư mục dữ liệu, tệp cấu hình, chứng chỉ và cơ sở dữ liệu.

    Create the data folder, configuration file, certificate and database.
    """
    settings = load(config)
    updates: dict[str, dict[str, Any]] = {"server": {}, "mail": {}}
    if data_dir is not None:
        updates["server"]["data_dir"] = data_dir
    if hostname is not None:
        updates["server"]["hostname"] = hostname
    elif domain is not None and settings.server.hostname == "mail.example.gov.vn":
        updates["server"]["hostname"] = f"mail.{domain}"
    if profile is not None:
        updates["mail"]["profile"] = profile
    if domain is not None:
        updates["mail"]["domain"] = domain
    try:
        settings = settings_from_mapping(
            {k: {**v.model_dump(), **updates.get(k, {})} for k, v in settings}, source="command line"
        )
    except ConfigError as exc:
        raise fail(str(exc)) from None
    check_profile(settings.mail.profile)
    path = initialise(settings, force=force)
    typer.echo(f"Đã tạo / created: {path}")
    typer.echo(f"Chạy / run: congvu serve --config {path}")


def serve(
    config: ConfigOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Số tiến trình dùng chung cổng (server.workers) / worker processes sharing the ports",
            show_default=False,
        ),
    ] = None,
    worker: Annotated[int | None, typer.Option("--worker", hidden=True)] = None,
) -> None:
    """Chạy mọi dịch vụ (SMTP, IMAP, web) trong một tiến trình, hoặc nhiều tiến trình (--workers).

    Run every listener (SMTP, IMAP, web) in one process (or in --workers N processes sharing
    the ports) until SIGTERM or SIGINT.
    """
    settings = load(config)
    if workers is not None:
        settings = settings.model_copy(
            update={"server": settings.server.model_copy(update={"workers": workers})}
        )
    if not settings.server.data_dir.is_dir():
        path = settings.server.data_dir
        raise fail(f"server.data_dir: {path} chưa có, hãy chạy / does not exist, run: congvu init")
    setup_logging(worker)
    if worker is None and settings.server.workers > 1:
        _supervise(settings, config)
        return
    try:
        asyncio.run(composition.serve(settings, on_ready=_print_ports, worker=worker is not None))
    except ConfigError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"không mở được cổng / cannot listen: {exc}", code=1) from None
    except Exception as exc:  # a database that does not answer, a broken store: say so, exit 1
        logging.getLogger("congvu").exception("congvu serve stopped")
        raise fail(f"không khởi động được / cannot start: {type(exc).__name__}: {exc}", code=1) from None


def _supervise(settings: Settings, config: Path | None) -> None:
    from congvu.supervisor import supervise

    try:
        code = supervise(settings, config)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # the store does not open: say so, exit 1
        logging.getLogger("congvu").exception("congvu serve stopped")
        raise fail(f"không khởi động được / cannot start: {type(exc).__name__}: {exc}", code=1) from None
    if code:
        raise fail(f"một tiến trình con đã dừng / a worker process died (exit {code})", code=code)


def _print_ports(running: composition.Running) -> None:
    ports = ", ".join(f"{name} {port}" for name, port in running.ports.items())
    typer.echo(f"congvu: đang phục vụ / serving: {ports}", err=True)


# -- demo -------------------------------------------------------------------------------
DEMO_DOMAIN = "demo.sonla.gov.vn"
DEMO_PROFILE = "sonla-2025"
DEMO_PASSWORD = "SonLa@Demo2025"
DEMO_PORTS = {
    "smtp": 2525, "submission": 2587, "submissions": 2465, "imap": 2143, "imaps": 2993, "http": 8080,
}  # fmt: skip


@dataclass(frozen=True)
class DemoAccount:
    local: str
    family: str
    middle: str
    given: str
    unit: str
    kind: str = "personal"

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.family, self.middle, self.given) if p)


DEMO_UNITS = (
    ("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("skhcn", "Sở Khoa học và Công nghệ"),
    ("snv", "Sở Nội vụ"),
    ("ubndmuongla", "Ủy ban nhân dân huyện Mường La"),
)
DEMO_ACCOUNTS = (
    DemoAccount("duyenct.skhcn", "Cầm", "Thị", "Duyên", "skhcn"),
    DemoAccount("minhlv.skhcn", "Lò", "Văn", "Minh", "skhcn"),
    DemoAccount("huongnt.vpubnd", "Nguyễn", "Thị", "Hương", "vpubnd"),
    DemoAccount("binhqv.snv", "Quàng", "Văn", "Bình", "snv"),
    DemoAccount("thuylt.ubndmuongla", "Lường", "Thị", "Thủy", "ubndmuongla"),
    DemoAccount("skhcn", "", "", "Sở Khoa học và Công nghệ", "skhcn", kind="organisation"),
)


def demo_settings(data_dir: Path, config: Path | None) -> Settings:
    base = load(config)
    data: dict[str, dict[str, Any]] = {k: v.model_dump() for k, v in base}
    data["server"].update(data_dir=data_dir.resolve(), hostname=f"mail.{DEMO_DOMAIN}", listen="127.0.0.1")
    data["mail"].update(domain=DEMO_DOMAIN, profile=DEMO_PROFILE)
    data["ports"].update(DEMO_PORTS)
    data["tls"].update(allow_plaintext_auth_on_loopback=True)
    try:
        return settings_from_mapping(data, source="demo")
    except ConfigError as exc:
        raise fail(str(exc)) from None


async def seed_demo(services: composition.Services) -> None:
    """Units and accounts of the demo province; existing ones are kept (the demo can restart)."""
    admin = services.admin
    with contextlib.suppress(Conflict):
        await admin.add_domain(DEMO_DOMAIN)
    for code, name in DEMO_UNITS:
        with contextlib.suppress(Conflict):
            await admin.add_unit(code, name)
    for acc in DEMO_ACCOUNTS:
        with contextlib.suppress(Conflict):
            await admin.add_account(
                NewAccount(
                    address=f"{acc.local}@{DEMO_DOMAIN}",
                    display_name=acc.display_name,
                    password=DEMO_PASSWORD,
                    kind=acc.kind,
                    family_name=acc.family,
                    middle_name=acc.middle,
                    given_name=acc.given,
                    unit_code=acc.unit,
                    quota_bytes=services.default_quota,
                )
            )


def demo_banner(settings: Settings) -> str:
    p = settings.ports
    lines = [
        "",
        f"Tỉnh mẫu / demo province: {DEMO_DOMAIN} (hồ sơ / profile {DEMO_PROFILE})",
        f"  Trang web / web:        http://127.0.0.1:{p.http}/",
        f"  IMAP:                   127.0.0.1:{p.imap} (loopback, không mã hóa / plaintext), IMAPS {p.imaps}",
        f"  SMTP gửi / submission:  127.0.0.1:{p.submission} (AUTH PLAIN/LOGIN), SMTPS {p.submissions}",
        f"  SMTP nhận / inbound:    127.0.0.1:{p.smtp} (không cần đăng nhập / no AUTH)",
        f"  Mật khẩu mọi tài khoản / password of every account: {DEMO_PASSWORD}",
        "  Tài khoản / accounts:",
    ]
    lines += [f"    {a.local + '@' + DEMO_DOMAIN:<40} {a.display_name}" for a in DEMO_ACCOUNTS]
    lines.append("  Dừng / stop: Ctrl+C")
    return "\n".join(lines)


def demo(
    config: ConfigOption = None,
    data_dir: Annotated[
        Path, typer.Option("--data-dir", help="Thư mục dữ liệu của tỉnh mẫu / demo data folder")
    ] = Path("demo-data"),
) -> None:
    """Chạy tỉnh mẫu Sơn La với vài đơn vị và tài khoản, in cách đăng nhập.

    Run a demo province (Sơn La) with a few units and accounts, print how to log in, and serve.
    """
    settings = demo_settings(data_dir, config)
    check_profile(settings.mail.profile)
    initialise(settings)
    setup_logging()

    async def main() -> None:
        services = await composition.open_services(settings)
        try:
            await seed_demo(services)
            typer.echo(demo_banner(settings))
            await composition.serve(settings, services=services, on_ready=_print_ports)
        finally:
            await services.close()

    try:
        asyncio.run(main())
    except OSError as exc:
        raise fail(f"không mở được cổng / cannot listen: {exc}", code=1) from None


def register(app: typer.Typer) -> None:
    """Add ``init``, ``serve`` and ``demo`` to the `congvu` app."""
    app.command("init")(init)
    app.command("serve")(serve)
    app.command("demo")(demo)
