"""The chunked DATA reader (RFC 5321 §4.1.1.4, §4.5.2), sans-IO.

aiosmtpd reads DATA one line at a time (about 140 awaits per 10 KB, DESIGN.md "Performance");
this reader takes whatever chunk the socket gave and looks for the end of data in it.

Defences kept from aiosmtpd, and decisions made explicit:

* Only ``CRLF . CRLF`` ends DATA. ``LF . LF``, ``CR . LF``, ``LF . CRLF``, ``CR . CR LF``
  and every other bare-CR/bare-LF variant are ordinary data (SMTP smuggling, CVE-2023-51766
  family). The message's first line counts as preceded by CRLF (the one ending ``DATA``).
* Bare LF and bare CR inside the message are **kept byte-exact**, not rewritten and not
  refused: they never end a line for the SMTP layer, so they cannot end DATA, and clients
  reading the stored message get exactly what was sent (issue 9: LF-only messages are served
  back byte-exact). NUL bytes are kept too; RFC 5321 §4.5.2 transparency only concerns dots.
* Dot-unstuffing is exact: a leading ``.`` is removed from every line that starts with one
  (only lines that start after a CRLF; ``LF .`` is not a line start).
* No line-length limit in DATA (a 2 MB header line is accepted and stored); only the total
  size is limited. Over the limit the reader stops keeping bytes, goes on scanning for the
  end of data, and the caller answers 552 after draining (RFC 5321 §4.2.5, §4.5.3.1.10).
"""

from __future__ import annotations

END_OF_DATA = b"\r\n.\r\n"
_LEAD = b"\r\n"


class DataReader:
    """Feed socket chunks after the 354 reply until `feed` returns the bytes after the end."""

    __slots__ = ("_buf", "_limit", "_scan", "_seen", "too_big")

    def __init__(self, limit: int | None) -> None:
        self._buf = bytearray(_LEAD)
        self._scan = 0
        self._seen = 0  # raw bytes received, dot-stuffing included
        self._limit = limit
        self.too_big = False

    def feed(self, chunk: bytes) -> bytes | None:
        """Take a chunk; return the bytes after the end-of-data line once it has arrived, else None."""
        buf = self._buf
        buf += chunk
        self._seen += len(chunk)
        end = buf.find(END_OF_DATA, self._scan)
        if end >= 0:
            rest = bytes(buf[end + len(END_OF_DATA) :])
            del buf[end + 2 :]  # keep the CRLF that ends the last line
            return rest
        if self._limit is not None and self._seen > self._limit + self._limit // 8 + 1024:
            # Far over the limit even if every line were dot-stuffed: stop keeping bytes.
            self.too_big = True
        if self.too_big and len(buf) > 4:
            del buf[:-4]
        self._scan = max(0, len(buf) - (len(END_OF_DATA) - 1))
        return None

    def message(self) -> bytes:
        """The unstuffed message; call once `feed` returned non-None (empty when too big)."""
        if self.too_big:
            return b""
        message = bytes(memoryview(self._buf)[len(_LEAD) :])  # the one copy
        if message[:1] == b".":  # the first line follows the CRLF that ended DATA
            message = message[1:]
        if b"\r\n." in message:
            message = message.replace(b"\r\n.", b"\r\n")
        if self._limit is not None and len(message) > self._limit:
            self.too_big = True
            return b""
        return message
