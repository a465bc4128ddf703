"""Composition root: Settings → adapters → services → listeners; the only module that wires.

`open_services` builds the storage adapters (congvu.store) and the services on them;
`start_listeners` opens every listener of `Settings.ports` (SMTP MX, submission with
STARTTLS, submissions with implicit TLS, IMAP, IMAPS, HTTP) in the running event loop;
`serve` runs them all in one process and one asyncio loop until SIGTERM or SIGINT (or, with
``server.workers`` > 1, in each of several worker processes: congvu.supervisor), then shuts
down cleanly: listeners stop accepting, deliveries in flight finish (a message that got 250
is durable before the 250 is written, so nothing acknowledged is lost), connections close,
services flush and close.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import logging
import signal
import socket
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from congvu.delivery.api import Delivery
from congvu.directory.api import Directory, DirectoryAdmin
from congvu.domain.errors import ConfigError, Conflict
from congvu.events import EventSink, ListenerStarted, LogSink, ServerStopped
from congvu.imap.server import start_imap
from congvu.mailbox.api import Mailboxes
from congvu.settings import Settings
from congvu.smtp.server import SmtpListener, SmtpOptions, start_smtp
from congvu.smtp.stages import Role, Stages

log = logging.getLogger("congvu")


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# -- services ---------------------------------------------------------------------------
@dataclass
class Services:
    directory: Directory
    admin: DirectoryAdmin
    delivery: Delivery
    mailboxes: Mailboxes
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    default_quota: int | None = None  # the profile's mailbox quota (QN20-9, ST14-8.1, SL25-11.2…)

    async def close(self) -> None:
        for closer in reversed(self.closers):
            await closer()


WORKER_ORPHAN_GRACE_SECONDS = 3600.0


async def open_services(settings: Settings, *, orphan_grace_seconds: float | None = None) -> Services:
    """The real services on the configured store (SQLite or PostgreSQL metadata, blob files).

    The schema must be current (`upgrade_database`); an empty database is created here so a
    fresh ``congvu serve`` works, an older one asks for ``congvu db upgrade``.
    `orphan_grace_seconds` (docs/storage.md "Several processes"): a worker among several keeps
    younger unreferenced blobs at start, since they may be another worker's message in flight.
    """
    from congvu.delivery.service import DeliveryService
    from congvu.directory.service import DirectoryService
    from congvu.mailbox.service import MailboxService
    from congvu.regulation.profile import load_profile
    from congvu.store import FileBlobStore, InProcessNotifier, current_revision, head_revision, open_metastore

    profile = load_profile(settings.mail.profile)  # ConfigError naming the profile when unknown
    url = settings.database_url
    current = await asyncio.to_thread(current_revision, url)
    if current is None:
        await asyncio.to_thread(upgrade_database, settings)
    elif current != head_revision():
        raise ConfigError(f"database.url: schema {current} is not current; run `congvu db upgrade`")
    meta = await asyncio.to_thread(open_metastore, url)
    settings.blob_dir.mkdir(parents=True, exist_ok=True)
    blobs = FileBlobStore(settings.blob_dir)
    notifier = InProcessNotifier()
    quota_rule = profile.mailbox_quota.rule or "SL25-11.2"
    delivery = DeliveryService(
        meta,
        blobs,
        settings.server.hostname,
        notifier=notifier,
        quota_rule=quota_rule,
        orphan_grace_seconds=orphan_grace_seconds,
    )
    await asyncio.to_thread(delivery.start)
    mailboxes = MailboxService(meta, blobs, notifier=notifier, quota_rule=quota_rule)
    directory = DirectoryService(meta)

    async def close_store() -> None:
        await asyncio.to_thread(blobs.close)
        await asyncio.to_thread(meta.close)

    async def stop_delivery() -> None:
        await asyncio.to_thread(delivery.stop)

    services = Services(
        directory, directory, delivery, mailboxes, [close_store, stop_delivery], profile.mailbox_quota.value
    )
    with contextlib.suppress(Conflict):
        await directory.add_domain(settings.mail.domain)
    return services


def upgrade_database(settings: Settings) -> None:
    """Create or migrate the metadata schema (``congvu db upgrade``; Alembic to head)."""
    from congvu.store import upgrade

    settings.server.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.database_url)


# -- TLS --------------------------------------------------------------------------------
def make_self_signed_certificate(cert_path: Path, key_path: Path, hostname: str) -> None:
    """A self-signed certificate for STARTTLS, 465 and 993 (replace it: docs/operations.md)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostname)])
    now = now_utc()
    alt: list[x509.GeneralName] = [x509.DNSName(hostname), x509.DNSName("localhost")]
    alt.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def server_tls_context(settings: Settings) -> ssl.SSLContext | None:
    """The server context, or None when no certificate exists (then no STARTTLS, 465 or 993)."""
    if not settings.cert_path.exists() or not settings.key_path.exists():
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(settings.cert_path, settings.key_path)
    except (ssl.SSLError, OSError) as exc:
        raise ConfigError(f"tls.cert / tls.key: cannot load {settings.cert_path}: {exc}") from None
    return context


# -- listeners --------------------------------------------------------------------------
@dataclass
class Running:
    """The listeners of one process and the ports they got."""

    smtp: list[SmtpListener] = field(default_factory=list)
    http: Any = None  # uvicorn.Server
    extra: list[Any] = field(default_factory=list)  # objects with `port` and `async close(grace)`
    ports: dict[str, int] = field(default_factory=dict)

    async def close(self, grace: float) -> None:
        await asyncio.gather(*(listener.close(grace) for listener in self.smtp))
        await asyncio.gather(*(listener.close(grace) for listener in self.extra))
        if self.http is not None:
            await self.http.shutdown()


def _http_socket(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(512)
    sock.setblocking(False)
    return sock


async def start_listeners(
    settings: Settings,
    services: Services,
    *,
    events: EventSink,
    clock: Callable[[], dt.datetime] = now_utc,
    reuse_port: bool = False,
) -> Running:
    """Open every configured listener; `reuse_port` lets sibling worker processes share ports."""
    running = Running()
    host = settings.server.listen
    tls = server_tls_context(settings)
    ports = settings.ports
    loopback_plain = settings.tls.allow_plaintext_auth_on_loopback
    try:
        smtp_specs: list[tuple[str, int, Role, bool]] = [
            ("smtp", ports.smtp, Role.MX, False),
            ("submission", ports.submission, Role.SUBMISSION, False),
        ]
        if tls is not None:
            smtp_specs.append(("submissions", ports.submissions, Role.SUBMISSION, True))
        for name, port, role, implicit in smtp_specs:
            if not port:
                continue
            stages = Stages(
                role=role,
                directory=services.directory,
                delivery=services.delivery,
                events=events,
                clock=clock,
                max_recipients=settings.mail.max_recipients,
            )
            options = SmtpOptions(
                hostname=settings.server.hostname,
                max_message_bytes=settings.mail.max_message_bytes,
                tls_context=tls,
                implicit_tls=implicit,
                auth_required=role is Role.SUBMISSION,
                offer_auth=role is Role.SUBMISSION,
                allow_plaintext_auth_on_loopback=loopback_plain,
            )
            listener = await start_smtp(
                name, host, port, stages=stages, options=options,
                directory=services.directory, events=events, clock=clock, reuse_port=reuse_port,
            )  # fmt: skip
            running.smtp.append(listener)
            running.ports[name] = listener.port
        await _start_imap(settings, services, running, tls, events, clock, reuse_port)
        if ports.http:
            await _start_http(settings, running, reuse_port)
    except BaseException:
        await running.close(0)
        raise
    for name, port in running.ports.items():
        events.emit(ListenerStarted(time=clock(), name=name, host=host, port=port))
    return running


async def _start_imap(
    settings: Settings,
    services: Services,
    running: Running,
    tls: ssl.SSLContext | None,
    events: EventSink,
    clock: Callable[[], dt.datetime],
    reuse_port: bool,
) -> None:
    """IMAP on 143 (STARTTLS) and IMAPS on 993 (implicit TLS, only with a certificate)."""
    for name, port, implicit in (("imap", settings.ports.imap, False), ("imaps", settings.ports.imaps, True)):
        if not port or (implicit and tls is None):
            continue
        listener = await start_imap(
            name,
            settings.server.listen,
            port,
            directory=services.directory,
            mailboxes=services.mailboxes,
            events=events,
            clock=clock,
            tls_context=tls,
            implicit_tls=implicit,
            allow_plaintext_auth_on_loopback=settings.tls.allow_plaintext_auth_on_loopback,
            hostname=settings.server.hostname,
            reuse_port=reuse_port,
        )
        running.extra.append(listener)
        running.ports[name] = listener.port


async def _start_http(settings: Settings, running: Running, reuse_port: bool) -> None:
    import uvicorn

    from congvu.web.app import create_app
    from congvu.web.site import SiteInfo

    sock = _http_socket(settings.server.listen, settings.ports.http, reuse_port=reuse_port)
    running.ports["http"] = int(sock.getsockname()[1])
    site = SiteInfo(
        hostname=settings.server.hostname,
        domain=settings.mail.domain,
        ports=running.ports,
        plaintext_loopback=settings.tls.allow_plaintext_auth_on_loopback,
        default_lang=settings.server.language,
    )
    config = uvicorn.Config(
        create_app(site), lifespan="off", log_level="warning", access_log=False, timeout_graceful_shutdown=5
    )
    config.load()
    server = uvicorn.Server(config)
    server.lifespan = config.lifespan_class(config)
    await server.startup(sockets=[sock])
    running.http = server


# -- the process ------------------------------------------------------------------------
async def serve(
    settings: Settings,
    *,
    services: Services | None = None,
    stop: asyncio.Event | None = None,
    on_ready: Callable[[Running], None] | None = None,
    events: EventSink | None = None,
    worker: bool = False,
) -> None:
    """Run every listener until SIGTERM/SIGINT (or `stop`), then shut down without losing mail.

    `worker`: this process is one of ``server.workers`` (congvu.supervisor): listeners use
    SO_REUSEPORT and start-up recovery keeps blobs younger than WORKER_ORPHAN_GRACE_SECONDS
    (the supervisor ran the full recovery once before starting any worker).
    """
    sink = events or LogSink()
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    # Handlers first: a SIGTERM that arrives while listeners open still shuts down cleanly.
    installed: list[signal.Signals] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
    owned = services is None
    try:
        grace = WORKER_ORPHAN_GRACE_SECONDS if worker else None
        services = services or await open_services(settings, orphan_grace_seconds=grace)
        try:
            running = await start_listeners(settings, services, events=sink, reuse_port=worker)
            try:
                if on_ready is not None:
                    on_ready(running)
                await stop.wait()
            finally:
                await running.close(settings.server.shutdown_grace_seconds)
                sink.emit(ServerStopped(time=now_utc(), reason="signal"))
        finally:
            if owned:
                await services.close()
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
