"""Operator commands against a real data folder, and a clean SIGTERM during deliveries.

``congvu init`` (profile checked by the regulation loader), ``account add/list/passwd``,
``db upgrade``; then ``serve`` is stopped with SIGTERM while clients are sending: it exits 0
and every message that got 250 is in the mailbox after a restart (issue 9 item 1: "clean
shutdown on SIGTERM/SIGINT and no message lost").
"""

from __future__ import annotations

import imaplib
import smtplib
import threading
import time
from pathlib import Path

import pytest

from congvu.testing.server import CongvuProcess

pytestmark = pytest.mark.e2e

DOMAIN = "quangnam.gov.vn"
ADDRESS = f"hoanglm.stttt@{DOMAIN}"


def login_ok(server: CongvuProcess, password: str) -> bool:
    c = imaplib.IMAP4("127.0.0.1", server.ports["imap"], timeout=30)
    try:
        c.login(ADDRESS, password)
    except imaplib.IMAP4.error:
        c.shutdown()
        return False
    c.logout()
    return True


def test_operator_commands_and_sigterm_loses_nothing(tmp_path: Path) -> None:
    server = CongvuProcess(tmp_path / "congvu", domain=DOMAIN)
    server.data_dir.mkdir(parents=True)
    bad = server.cli("init", "--profile", "khong-co-2030", check=False)
    assert bad.returncode == 2
    assert "khong-co-2030" in bad.stderr
    server.cli("init", "--profile", "quangnam-2020", "--domain", DOMAIN)
    assert 'profile = "quangnam-2020"' in (server.data_dir / "congvu.toml").read_text(encoding="utf-8")
    server.add_account(ADDRESS, "Mat-khau@Cu-2025", name="Lê Minh Hoàng")
    listing = server.cli("account", "list").stdout
    assert ADDRESS in listing
    assert "Lê Minh Hoàng" in listing
    assert server.cli("account", "add", ADDRESS, "--password", "x" * 12, check=False).returncode == 1
    server.cli("account", "passwd", ADDRESS, "--password", "Mat-khau@Moi-2025")
    assert "database" in server.cli("db", "upgrade").stdout

    server.start()
    assert login_ok(server, "Mat-khau@Moi-2025")
    assert not login_ok(server, "Mat-khau@Cu-2025")
    acked: list[int] = []
    stop = threading.Event()

    def send() -> None:
        n = 0
        try:
            with smtplib.SMTP("127.0.0.1", server.ports["smtp"], timeout=30) as s:
                while not stop.is_set():
                    s.sendmail("vp@other.vn", [ADDRESS], f"Subject: term {n}\r\n\r\nso {n}\r\n".encode())
                    acked.append(n)
                    n += 1
        except (OSError, smtplib.SMTPException):
            pass

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    time.sleep(1.0)
    assert server.stop() == 0, server.log_tail()  # SIGTERM
    stop.set()
    sender.join(30)
    assert acked
    log = server.log_tail(100_000)
    assert "SERVER.STOP" in log

    server.start()
    try:
        c = imaplib.IMAP4("127.0.0.1", server.ports["imap"], timeout=30)
        c.login(ADDRESS, "Mat-khau@Moi-2025")
        c.select("INBOX", readonly=True)
        typ, data = c.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        assert typ == "OK"
        subjects = {part[1].strip() for part in data if isinstance(part, tuple)}
        c.logout()
        for n in acked:
            assert f"Subject: term {n}".encode() in subjects
    finally:
        assert server.stop() == 0
