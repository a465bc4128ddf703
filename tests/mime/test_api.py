"""Pins the public API that the store, IMAP and webmail code against."""

from __future__ import annotations

import dataclasses

import congvu.mime as mime


def test_public_names() -> None:
    assert set(mime.__all__) == {"CACHED_FIELDS", "Attachment", "ParsedMessage", "PartSpan", "parse_message"}


def test_parsed_message_fields() -> None:
    names = [f.name for f in dataclasses.fields(mime.ParsedMessage)]
    assert names[:15] == [
        "envelope", "bodystructure", "body", "header_fields", "header_size", "search_text", "subject",
        "from_display", "to_display", "date", "message_id", "attachments", "attachment_bytes", "parts",
        "defects",
    ]
    assert [f.name for f in dataclasses.fields(mime.Attachment)] == ["filename", "content_type", "size"]
    assert mime.ParsedMessage.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_parse_message_returns_parsed_message() -> None:
    parsed = mime.parse_message(b"Subject: x\r\n\r\ny")
    assert isinstance(parsed, mime.ParsedMessage)
    assert parsed.size == 15
