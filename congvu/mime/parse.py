"""Parse a message once, at ingest: the MIME tree with exact byte offsets, and what it yields.

A hand-written scanner over the raw bytes (no copy of the message, no `email` package): it
finds header sections (RFC 5322 §2.1), multipart boundaries (RFC 2046 §5.1.1: a delimiter line
is ``--boundary`` at the start of a line, optionally ``--`` for the last one, then only
transport padding; the CRLF before it belongs to the delimiter) and embedded messages
(RFC 2046 §5.2.1). Each part's header start, body start and end are kept, so ``BODY[1.2]``,
``BODY[1.MIME]`` and ``BINARY[2]`` are later served by slicing the stored blob.

Malformed input degrades, never fails (issue 9 item 5): a missing final boundary ends the last
part at the end of its parent; a multipart without a boundary is an opaque part; nesting
deeper than `MAX_DEPTH` or more than `MAX_PARTS` parts are not descended into (their bytes
stay in the enclosing part); every such repair is named in ``defects``.

For well-formed mail the ENVELOPE, BODY and BODYSTRUCTURE values are byte-identical to
Dovecot 2.3's (tests/mime/test_dovecot_vectors.py). Where Dovecot and we differ, on purpose:
sizes and line counts are of the stored octets (Dovecot counts LF-only lines as CRLF; we serve
the stored bytes unchanged); without an empty line after the header the body starts at the
first line that is not a header field (Dovecot makes it all header, so the text is lost to the
reader); a multipart without a boundary and a base64/quoted-printable message/rfc822 are opaque
application/octet-stream parts (Dovecot shows an empty part); nesting stops at 32 levels
(Dovecot: 100).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_tz

from congvu.domain.folding import fold
from congvu.mime.bodystructure import Node, write
from congvu.mime.envelope import (
    Address,
    build_envelope,
    decoded,
    display,
    envelope_fields,
    parse_addresses,
    search_words,
)
from congvu.mime.headers import (
    Field,
    decode_header,
    decode_text,
    param_text,
    parse_value_and_params,
    split_fields,
    unfold,
)
from congvu.mime.searchtext import (
    PART_INPUT_CAP,
    SEARCH_TEXT_CAP,
    collapse,
    decode_transfer,
    decoded_size,
    html_to_text,
)

MAX_DEPTH = 32  # multipart / message nesting levels we descend into
MAX_PARTS = 2000  # MIME parts per message we describe
_TOKEN = re.compile(rb"[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+\Z")


@dataclass(frozen=True, slots=True)
class PartSpan:
    """Where one numbered MIME part is in the raw message (IMAP section numbers, RFC 9051 §6.4.5).

    ``raw[header_start:body_start]`` is ``BODY[<section>.MIME]`` (for the parts of a
    message/rfc822 body: its ``.HEADER``) and ``raw[body_start:end]`` is ``BODY[<section>]``;
    ``BINARY[<section>]`` decodes the latter with `transfer_encoding`. For a message/rfc822
    part, ``<section>.HEADER`` is ``raw[body_start:message_body_start]`` and ``<section>.TEXT``
    is ``raw[message_body_start:end]``; for the whole message they are split at
    ``ParsedMessage.header_size``."""

    section: str
    header_start: int
    body_start: int
    end: int
    content_type: str  # lower-case "type/subtype", defaults applied
    transfer_encoding: str  # lower-case, "7bit" when absent
    charset: str | None
    disposition: str | None  # lower-case "attachment" / "inline" / None
    filename: str | None  # decoded (RFC 2231 / RFC 2047), None when absent
    message_body_start: int | None = None  # message/rfc822 parts: where the embedded body starts


class _Budget:
    __slots__ = ("defects", "parts")

    def __init__(self, defects: list[str]) -> None:
        self.parts = 0
        self.defects = defects


def _apply_content_fields(node: Node, fields: list[Field], defects: list[str], digest: bool) -> None:
    ctype: Field | None = None
    for f in fields:
        name = f.name
        if not name.startswith("content-"):
            continue
        if name == "content-type":
            if ctype is None:
                ctype = f
        elif name == "content-transfer-encoding":
            if node.encoding is None:
                token = unfold(_drop_comment(f.value))
                if _TOKEN.match(token):
                    node.encoding = token
                else:
                    defects.append("invalid Content-Transfer-Encoding")
        elif name == "content-id":
            if node.content_id is None:
                node.content_id = unfold(f.value)
        elif name == "content-description":
            if node.description is None:
                node.description = unfold(f.value)
        elif name == "content-md5":
            if node.md5 is None:
                node.md5 = unfold(f.value)
        elif name == "content-location":
            if node.location is None:
                node.location = unfold(f.value)
        elif name == "content-language":
            if node.language is None:
                langs = [x.strip() for x in unfold(_drop_comment(f.value)).split(b",")]
                node.language = [x for x in langs if x] or None
        elif name == "content-disposition" and node.disposition is None:
            head, params = parse_value_and_params(f.value)
            if _TOKEN.match(head):
                node.disposition = head
                node.disposition_params = params
    if ctype is not None:
        head, params = parse_value_and_params(ctype.value)
        slash = head.find(b"/")
        main = head if slash < 0 else head[:slash].strip()
        sub = None if slash < 0 else head[slash + 1 :].strip()
        if _TOKEN.match(main) and (sub is None or _TOKEN.match(sub)):
            node.maintype, node.subtype, node.params = main, sub, params
        else:
            defects.append("invalid Content-Type")
    elif digest:
        node.maintype, node.subtype = b"message", b"rfc822"


def _param(params: list[tuple[str, bytes]], name: str) -> bytes | None:
    """Value of parameter `name` (lower-case), whatever case the message wrote it in."""
    for key, value in params:
        if key.lower() == name:
            return value
    return None


def _drop_comment(value: bytes) -> bytes:
    p = value.find(b"(")
    return value if p < 0 else value[:p]


def _split_multipart(raw: bytes, start: int, end: int, boundary: bytes) -> tuple[list[tuple[int, int]], bool]:
    """Body ranges of the parts between ``--boundary`` lines in ``raw[start:end]``; whether the
    closing ``--boundary--`` was seen."""
    delim = b"--" + boundary
    dlen = len(delim)
    ranges: list[tuple[int, int]] = []
    cur = -1
    pos = start
    while True:
        i = raw.find(delim, pos, end)
        if i < 0:
            break
        if i != start and raw[i - 1] != 0x0A:
            pos = i + 1
            continue
        j = i + dlen
        closing = raw.startswith(b"--", j) and j + 2 <= end
        k = j + 2 if closing else j
        nl = raw.find(b"\n", k, end)
        line_end = end if nl < 0 else nl + 1
        if raw[k : line_end].strip(b" \t\r\n"):
            pos = i + 1  # "--boundaryX": a longer boundary, not ours
            continue
        if cur >= 0:
            part_end = i
            if i > start:
                part_end -= 1
                if part_end > cur and raw[part_end - 1] == 0x0D:
                    part_end -= 1
            ranges.append((cur, max(cur, part_end)))
        if closing:
            return ranges, True
        cur = line_end
        pos = line_end
    if cur >= 0:
        ranges.append((cur, end))
    return ranges, False


def parse_entity(
    raw: bytes,
    start: int,
    end: int,
    section: str,
    depth: int,
    budget: _Budget,
    *,
    digest: bool = False,
    message_body: bool = False,
) -> tuple[Node, list[Field]]:
    """The node of the entity at ``raw[start:end]`` (header + body) and its header fields.

    ``message_body`` marks the top level of a message (the whole message, or the body of a
    message/rfc822 part): it gets an ENVELOPE, and when it is not a multipart it is numbered
    ``<section>.1`` (RFC 9051 §6.4.5: a non-multipart message has a part 1)."""
    defects = budget.defects
    fields, _, body_start = split_fields(raw, start, end, defects)
    node = Node(section=section, header_start=start, body_start=body_start, end=end)
    _apply_content_fields(node, fields, defects, digest)
    where = section or "top"
    if message_body:
        found = envelope_fields(fields)
        parsed: dict[str, list[Address]] = {
            k: parse_addresses(v) for k, v in found.items() if k in _ADDRESS_FIELDS
        }
        node.envelope = build_envelope(found, parsed)
        node.addresses = parsed
        node.subject = found.get("subject")
    main = (node.maintype or b"text").lower()
    sub = (node.subtype or b"").lower()
    boundary = b""
    if main == b"multipart":
        boundary = _param(node.params, "boundary") or b""
        if not boundary:
            defects.append(f"multipart without boundary at {where}")
        elif depth >= MAX_DEPTH:
            defects.append(f"MIME nesting deeper than {MAX_DEPTH} at {where}")
        else:
            node.kind = "multipart"
        if node.kind != "multipart":
            node.maintype, node.subtype = b"application", b"octet-stream"
    elif main == b"message" and sub == b"rfc822":
        enc = (node.encoding or b"7bit").lower()
        if enc not in (b"7bit", b"8bit", b"binary"):
            defects.append(f"message/{sub.decode()} in {enc.decode('ascii', 'replace')} encoding at {where}")
        elif depth >= MAX_DEPTH:
            defects.append(f"MIME nesting deeper than {MAX_DEPTH} at {where}")
        elif budget.parts >= MAX_PARTS:
            defects.append(f"more than {MAX_PARTS} MIME parts")
        else:
            node.kind = "message"
        if node.kind != "message":
            node.maintype, node.subtype = b"application", b"octet-stream"
    if message_body and node.kind != "multipart":
        section = node.section = section + ".1" if section else "1"
    if node.kind == "multipart":
        ranges, closed = _split_multipart(raw, body_start, end, boundary)
        if not closed:
            defects.append(f"multipart without final boundary at {where}")
        prefix = section + "." if section else ""
        for n, (a, b) in enumerate(ranges, 1):
            if budget.parts >= MAX_PARTS:
                defects.append(f"more than {MAX_PARTS} MIME parts")
                break
            budget.parts += 1
            child, _ = parse_entity(raw, a, b, prefix + str(n), depth + 1, budget, digest=sub == b"digest")
            node.children.append(child)
    elif node.kind == "message":
        budget.parts += 1
        node.message, _ = parse_entity(raw, body_start, end, section, depth + 1, budget, message_body=True)
        node.lines = raw.count(b"\n", body_start, end)
    elif node.is_text:
        node.lines = raw.count(b"\n", body_start, end)
    return node, fields


_ADDRESS_FIELDS = frozenset(("from", "sender", "reply-to", "to", "cc", "bcc"))


# --- the whole message --------------------------------------------------------------------------

# Header fields that mail clients fetch for message lists, kept raw so that
# ``BODY.PEEK[HEADER.FIELDS (…)]`` never opens the blob. Collected from what the clients ask:
# Thunderbird (From To Cc Bcc Subject Date Message-ID Priority X-Priority References Newsgroups
# In-Reply-To Content-Type Reply-To), Apple Mail (… X-Uniform-Type-Identifier
# X-Universally-Unique-Identifier List-Id List-Unsubscribe BIMI-Indicator BIMI-Location
# X-BIMI-Indicator-Hash Authentication-Results DKIM-Signature), K-9 / Thunderbird Android
# (… X-K9mail-Identity Chat-Version), Outlook (Importance, X-MS-Has-Attach, Thread-Topic,
# Thread-Index), and read receipts (Disposition-Notification-To, Return-Receipt-To).
CACHED_FIELDS: tuple[str, ...] = (
    "from", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to", "references",
    "reply-to", "sender", "content-type", "mime-version", "priority", "x-priority",
    "x-msmail-priority", "importance", "newsgroups", "list-id", "list-unsubscribe", "list-post",
    "x-mailer", "user-agent", "disposition-notification-to", "return-receipt-to",
    "x-uniform-type-identifier", "x-universally-unique-identifier", "bimi-indicator",
    "bimi-location", "x-bimi-indicator-hash", "authentication-results", "dkim-signature",
    "x-k9mail-identity", "chat-version", "x-ms-has-attach", "thread-topic", "thread-index",
    "content-language",
)
_CACHED = frozenset(CACHED_FIELDS)


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str  # decoded; "" when the part names none
    content_type: str  # lower-case "type/subtype"
    size: int  # octets after transfer decoding


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    """Everything ingest keeps about a message so FETCH, SEARCH and webmail lists never re-parse."""

    envelope: bytes
    bodystructure: bytes
    body: bytes
    header_fields: dict[str, bytes]
    header_size: int
    search_text: str
    subject: str
    from_display: str
    to_display: str
    date: datetime | None
    message_id: str | None
    attachments: tuple[Attachment, ...]
    attachment_bytes: int
    parts: tuple[PartSpan, ...]
    defects: tuple[str, ...]
    cc_display: str = ""
    size: int = 0
    text: str = ""  # the text `search_text` folds, diacritics kept (for exact-word tokens)


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse `raw` once; never raises, whatever the input (malformed parts become defects)."""
    try:
        return _parse(bytes(raw))
    except Exception as exc:  # the parse degrades, never fails (issue 9 item 5)
        return _opaque(bytes(raw) if isinstance(raw, bytes | bytearray | memoryview) else b"", exc)


def _opaque(raw: bytes, exc: Exception) -> ParsedMessage:
    """Last resort: the message as one opaque text part, with the error named in defects."""
    size = len(raw)
    lines = raw.count(b"\n")
    structure = b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" %d %d' % (size, lines)
    return ParsedMessage(
        envelope=b"(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
        bodystructure=structure + b" NIL NIL NIL NIL)",
        body=structure + b")",
        header_fields={},
        header_size=0,
        search_text="",
        subject="",
        from_display="",
        to_display="",
        date=None,
        message_id=None,
        attachments=(),
        attachment_bytes=0,
        parts=(PartSpan("1", 0, 0, size, "text/plain", "7bit", None, None, None),),
        defects=(f"internal parser error: {type(exc).__name__}: {exc}",),
        size=size,
    )


def _crlf(data: bytes) -> bytes:
    if data.count(b"\n") != data.count(b"\r\n"):
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data


def _parse_date(value: bytes | None) -> datetime | None:
    if value is None:
        return None
    try:  # stdlib date parsing has raised on odd input in past releases: never let it through
        parsed = parsedate_tz(decode_header(value))
        if parsed is None:
            return None
        offset = parsed[9] or 0
        tz = timezone(timedelta(seconds=offset)) if -86400 < offset < 86400 else UTC
        return datetime(parsed[0], parsed[1], parsed[2], parsed[3], parsed[4], parsed[5], tzinfo=tz)
    except Exception:
        return None


def _message_id(value: bytes | None) -> str | None:
    if value is None:
        return None
    text = decode_text(unfold(value.replace(b"\x00", b"")))
    lt = text.find("<")
    if lt >= 0:
        gt = text.find(">", lt)
        if gt > lt:
            return text[lt : gt + 1]
    return text.strip() or None


def _encoding(node: Node) -> str:
    return (node.encoding or b"7bit").decode("ascii", "replace").lower()


def _filename(node: Node) -> str | None:
    return param_text(node.disposition_params, "filename") or param_text(node.params, "name")


def _spans(node: Node, out: list[PartSpan]) -> None:
    if node.section:
        cs = _param(node.params, "charset")
        charset = None if cs is None else cs.decode("ascii", "replace").lower()
        disposition = None if node.disposition is None else node.disposition.decode("ascii").lower()
        inner_body = None if node.message is None else node.message.body_start
        out.append(PartSpan(node.section, node.header_start, node.body_start, node.end, node.content_type,
                            _encoding(node), charset, disposition, _filename(node), inner_body))
    for child in node.children:
        _spans(child, out)
    inner = node.message
    if inner is not None:
        if inner.kind == "multipart":
            for child in inner.children:
                _spans(child, out)
        else:
            _spans(inner, out)


def _is_attachment(node: Node) -> bool:
    if node.kind == "multipart":
        return False
    disposition = (node.disposition or b"").lower()
    if disposition == b"attachment":
        return True
    if node.kind == "message":
        return disposition != b"inline"
    if _filename(node):
        return True
    return not node.is_text and disposition != b"inline"


def _walk(raw: bytes, node: Node, attachments: list[Attachment], texts: list[str], budget: list[int],
          top: bool) -> None:
    """Collects attachments (not those inside attached messages) and the text for search."""
    if node.kind == "multipart":
        children = node.children
        if (node.subtype or b"").lower() == b"alternative" and children:
            plain = [c for c in children if c.content_type == "text/plain"]
            chosen = plain[:1] or [c for c in children if c.content_type == "text/html"][:1] or children[-1:]
            for child in children:  # every branch's attachments count (READINGS B.10), one text
                _walk(raw, child, attachments, texts if child in chosen else [], budget, top)
            return
        for child in children:
            _walk(raw, child, attachments, texts, budget, top)
        return
    if node.section and _is_attachment(node):
        if top:
            name = _filename(node) or ""
            size = decoded_size(raw, node.body_start, node.end, _encoding(node))
            attachments.append(Attachment(name, node.content_type, size))
            texts.append(name)  # "cong van so 12" finds the message carrying "Công văn số 12.pdf"
        if node.kind != "message":
            return
    if node.kind == "message" and node.message is not None:
        inner = node.message
        texts.append(decode_header(inner.subject or b""))
        _walk(raw, inner, attachments, texts, budget, False)
        return
    ctype = node.content_type
    if budget[0] <= 0 or ctype not in ("text/plain", "text/html"):
        return
    data = decode_transfer(raw[node.body_start : min(node.end, node.body_start + PART_INPUT_CAP)],
                           _encoding(node))
    cs = _param(node.params, "charset")
    charset = None if cs is None else cs.decode("ascii", "replace")
    text = decode_text(data, charset)
    if ctype == "text/html":
        text = html_to_text(text)
    texts.append(text[: budget[0]])
    budget[0] -= len(text)


def _parse(raw: bytes) -> ParsedMessage:
    defects: list[str] = []
    if not raw:
        defects.append("empty message")
    budget = _Budget(defects)
    root, fields = parse_entity(raw, 0, len(raw), "", 0, budget, message_body=True)
    header_fields: dict[str, bytes] = {}
    for f in fields:
        if f.name in _CACHED:
            header_fields[f.name] = header_fields.get(f.name, b"") + _crlf(f.raw)
    found = envelope_fields(fields)
    addresses = root.addresses or {}
    people = {k: decoded(addresses[k]) for k in ("from", "to", "cc") if k in addresses}
    subject = decode_header(found.get("subject", b""))
    attachments: list[Attachment] = []
    texts: list[str] = [subject]
    for k in ("from", "to", "cc"):
        if k in people:
            texts.append(search_words(people[k]))
    _walk(raw, root, attachments, texts, [SEARCH_TEXT_CAP], True)
    spans: list[PartSpan] = []
    _spans(root, spans)
    text = collapse(texts)
    return ParsedMessage(
        envelope=root.envelope,
        bodystructure=write(root, True),
        body=write(root, False),
        header_fields=header_fields,
        header_size=root.body_start,
        search_text=fold(text),
        subject=subject,
        from_display=display(people.get("from", [])),
        to_display=display(people.get("to", [])),
        date=_parse_date(found.get("date")),
        message_id=_message_id(found.get("message-id")),
        attachments=tuple(attachments),
        attachment_bytes=sum(a.size for a in attachments),
        parts=tuple(spans),
        defects=tuple(dict.fromkeys(defects)),
        cc_display=display(people.get("cc", [])),
        size=len(raw),
        text=text,
    )
