"""Crash safety: SIGKILL the server in the middle of concurrent SMTP deliveries, restart, check.

Every message that got 250 must be there exactly once and intact, in every recipient's INBOX
(read back over IMAP); a message that did not get 250 may be there or not, but never half:
intact, and in both recipients' mailboxes or in neither (one transaction per batch). DESIGN.md
"never answering 250 before the message is durable".
"""

from __future__ import annotations

import hashlib
import imaplib
import random
import re
import smtplib
import threading
import time
from pathlib import Path

import pytest

from congvu.testing.server import CongvuProcess

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DOMAIN = "sonla.gov.vn"
PASSWORD = "Crash@Test-2025"
RCPTS = (f"vanthu.skhcn@{DOMAIN}", f"lanhdao.skhcn@{DOMAIN}")
ROUNDS = 2
THREADS = 6
ID = re.compile(rb"Subject: crash (\d+-\d+-\d+)\r\n")


def message(ident: str) -> bytes:
    """Deterministic content per id, 1–40 KB, so a served copy can be checked byte for byte."""
    rnd = random.Random(ident)
    lines = [
        hashlib.sha256(f"{ident}-{i}".encode()).hexdigest().encode() for i in range(rnd.randint(15, 600))
    ]
    return (
        f"From: sender@other.vn\r\nTo: {RCPTS[0]}\r\nSubject: crash {ident}\r\n\r\n".encode()
        + b"\r\n".join(lines)
        + b"\r\n"
    )


def sender(port: int, round_no: int, worker: int, acked: set[str], stop: threading.Event) -> None:
    n = 0
    while not stop.is_set():
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as s:
                while not stop.is_set():
                    ident = f"{round_no}-{worker}-{n}"
                    n += 1
                    s.sendmail("sender@other.vn", list(RCPTS), message(ident))
                    acked.add(ident)  # only after the 250
        except (OSError, smtplib.SMTPException):
            time.sleep(0.05)


def inbox(port: int, address: str) -> list[bytes]:
    c = imaplib.IMAP4("127.0.0.1", port, timeout=60)
    try:
        c.login(address, PASSWORD)
        typ, data = c.select("INBOX", readonly=True)
        if data == [b"0"]:
            return []
        typ, data = c.uid("FETCH", "1:*", "(BODY.PEEK[])")
        assert typ == "OK"
        return [part[1] for part in data if isinstance(part, tuple)]
    finally:
        c.logout()


def test_sigkill_during_deliveries_loses_no_acknowledged_message(backend_url: str, tmp_path: Path) -> None:
    server = CongvuProcess(tmp_path / "congvu", backend_url, domain=DOMAIN)
    server.init()
    server.add_accounts(dict.fromkeys(RCPTS, PASSWORD))
    acked: set[str] = set()
    rnd = random.Random(20251125)
    for round_no in range(ROUNDS):
        server.start()
        stop = threading.Event()
        workers = [
            threading.Thread(
                target=sender, args=(server.ports["smtp"], round_no, w, acked, stop), daemon=True
            )
            for w in range(THREADS)
        ]
        for w in workers:
            w.start()
        time.sleep(0.6 + rnd.random())
        server.kill()  # SIGKILL in the middle of the traffic
        stop.set()
        for w in workers:
            w.join(30)
    assert acked, "no message was acknowledged before the kills"
    server.start()
    try:
        seen: dict[str, list[str]] = {}
        for address in RCPTS:
            for served in inbox(server.ports["imap"], address):
                m = ID.search(served)
                assert m is not None, served[:400]
                ident = m.group(1).decode()
                expected = message(ident)
                assert served.endswith(expected), f"half-written or altered message {ident} for {address}"
                seen.setdefault(ident, []).append(address)
        for ident in acked:
            assert sorted(seen.get(ident, [])) == sorted(RCPTS), f"acknowledged {ident}: {seen.get(ident)}"
        for ident, where in seen.items():
            assert sorted(where) == sorted(RCPTS), f"{ident} in {where}: not all-or-nothing, or duplicated"
        print(f"crash test: {len(acked)} acknowledged, {len(seen)} stored after {ROUNDS} SIGKILLs")
    finally:
        assert server.stop() == 0, server.log_tail()
