"""Violations rendered at the edge: SMTP and IMAP replies cite the rule, ASCII, vi then en."""

from __future__ import annotations

from congvu import render
from congvu.domain.rules import Violation
from congvu.i18n import register

register({"test.render.full": ("Hộp thư đã đầy ({used})", "Mailbox is full ({used})")})
FULL = Violation.of("QN20-9", "test.render.full", used="5 GB")


def test_smtp_reply_cites_the_rule_in_ascii() -> None:
    reply = render.smtp([FULL])
    assert reply == "550 5.7.1 Hop thu da day (5 GB) / Mailbox is full (5 GB) [QN20-9]"
    assert reply.isascii()


def test_smtp_multiline_when_several_rules() -> None:
    other = Violation.of("SL25-11.2", "test.render.full", used="1 MB")
    lines = render.smtp([FULL, other], code=552, enhanced="5.2.2").split("\r\n")
    assert lines[0].startswith("552-5.2.2 ")
    assert lines[1].startswith("552 5.2.2 ")
    assert lines[1].endswith("[SL25-11.2]")


def test_imap_no_text() -> None:
    assert render.imap([FULL]) == "[LIMIT] Hop thu da day (5 GB) / Mailbox is full (5 GB) [QN20-9]"


def test_web_text_keeps_diacritics() -> None:
    assert render.text(FULL, "vi") == "Hộp thư đã đầy (5 GB) [QN20-9]"
