"""Start a real `congvu serve` on free loopback ports in a temporary data folder (tests, benches).

`CongvuProcess` runs the installed command as a subprocess, exactly as an operator would
(``congvu init`` then ``congvu serve``), configured through ``CONGVU_*`` variables, so tests
exercise the CLI, the settings loader, every listener and the real store, and can SIGTERM or
SIGKILL the process. Plaintext AUTH is allowed on loopback (never in production).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PORT_NAMES = ("smtp", "submission", "submissions", "imap", "imaps", "http")


def free_ports(count: int) -> list[int]:
    """`count` distinct ports that were free a moment ago on 127.0.0.1."""
    socks = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [int(s.getsockname()[1]) for s in socks]
    finally:
        for s in socks:
            s.close()


def wait_port(port: int, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
        time.sleep(0.05)
    return False


def child_pids(pid: int) -> list[int]:
    """Direct children of `pid` (/proc/PID/task/*/children), [] when unknown."""
    pids: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


def congvu_command() -> list[str]:
    exe = Path(sys.executable).with_name("congvu")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "congvu.cli.main"]


@dataclass
class CongvuProcess:
    """One throw-away server: data folder, database, ports, and the `serve` subprocess."""

    data_dir: Path
    database_url: str = ""
    domain: str = "sonla.gov.vn"
    max_message_bytes: int = 8 * 1024 * 1024
    extra_env: Mapping[str, str] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    starts: int = 0
    workers: int = 1  # > 1: ``congvu serve --workers N`` (congvu.supervisor)

    def __post_init__(self) -> None:
        if not self.ports:
            self.ports = dict(zip(PORT_NAMES, free_ports(len(PORT_NAMES)), strict=True))

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CONGVU_")}
        env.update(
            CONGVU_SERVER_DATA_DIR=str(self.data_dir),
            CONGVU_SERVER_LISTEN="127.0.0.1",
            CONGVU_SERVER_HOSTNAME=f"mail.{self.domain}",
            CONGVU_SERVER_SHUTDOWN_GRACE_SECONDS="5",
            CONGVU_MAIL_DOMAIN=self.domain,
            CONGVU_MAIL_MAX_MESSAGE_BYTES=str(self.max_message_bytes),
            CONGVU_TLS_ALLOW_PLAINTEXT_AUTH_ON_LOOPBACK="true",
            PYTHONDONTWRITEBYTECODE="1",
        )
        for name, port in self.ports.items():
            env[f"CONGVU_PORTS_{name.upper()}"] = str(port)
        if self.database_url:
            env["CONGVU_DATABASE_URL"] = self.database_url
        env.update(self.extra_env)
        return env

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    def cli(
        self, *args: str, stdin: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [*congvu_command(), *args],
            env=self.env,
            capture_output=True,
            text=True,
            input=stdin,
            timeout=120,
            check=False,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(
                f"congvu {' '.join(args)} failed ({proc.returncode}): {proc.stderr or proc.stdout}"
            )
        return proc

    def init(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.cli("init")

    def add_account(self, address: str, password: str, name: str = "") -> None:
        self.cli("account", "add", address, "--password", password, "--name", name or address)

    def add_accounts(self, accounts: Mapping[str, str]) -> None:
        """Create many accounts (address → password) in this process, through the services.

        Faster than one ``congvu account add`` per account; must not run inside an event loop.
        """
        import asyncio

        from congvu.app import open_services
        from congvu.directory.api import NewAccount
        from congvu.settings import load_settings

        settings = load_settings(None, env=self.env)

        async def main() -> None:
            services = await open_services(settings)
            try:
                for address, password in accounts.items():
                    await services.admin.add_account(NewAccount(address, address.split("@")[0], password))
            finally:
                await services.close()

        asyncio.run(main())

    def start(self, timeout: float = 60) -> None:
        self.starts += 1
        self.log_path = self.data_dir.parent / f"serve-{self.data_dir.name}-{self.starts}.log"
        with self.log_path.open("wb") as out:
            self.proc = subprocess.Popen(
                [*congvu_command(), "serve", *self.serve_args()],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        for name in ("smtp", "imap", "http"):
            if self.ports.get(name) and not wait_port(self.ports[name], timeout, self.proc):
                tail = self.log_tail()
                self.kill()
                raise RuntimeError(f"congvu serve did not listen on {name} {self.ports[name]}: {tail}")

    def serve_args(self) -> list[str]:
        return ["--workers", str(self.workers)] if self.workers > 1 else []

    def worker_pids(self) -> list[int]:
        """The process ids of the `serve` process's children (its workers), Linux only."""
        return child_pids(self.proc.pid) if self.proc is not None else []

    def log_tail(self, n: int = 3000) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-n:]

    def stop(self, timeout: float = 30) -> int | None:
        """SIGTERM and wait; returns the exit code."""
        if self.proc is None:
            return None
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                return proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
                return None
        return proc.returncode

    def kill(self) -> None:
        """SIGKILL: no cleanup at all (crash tests)."""
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
