"""Parse each message once, at ingest, into the fragments IMAP, SEARCH and webmail serve.

DESIGN.md "Messages are stored once, parsed once" and issue 9 item 5: `parse_message` returns
the IMAP ENVELOPE, BODY and BODYSTRUCTURE values (RFC 9051 §7.5.2), the raw header lines of
`CACHED_FIELDS`, decoded subject and address displays, a Vietnamese-folded search text, the
attachment list and byte offsets of every MIME part, so FETCH never parses MIME again.
Pure code: no I/O; it never raises, whatever the bytes (malformed input is named in
``defects`` and still described as well as it can be).
"""

from congvu.mime.parse import CACHED_FIELDS, Attachment, ParsedMessage, PartSpan, parse_message

__all__ = ["CACHED_FIELDS", "Attachment", "ParsedMessage", "PartSpan", "parse_message"]
