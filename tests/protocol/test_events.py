"""The event catalogue: stable codes and one parseable line per event (SL25-11.1 mail log)."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from congvu.events import LogSink, MessageAccepted, MessageRefused, format_event

WHEN = dt.datetime(2026, 11, 25, 8, 30, tzinfo=dt.UTC)


def test_accepted_line_has_every_sl25_11_1_field() -> None:
    line = format_event(
        MessageAccepted(
            time=WHEN,
            sender="duyenct.skhcn@sonla.gov.vn",
            recipients=("a@sonla.gov.vn", "b@sonla.gov.vn"),
            sender_ip="10.0.0.7",
            size=2048,
            queue_id="Q1",
        )
    )
    assert line.startswith("MAIL.ACCEPTED time=2026-11-25T08:30:00+00:00 ")
    for part in ("sender=duyenct.skhcn@sonla.gov.vn", "recipients=a@sonla.gov.vn,b@sonla.gov.vn",
                 "sender_ip=10.0.0.7", "size=2048"):  # fmt: skip
        assert part in line


def test_refused_line_quotes_the_error() -> None:
    event = MessageRefused(
        time=WHEN, sender="", recipients=("x@sonla.gov.vn",), sender_ip="::1", size=0,
        error='550 5.1.1 No such user "x"', stage="RCPT",
    )  # fmt: skip
    line = format_event(event)
    assert 'error="550 5.1.1 No such user \\"x\\""' in line
    assert 'sender=""' in line
    assert MessageRefused.code == "MAIL.REFUSED"


def test_log_sink_writes_one_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="congvu.maillog"):
        LogSink().emit(MessageAccepted(WHEN, "a@b", ("c@d",), "127.0.0.1", 1, "Q"))
    assert [r.getMessage().split()[0] for r in caplog.records] == ["MAIL.ACCEPTED"]
