"""The first end-to-end path (issue 9 item 7): real server, real sockets, smtplib and imaplib.

SMTP submission with AUTH delivers to local mailboxes, the MX takes mail without AUTH,
IMAP reads it back byte-exact; RFC 5321 refusals (550 5.1.1, 535, 552, control characters)
and SMTP smuggling are checked on the wire. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import hashlib
import imaplib
import shutil
import smtplib
import socket
import subprocess

import pytest

from congvu.testing.server import CongvuProcess
from tests.e2e.conftest import ADDRESSES, PASSWORD, blob_files

pytestmark = pytest.mark.e2e
A, B, C = ADDRESSES


class RawSmtp:
    """Sends exact bytes (smtplib would dot-stuff after bare LF and fix line ends)."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.file = self.sock.makefile("rb")
        assert self.reply().startswith("220")
        assert self.cmd("EHLO client.other.vn").startswith("250")

    def reply(self) -> str:
        lines = []
        while True:
            line = self.file.readline()
            if not line:
                raise ConnectionError("closed")
            lines.append(line.decode("ascii", "replace").rstrip("\r\n"))
            if line[3:4] != b"-":
                return "\n".join(lines)

    def cmd(self, data: bytes | str) -> str:
        self.sock.sendall((data.encode() if isinstance(data, str) else data) + b"\r\n")
        return self.reply()

    def send_message(self, sender: str, rcpts: list[str], body: bytes) -> str:
        assert self.cmd(f"MAIL FROM:<{sender}>").startswith("250")
        for rcpt in rcpts:
            assert self.cmd(f"RCPT TO:<{rcpt}>").startswith("250")
        assert self.cmd("DATA").startswith("354")
        self.sock.sendall(body + b"\r\n.\r\n")
        return self.reply()

    def close(self) -> None:
        try:
            self.cmd("QUIT")
        finally:
            self.file.close()
            self.sock.close()


def imap_messages(server: CongvuProcess, address: str) -> list[bytes]:
    c = imaplib.IMAP4("127.0.0.1", server.ports["imap"], timeout=30)
    try:
        c.login(address, PASSWORD)
        typ, data = c.select("INBOX", readonly=True)
        assert typ == "OK"
        if data == [b"0"]:
            return []
        typ, data = c.uid("FETCH", "1:*", "(BODY.PEEK[])")
        assert typ == "OK"
        return [part[1] for part in data if isinstance(part, tuple)]
    finally:
        c.logout()


def without_trace(served: bytes, raw: bytes) -> bytes:
    """The stored part of a served copy: everything after this copy's trace block."""
    assert served.endswith(raw), served[:300]
    return served[len(served) - len(raw) :]


def test_submission_to_three_recipients_one_blob(server: CongvuProcess) -> None:
    raw = (
        "From: Cầm Thị Duyên <duyenct.skhcn@sonla.gov.vn>\r\nTo: phong@sonla.gov.vn\r\n"
        "Subject: =?utf-8?b?R2nhuqV5IG3hu51pIGjhu41w?=\r\nMessage-ID: <e2e-1@sonla.gov.vn>\r\n\r\n"
        "Kính gửi các đồng chí, mời họp lúc 8 giờ.\r\n"
    ).encode()
    with smtplib.SMTP("127.0.0.1", server.ports["submission"], timeout=30) as s:
        s.login(A, PASSWORD)
        refused = s.sendmail(A, [A, B, C], raw)
        assert refused == {}
    served = {addr: imap_messages(server, addr) for addr in (A, B, C)}
    copies = [next(m for m in served[a] if m.endswith(raw)) for a in (A, B, C)]
    traces = [c[: len(c) - len(raw)] for c in copies]
    assert all(without_trace(c, raw) == raw for c in copies)
    for address, trace in zip((A, B, C), traces, strict=True):
        assert f"Delivered-To: {address}".encode() in trace or address.encode() in trace
        assert b"Received: " in trace
    digest = hashlib.sha256(raw).hexdigest()
    assert [p.name for p in blob_files(server.blob_dir) if p.name == digest] == [digest]


MALFORMED = {
    "no_final_boundary": b'Content-Type: multipart/mixed; boundary="b1"\r\nSubject: x\r\n\r\n--b1\r\n'
    b"Content-Type: text/plain\r\n\r\nhello\r\n--b1\r\nContent-Type: text/plain\r\n\r\ncut",
    "bad_base64": b"Subject: b64\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not*base64===\r\nQUJD!!\r\n",
    "raw_8bit_headers": b"Subject: \xc4\x90\xe1\xbb\x81 ngh\xe1\xbb\x8b \xff\xfe\r\n"
    b"From: \xe9\xe8 <a@b>\r\n\r\nx\r\n",
    "huge_header_line": b"Subject: big\r\nX-Long: " + b"a" * (2 * 1024 * 1024) + b"\r\n\r\nbody\r\n",
    "lf_only": b"Subject: lf only\nFrom: a@b\n\nline 1\n.dot line after bare LF\nline 3\n",
    "nested_multipart": b"".join(
        b'Content-Type: multipart/mixed; boundary="n%d"\r\n\r\n--n%d\r\n' % (i, i) for i in range(100)
    )
    + b"Content-Type: text/plain\r\n\r\ndeep\r\n"
    + b"".join(b"--n%d--\r\n" % i for i in reversed(range(100))),
}


def test_malformed_mime_is_accepted_and_served_byte_exact(server: CongvuProcess) -> None:
    smtp = RawSmtp(server.ports["smtp"])
    try:
        for name, body in MALFORMED.items():
            reply = smtp.send_message("sender@other.vn", [B], body)
            assert reply.startswith("250"), (name, reply)
    finally:
        smtp.close()
    served = imap_messages(server, B)
    for name, body in MALFORMED.items():
        expected = body + b"\r\n"  # DATA ends with CRLF . CRLF; the CRLF belongs to the message
        assert any(m.endswith(expected) for m in served), name


def test_nul_bytes_are_accepted_and_served_byte_exact(server: CongvuProcess, backend_url: str) -> None:
    """Decision (docs/operations.md): DATA with NUL is accepted and stored as sent (issue 9)."""
    body = b"Subject: nul\r\n\r\nbefore\x00after\r\n\x00\r\n"
    smtp = RawSmtp(server.ports["smtp"])
    try:
        reply = smtp.send_message("sender@other.vn", [B], body)
    finally:
        smtp.close()
    assert reply.startswith("250"), reply
    assert any(m.endswith(body + b"\r\n") for m in imap_messages(server, B))


@pytest.mark.parametrize("fake_end", [b"\n.\n", b"\r.\n", b"\n.\r\n", b"\r.\r\n", b"\n.\r"])
def test_smtp_smuggling_never_ends_data_early(server: CongvuProcess, fake_end: bytes) -> None:
    marker = hashlib.sha1(fake_end).hexdigest().encode()
    smuggled = (
        b"Subject: outer " + marker + b"\r\n\r\nhello" + fake_end + b"MAIL FROM:<ceo@sonla.gov.vn>\r\n"
        b"RCPT TO:<" + C.encode() + b">\r\nDATA\r\nSubject: smuggled " + marker + b"\r\n\r\nevil\r\n"
    )
    smtp = RawSmtp(server.ports["smtp"])
    try:
        assert smtp.send_message("x@other.vn", [A], smuggled).startswith("250")
        assert smtp.cmd("NOOP").startswith("250")
    finally:
        smtp.close()
    assert any(m.endswith(smuggled + b"\r\n") for m in imap_messages(server, A))
    assert not any(b"smuggled " + marker in m for m in imap_messages(server, C))


def test_refusals_on_the_wire(server: CongvuProcess) -> None:
    smtp = RawSmtp(server.ports["smtp"])
    try:
        assert smtp.cmd("MAIL FROM:<x@other.vn>").startswith("250")
        assert smtp.cmd("RCPT TO:<khongco@sonla.gov.vn>").startswith("550 5.1.1")
        assert smtp.cmd("RCPT TO:<someone@example.com>").startswith("554 5.7.1")
        assert smtp.cmd(b"RCPT TO:<a\x00b@sonla.gov.vn>")[:3] in ("501", "553")
        assert smtp.cmd("RSET").startswith("250")
        too_big = b"Subject: big\r\n\r\n" + (b"z" * 998 + b"\r\n") * (server.max_message_bytes // 1000 + 10)
        smtp.cmd("MAIL FROM:<x@other.vn>")
        smtp.cmd(f"RCPT TO:<{A}>")
        assert smtp.cmd("DATA").startswith("354")
        smtp.sock.sendall(too_big + b".\r\n")
        assert smtp.reply().startswith("552")
        assert smtp.cmd("NOOP").startswith("250")
    finally:
        smtp.close()
    sub = RawSmtp(server.ports["submission"])
    try:
        sub.cmd("EHLO c")
        bad = base64.b64encode(f"\0{A}\0wrong-password".encode()).decode()
        assert sub.cmd(f"AUTH PLAIN {bad}").startswith("535")
        assert sub.cmd(f"MAIL FROM:<{A}>").startswith("530")
    finally:
        sub.close()


def test_imap_basics_with_imaplib(server: CongvuProcess) -> None:
    with smtplib.SMTP("127.0.0.1", server.ports["smtp"], timeout=30) as s:
        s.sendmail("x@other.vn", [A], "Subject: Mời họp\r\n\r\nHọp lúc 8 giờ.\r\n".encode())
    c = imaplib.IMAP4("127.0.0.1", server.ports["imap"], timeout=30)
    typ, caps = c.capability()
    assert b"IMAP4rev1" in caps[0]
    c.login(A, PASSWORD)
    typ, folders = c.list()
    assert any(b"\\Sent" in f for f in folders if isinstance(f, bytes))
    c.select("INBOX")
    typ, data = c.fetch("1", "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)")
    assert typ == "OK"
    head = data[0] if isinstance(data[0], bytes) else data[0][0]
    assert b"RFC822.SIZE" in head
    assert b"INTERNALDATE" in head
    typ, data = c.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT FROM DATE)])")
    assert typ == "OK"
    c._encoding = "utf-8"
    typ, data = c.uid("SEARCH", "CHARSET", "UTF-8", "TEXT", '"họp"')
    assert typ == "OK"
    assert data[0].split()
    typ, data = c.uid("SEARCH", "CHARSET", "UTF-8", "TEXT", '"hop"')
    assert data[0].split()
    assert c.noop()[0] == "OK"
    typ, data = c.uid("STORE", "1", "+FLAGS", "(\\Flagged)")
    assert typ == "OK"
    typ, data = c.uid("FETCH", "1", "(FLAGS)")
    assert b"\\Flagged" in data[0]
    typ, data = c.fetch("1", "(BODY[HEADER])")  # not PEEK: sets \Seen
    typ, data = c.search(None, "SEEN")
    assert b"1" in data[0].split()
    c.logout()


@pytest.mark.skipif(shutil.which("swaks") is None, reason="swaks is not installed (.ci/run installs it)")
def test_swaks_submission_with_auth(server: CongvuProcess) -> None:
    result = subprocess.run(
        [
            "swaks", "--server", "127.0.0.1", "--port", str(server.ports["submission"]),
            "--auth", "PLAIN", "--auth-user", A, "--auth-password", PASSWORD,
            "--from", A, "--to", C, "--header", "Subject: swaks e2e", "--body", "tu swaks",
        ],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert any(b"Subject: swaks e2e" in m for m in imap_messages(server, C))


def test_over_quota_is_refused_citing_the_profile_rule(server: CongvuProcess) -> None:
    """The profile's quota rule (sonla-2025: SL25-11.2) is rendered at the edge (congvu.render)."""
    small = "nho.skhcn@sonla.gov.vn"
    server.cli("account", "add", small, "--password", PASSWORD, "--quota", "1 KiB")
    smtp = RawSmtp(server.ports["smtp"])
    try:
        reply = smtp.send_message("x@other.vn", [small], b"Subject: big\r\n\r\n" + b"q" * 4096 + b"\r\n")
    finally:
        smtp.close()
    assert reply.startswith("550 5.7.1")
    assert reply.endswith("[SL25-11.2]")
    assert reply.isascii()
