"""The MIME part tree and its IMAP BODY / BODYSTRUCTURE values.

RFC 9051 §7.5.2 (RFC 3501 §7.4.2), with Dovecot's conventions for the cases the RFC leaves open:

* a basic part is ``("type" "subtype" (params) id description encoding size …)``; a missing
  Content-Type is text/plain; a text part without a charset parameter gets
  ``"charset" "us-ascii"`` (RFC 2045 §5.2 default); a missing subtype is ``plain`` for text and
  ``unknown`` otherwise; a missing or unparseable Content-Transfer-Encoding is ``"7bit"``;
* text parts add their line count; message/rfc822 parts add the embedded message's ENVELOPE,
  its BODYSTRUCTURE and the line count (message/global is an opaque part, as in Dovecot: the
  IMAP4rev1 grammar has an envelope only for message/rfc822);
* a multipart is its parts written back to back, then ``"subtype"`` (``x-unknown`` if absent);
  a multipart in which no part was found gets one empty text/plain part, since the grammar
  needs at least one;
* BODYSTRUCTURE adds the extension data: MD5, disposition ``("type" (params))``, language as
  a list, location (multiparts: params, disposition, language, location);
* parameter names keep the case they were written in; RFC 2231 continuations are merged and
  an encoded value is kept as ``name*`` = ``charset'lang'%XX`` (clients decode it), as Dovecot
  does.

Sizes and line counts are of the bytes as stored (we serve the stored bytes unchanged).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from congvu.mime import imapvalues as iv
from congvu.mime.envelope import Address

NIL = iv.NIL
_EMPTY_BODY = b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0'


@dataclass(slots=True, eq=False)
class Node:
    """One MIME entity: where it is in the raw bytes and its content headers."""

    section: str
    header_start: int
    body_start: int
    end: int
    kind: str = "leaf"  # "leaf" | "multipart" | "message"
    maintype: bytes | None = None  # as written; None when Content-Type is missing or broken
    subtype: bytes | None = None
    params: list[tuple[str, bytes]] = field(default_factory=list)
    encoding: bytes | None = None
    content_id: bytes | None = None
    description: bytes | None = None
    md5: bytes | None = None
    disposition: bytes | None = None
    disposition_params: list[tuple[str, bytes]] = field(default_factory=list)
    language: list[bytes] | None = None
    location: bytes | None = None
    lines: int = 0
    children: list[Node] = field(default_factory=list)
    message: Node | None = None  # the embedded message of a message/rfc822 part
    envelope: bytes = NIL  # ENVELOPE of this node when it is a message's top level
    addresses: dict[str, list[Address]] | None = None  # its parsed address fields, then
    subject: bytes | None = None  # and its raw Subject

    @property
    def content_type(self) -> str:
        """Lower-case ``type/subtype`` as served (defaults applied)."""
        if self.kind == "message":
            return "message/" + (self.subtype or b"rfc822").decode("ascii", "replace").lower()
        main = (self.maintype or b"text").decode("ascii", "replace").lower()
        if self.subtype is not None:
            sub = self.subtype.decode("ascii", "replace").lower()
        else:
            sub = "plain" if main == "text" else ("x-unknown" if self.kind == "multipart" else "unknown")
        return main + "/" + sub

    @property
    def is_text(self) -> bool:
        return self.kind == "leaf" and (self.maintype is None or self.maintype.lower() == b"text")


def _params(params: list[tuple[str, bytes]], text: bool) -> bytes:
    items: list[bytes] = []
    charset = False
    for name, value in params:
        if name.lower() == "charset":
            charset = True
        items.append(iv.string(name.encode("latin-1")))
        items.append(iv.string(value))
    if text and not charset:
        items.append(b'"charset" "us-ascii"')
    return iv.plist(items) if items else NIL


def _extension(node: Node) -> bytes:
    """disposition, language, location (common tail of the extension data)."""
    if node.disposition is None:
        dsp = NIL
    else:
        dsp = iv.plist((iv.string(node.disposition), _params(node.disposition_params, False)))
    lang = NIL if node.language is None else iv.plist(iv.string(x) for x in node.language)
    return dsp + b" " + lang + b" " + iv.nstring(node.location)


def write(node: Node, extended: bool) -> bytes:
    """BODYSTRUCTURE (``extended``) or BODY value of `node`, parenthesised."""
    out = bytearray(b"(")
    if node.kind == "multipart":
        if node.children:
            for child in node.children:
                out += write(child, extended)
        else:
            out += _EMPTY_BODY + (b" NIL NIL NIL NIL)" if extended else b")")
        out += b" " + iv.string(node.subtype if node.subtype is not None else b"x-unknown")
        if extended:
            out += b" " + _params(node.params, False) + b" " + _extension(node)
        out += b")"
        return bytes(out)
    text = node.is_text
    if node.kind == "message":
        out += b'"message" ' + iv.string(node.subtype or b"rfc822")
    else:
        out += iv.string(node.maintype if node.maintype is not None else b"text") + b" "
        if node.subtype is not None:
            out += iv.string(node.subtype)
        else:
            out += b'"plain"' if text else b'"unknown"'
    out += b" " + _params(node.params, text)
    out += b" " + iv.nstring(node.content_id) + b" " + iv.nstring(node.description) + b" "
    out += iv.string(node.encoding) if node.encoding is not None else b'"7bit"'
    out += b" %d" % (node.end - node.body_start)
    if text:
        out += b" %d" % node.lines
    elif node.kind == "message" and node.message is not None:
        out += b" " + node.message.envelope + b" " + write(node.message, extended) + b" %d" % node.lines
    if extended:
        out += b" " + iv.nstring(node.md5) + b" " + _extension(node)
    out += b")"
    return bytes(out)


def write_top(root: Node, extended: bool) -> bytes:
    """The value sent for the whole message (the root node is written like any other)."""
    return write(root, extended)
