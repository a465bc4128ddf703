"""SMTP transcripts over in-memory services: RFC 5321 refusals, AUTH, smuggling, size, pipelining."""

from __future__ import annotations

import base64

import pytest

from congvu.events import MessageAccepted, MessageRefused
from tests.protocol.conftest import DOMAIN, PASSWORD, SmtpHarness, Wire

A, B, C = (f"{u}@{DOMAIN}" for u in ("duyenct.skhcn", "minhlv.skhcn", "huongnt.vpubnd"))


def plain(login: str, password: str) -> str:
    return base64.b64encode(f"\0{login}\0{password}".encode()).decode()


async def mx_session(h: SmtpHarness) -> Wire:
    wire = await Wire.open(h.mx.port)
    assert (await wire.cmd("EHLO client.example")).startswith("250")
    return wire


def inbox(h: SmtpHarness, address: str) -> list[bytes]:
    ref = h.mail.accounts[address].ref
    folder = h.mail._folder(ref.id, "INBOX")
    return [h.mail.blobs[c.blob_id] for c in folder.copies]


async def test_mx_delivers_to_three_local_recipients_one_blob(smtp: SmtpHarness) -> None:
    wire = await mx_session(smtp)
    assert (await wire.cmd("MAIL FROM:<sender@other.vn>")).startswith("250")
    for rcpt in (A, B, C):
        assert (await wire.cmd(f"RCPT TO:<{rcpt}>")).startswith("250 2.1.5")
    assert (await wire.cmd("DATA")).startswith("354")
    reply = await wire.cmd(b"Subject: Thong bao\r\n\r\nNoi dung.\r\n.")
    assert reply.startswith("250 2.0.0")
    assert "queued as" in reply
    assert (await wire.cmd("QUIT")).startswith("221")
    await wire.close()
    for rcpt in (A, B, C):
        assert inbox(smtp, rcpt) == [b"Subject: Thong bao\r\n\r\nNoi dung.\r\n"]
    assert len(smtp.mail.blobs) == 1
    accepted = [e for e in smtp.events.events if isinstance(e, MessageAccepted)]
    assert accepted[0].recipients == (A, B, C)
    assert accepted[0].sender_ip == "127.0.0.1"


async def test_unknown_local_user_is_550_511_at_rcpt(smtp: SmtpHarness) -> None:
    wire = await mx_session(smtp)
    await wire.cmd("MAIL FROM:<x@other.vn>")
    assert (await wire.cmd(f"RCPT TO:<nobody@{DOMAIN}>")).startswith("550 5.1.1")
    refused = [e for e in smtp.events.events if isinstance(e, MessageRefused)]
    assert refused
    assert refused[0].stage == "RCPT"
    assert refused[0].error.startswith("550 5.1.1")
    await wire.close()


async def test_mx_refuses_relay(smtp: SmtpHarness) -> None:
    wire = await mx_session(smtp)
    await wire.cmd("MAIL FROM:<x@other.vn>")
    assert (await wire.cmd("RCPT TO:<someone@gmail.com>")).startswith("554 5.7.1")
    assert (await wire.cmd("DATA")).startswith("503")
    await wire.close()


async def test_mx_offers_no_auth(smtp: SmtpHarness) -> None:
    wire = await Wire.open(smtp.mx.port)
    ehlo = await wire.cmd("EHLO c")
    assert "AUTH" not in ehlo
    assert "SIZE" in ehlo
    await wire.close()


@pytest.mark.parametrize(
    "address",
    ["<a\x00b@sonla.gov.vn>", "<a\x01b@sonla.gov.vn>", "<ab@sonla\x7f.gov.vn>", "<a\tb@sonla.gov.vn>"],
)
async def test_control_characters_in_addresses_are_refused(smtp: SmtpHarness, address: str) -> None:
    wire = await mx_session(smtp)
    reply = await wire.cmd(b"MAIL FROM:" + address.encode())
    assert reply[:3] in ("501", "553"), reply
    assert (await wire.cmd("MAIL FROM:<ok@other.vn>")).startswith("250")
    reply = await wire.cmd(b"RCPT TO:" + address.encode())
    assert reply[:3] in ("501", "553"), reply
    await wire.close()


async def test_submission_requires_auth_and_refuses_bad_password(smtp: SmtpHarness) -> None:
    wire = await Wire.open(smtp.submission.port)
    ehlo = await wire.cmd("EHLO c")
    assert "AUTH LOGIN PLAIN" in ehlo
    assert (await wire.cmd(f"MAIL FROM:<{A}>")).startswith("530 5.7.0")
    assert (await wire.cmd(f"AUTH PLAIN {plain(A, 'wrong')}")).startswith("535 5.7.8")
    assert (await wire.cmd(f"AUTH PLAIN {plain(A, PASSWORD)}")).startswith("235")
    assert (await wire.cmd(f"MAIL FROM:<{A}>")).startswith("250")
    assert (await wire.cmd("RCPT TO:<friend@gmail.com>")).startswith("550 5.7.1")
    assert (await wire.cmd(f"RCPT TO:<{B}>")).startswith("250")
    await wire.cmd("DATA")
    assert (await wire.cmd(b"Subject: s\r\n\r\nx\r\n.")).startswith("250")
    await wire.close()
    assert inbox(smtp, B) == [b"Subject: s\r\n\r\nx\r\n"]


async def test_auth_login_with_challenges(smtp: SmtpHarness) -> None:
    wire = await Wire.open(smtp.submission.port)
    await wire.cmd("EHLO c")
    assert (await wire.cmd("AUTH LOGIN")).startswith("334")
    assert (await wire.cmd(base64.b64encode(A.encode()).decode())).startswith("334")
    assert (await wire.cmd(base64.b64encode(PASSWORD.encode()).decode())).startswith("235")
    await wire.close()


@pytest.mark.parametrize("fake_end", [b"\n.\n", b"\r.\n", b"\n.\r\n", b"\r.\r\n", b"\n.\r"])
async def test_smuggled_end_of_data_is_content(smtp: SmtpHarness, fake_end: bytes) -> None:
    wire = await mx_session(smtp)
    await wire.cmd("MAIL FROM:<x@other.vn>")
    await wire.cmd(f"RCPT TO:<{A}>")
    await wire.cmd("DATA")
    smuggled = (
        b"Subject: a\r\n\r\nhello"
        + fake_end
        + b"MAIL FROM:<evil@other.vn>\r\nRCPT TO:<"
        + B.encode()
        + b">\r\n"
        b"DATA\r\nSubject: smuggled\r\n\r\nx\r\n"
    )
    await wire.send(smuggled + b".\r\n")
    assert (await wire.reply()).startswith("250 2.0.0")
    assert (await wire.cmd("NOOP")).startswith("250")  # nothing else was answered
    await wire.close()
    assert inbox(smtp, A) == [smuggled]
    assert inbox(smtp, B) == []


async def test_over_size_is_552_after_drain_and_session_goes_on(smtp: SmtpHarness) -> None:
    wire = await mx_session(smtp)
    await wire.cmd("MAIL FROM:<x@other.vn>")
    await wire.cmd(f"RCPT TO:<{A}>")
    await wire.cmd("DATA")
    await wire.send(b"Subject: big\r\n\r\n" + (b"y" * 998 + b"\r\n") * 200 + b".\r\n")
    assert (await wire.reply()).startswith("552")
    assert (await wire.cmd("MAIL FROM:<x@other.vn>")).startswith("250")
    await wire.close()
    assert inbox(smtp, A) == []


async def test_declared_size_over_limit_is_refused_at_mail(smtp: SmtpHarness) -> None:
    wire = await mx_session(smtp)
    assert (await wire.cmd("MAIL FROM:<x@other.vn> SIZE=99999999")).startswith("552")
    await wire.close()


async def test_pipelined_commands_after_end_of_data(smtp: SmtpHarness) -> None:
    wire = await mx_session(smtp)
    await wire.send(b"MAIL FROM:<x@other.vn>\r\nRCPT TO:<" + A.encode() + b">\r\nDATA\r\n")
    assert (await wire.reply()).startswith("250")
    assert (await wire.reply()).startswith("250")
    assert (await wire.reply()).startswith("354")
    await wire.send(b"one\r\n.\r\nMAIL FROM:<y@other.vn>\r\nRCPT TO:<" + B.encode() + b">\r\nDATA\r\n")
    assert (await wire.reply()).startswith("250 2.0.0")
    assert (await wire.reply()).startswith("250")
    assert (await wire.reply()).startswith("250")
    assert (await wire.reply()).startswith("354")
    await wire.send(b"two\r\n.\r\nQUIT\r\n")
    assert (await wire.reply()).startswith("250 2.0.0")
    assert (await wire.reply()).startswith("221")
    await wire.close()
    assert inbox(smtp, A) == [b"one\r\n"]
    assert inbox(smtp, B) == [b"two\r\n"]


async def test_nul_bytes_lf_only_and_8bit_are_stored_byte_exact(smtp: SmtpHarness) -> None:
    body = b"Subject: \xc4\x90\xe1\xba\xa1i h\xe1\xbb\x99i\n\nLF only\n\x00NUL\n\xff\xfe raw 8-bit\n"
    wire = await mx_session(smtp)
    await wire.cmd("MAIL FROM:<x@other.vn>")
    await wire.cmd(f"RCPT TO:<{A}>")
    await wire.cmd("DATA")
    await wire.send(body + b"\r\n.\r\n")
    assert (await wire.reply()).startswith("250")
    await wire.close()
    assert inbox(smtp, A) == [body + b"\r\n"]


async def test_shutdown_says_421_to_idle_connections(smtp: SmtpHarness) -> None:
    wire = await mx_session(smtp)
    await smtp.mx.close(1.0)
    assert (await wire.reply()).startswith("421")
    await wire.close()


async def test_submission_refuses_a_sender_the_user_does_not_own(smtp: SmtpHarness) -> None:
    await smtp.mail.add_alias(f"vanthu.skhcn@{DOMAIN}", A)
    wire = await Wire.open(smtp.submission.port)
    await wire.cmd("EHLO c")
    assert (await wire.cmd(f"AUTH PLAIN {plain(A, PASSWORD)}")).startswith("235")
    assert (await wire.cmd(f"MAIL FROM:<{B}>")).startswith("553 5.7.1")
    assert (await wire.cmd(f"MAIL FROM:<{A.upper()}>")).startswith("250")
    assert (await wire.cmd("RSET")).startswith("250")
    assert (await wire.cmd(f"MAIL FROM:<vanthu.skhcn@{DOMAIN}>")).startswith("250")  # own alias
    await wire.close()


async def test_null_sender_bounce_is_accepted_on_the_mx(smtp: SmtpHarness) -> None:
    wire = await mx_session(smtp)
    assert (await wire.cmd("MAIL FROM:<>")).startswith("250")
    assert (await wire.cmd(f"RCPT TO:<{A}>")).startswith("250")
    assert (await wire.cmd("DATA")).startswith("354")
    assert (await wire.cmd(b"Subject: Undeliverable\r\n\r\nbounce\r\n.")).startswith("250")
    await wire.close()
    accepted = [e for e in smtp.events.events if isinstance(e, MessageAccepted)]
    assert accepted[-1].sender == ""


async def test_pipelining_is_offered_and_a_whole_group_is_answered_in_order(smtp: SmtpHarness) -> None:
    wire = await Wire.open(smtp.mx.port)
    ehlo = await wire.cmd("EHLO c")
    assert "250-PIPELINING" in ehlo
    await wire.send(
        b"MAIL FROM:<x@other.vn>\r\nRCPT TO:<" + A.encode() + b">\r\nRCPT TO:<nobody@"
        + DOMAIN.encode() + b">\r\nRCPT TO:<" + C.encode() + b">\r\nDATA\r\n"
    )  # fmt: skip
    replies = [await wire.reply() for _ in range(5)]
    assert [r[:3] for r in replies] == ["250", "250", "550", "250", "354"]
    await wire.send(b"x\r\n.\r\nRSET\r\nNOOP\r\n")
    assert [(await wire.reply())[:3] for _ in range(3)] == ["250", "250", "250"]
    await wire.close()
    assert inbox(smtp, A) == [b"x\r\n"]
    assert inbox(smtp, C) == [b"x\r\n"]


async def test_same_mailbox_twice_gets_one_copy(smtp: SmtpHarness) -> None:
    await smtp.mail.add_alias(f"vanthu.skhcn@{DOMAIN}", A)
    wire = await mx_session(smtp)
    await wire.cmd("MAIL FROM:<x@other.vn>")
    for rcpt in (A, A.upper(), f"vanthu.skhcn@{DOMAIN}"):
        assert (await wire.cmd(f"RCPT TO:<{rcpt}>")).startswith("250")
    await wire.cmd("DATA")
    assert (await wire.cmd(b"once\r\n.")).startswith("250")
    await wire.close()
    assert inbox(smtp, A) == [b"once\r\n"]
