"""Every SMTP reply text Congvu sends, as named constants (DESIGN.md "Reply texts are named constants").

Codes and enhanced status codes follow RFC 5321 §4.2 and RFC 3463. Texts are ASCII (RFC 5321
§4.2: reply text is printable US-ASCII), Vietnamese without diacritics first, English second.
Policy refusals are not here: `congvu.render.smtp` renders them from a `Violation`.
"""

from __future__ import annotations

from typing import Final

OK: Final = "250 2.0.0 OK"
SENDER_OK: Final = "250 2.1.0 OK"
RECIPIENT_OK: Final = "250 2.1.5 OK"
QUEUED: Final = "250 2.0.0 Da nhan / Accepted: queued as {queue_id}"
START_DATA: Final = "354 Ket thuc bang <CR><LF>.<CR><LF> / End data with <CR><LF>.<CR><LF>"

AUTH_OK: Final = "235 2.7.0 Dang nhap thanh cong / Authentication successful"
AUTH_INVALID: Final = "535 5.7.8 Sai ten dang nhap hoac mat khau / Authentication credentials invalid"
AUTH_REQUIRED: Final = "530 5.7.0 Can dang nhap / Authentication required"
AUTH_BAD_BASE64: Final = "501 5.5.2 Base64 sai / Cannot decode base64"
AUTH_BAD_PLAIN: Final = "501 5.5.2 PLAIN sai / Cannot split the PLAIN response"
AUTH_TEMPFAIL: Final = "454 4.7.0 Tam thoi khong dang nhap duoc / Temporary authentication failure"

# RFC 5321 §3.3 / RFC 3463 X.1.1: the mailbox does not exist.
UNKNOWN_USER: Final = "550 5.1.1 Khong co hop thu nay / No such user here"
# RFC 5321 §3.6.2: an MX for local domains only relays nothing.
RELAY_DENIED: Final = "554 5.7.1 Khong chuyen tiep thu / Relay access denied"
# Outbound delivery to other domains is a later issue (outbound queue); refuse clearly meanwhile.
REMOTE_NOT_AVAILABLE: Final = (
    "550 5.7.1 Chua ho tro gui ra ngoai tinh / Delivery to other domains is not available yet"
)
# RFC 5321 §4.1.2 forbids control characters in a Mailbox; NUL and CR/LF inside an address
# are smuggling attempts.
BAD_ADDRESS: Final = "553 5.1.3 Dia chi khong hop le / Malformed address"
# RFC 6409 §6.1: a submission server may refuse a sender the authenticated user does not own.
SENDER_NOT_OWNED: Final = (
    "553 5.7.1 Dia chi gui khong thuoc tai khoan / Sender address not owned by the authenticated user"
)
TOO_MANY_RECIPIENTS: Final = "452 4.5.3 Qua nhieu nguoi nhan / Too many recipients"
# RFC 5321 §4.5.3.1.10 / RFC 1870: over the SIZE limit, answered after the data is drained.
TOO_BIG: Final = "552 5.3.4 Thu qua lon / Message size exceeds fixed maximum message size"
NEED_RCPT: Final = "503 5.5.1 Can lenh RCPT truoc / Error: need RCPT command"
DATA_SYNTAX: Final = "501 5.5.4 Cu phap: DATA / Syntax: DATA"
TEMPFAIL: Final = "451 4.3.0 Loi tam thoi, xin thu lai sau / Temporary failure, please retry"
SHUTTING_DOWN: Final = "421 4.3.2 May chu dang dung / Server shutting down"
INTERNAL_ERROR: Final = "451 4.3.0 Loi noi bo / Internal error, please retry"
EMPTY_AUTH_LINE: Final = "250-AUTH "
PIPELINING: Final = "250-PIPELINING"
