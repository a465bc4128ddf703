"""``congvu serve --workers 2``: two processes sharing the ports (SO_REUSEPORT) under a supervisor.

Pins congvu.supervisor: messages delivered over many concurrent connections (spread by the
kernel over both workers) are each stored exactly once and read back over IMAP; SIGTERM
stops both workers and the parent exits 0 (each worker drains as a single process does);
a worker that dies makes the parent stop the other and exit non-zero (no half-service).
"""

from __future__ import annotations

import imaplib
import os
import re
import signal
import smtplib
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from congvu.testing.server import CongvuProcess

pytestmark = [pytest.mark.e2e]

DOMAIN = "sonla.gov.vn"
PASSWORD = "Workers@Test-2025"
RCPTS = tuple(f"{u}@{DOMAIN}" for u in ("vanthu.skhcn", "lanhdao.skhcn", "chanhvp.vpubnd"))
CONNECTIONS = 20
PER_CONNECTION = 10
SUBJECT = re.compile(rb"Subject: workers (\d+-\d+)")


def alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_gone(pids: list[int], timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def wait_workers(server: CongvuProcess, count: int, timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = server.worker_pids()
        if len(pids) == count and server.log_tail(100_000).count("serving:") == count:
            return pids
        time.sleep(0.05)
    raise AssertionError(f"{count} workers did not start: {server.log_tail()}")


def send(port: int, conn: int) -> list[tuple[str, str]]:
    """One SMTP connection, PER_CONNECTION messages; returns (id, recipient) of each 250."""
    acked = []
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        for n in range(PER_CONNECTION):
            ident = f"{conn}-{n}"
            rcpt = RCPTS[(conn * PER_CONNECTION + n) % len(RCPTS)]
            body = f"From: sender@other.vn\r\nTo: {rcpt}\r\nSubject: workers {ident}\r\n\r\n" + "x" * 2000
            s.sendmail("sender@other.vn", [rcpt], body.encode())
            acked.append((ident, rcpt))
    return acked


def subjects(port: int, address: str) -> list[str]:
    c = imaplib.IMAP4("127.0.0.1", port, timeout=30)
    try:
        c.login(address, PASSWORD)
        typ, data = c.select("INBOX", readonly=True)
        assert typ == "OK"
        if data == [b"0"]:
            return []
        typ, data = c.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        assert typ == "OK"
        found = [SUBJECT.search(part[1]) for part in data if isinstance(part, tuple)]
        return [m.group(1).decode() for m in found if m]
    finally:
        c.logout()


@pytest.fixture(scope="module")
def server(backend_url: str, tmp_path_factory: pytest.TempPathFactory) -> CongvuProcess:
    """Initialised once per backend; each test starts (and ends) its own `serve --workers 2`."""
    proc = CongvuProcess(tmp_path_factory.mktemp("workers") / "congvu", backend_url, domain=DOMAIN, workers=2)
    proc.init()
    proc.add_accounts(dict.fromkeys(RCPTS, PASSWORD))
    return proc


def test_two_workers_store_every_message_once_and_stop_on_sigterm(server: CongvuProcess) -> None:
    server.start()
    try:
        workers = wait_workers(server, 2)
        with ThreadPoolExecutor(CONNECTIONS) as pool:
            batches = list(pool.map(lambda c: send(server.ports["smtp"], c), range(CONNECTIONS)))
        acked = [item for batch in batches for item in batch]
        assert len(acked) == CONNECTIONS * PER_CONNECTION
        for rcpt in RCPTS:
            expected = sorted(ident for ident, r in acked if r == rcpt)
            assert sorted(subjects(server.ports["imap"], rcpt)) == expected  # each exactly once
    except BaseException:
        server.kill()
        raise
    code = server.stop()
    assert code == 0, server.log_tail()
    assert wait_gone(workers), "a worker outlived the supervisor"


def test_a_dead_worker_stops_the_other_and_the_supervisor_fails(server: CongvuProcess) -> None:
    server.start()
    proc = server.proc
    assert proc is not None
    try:
        first, second = wait_workers(server, 2)
        os.kill(first, signal.SIGKILL)
        code = proc.wait(30)
    finally:
        server.kill()
    assert code != 0
    assert wait_gone([first, second]), "the surviving worker was not stopped"
    assert "exited with -9" in server.log_tail(100_000)
