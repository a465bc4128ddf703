"""Typed parse errors of the IMAP command parser (issue 11 item 3; RFC 9051 §7.1.5 BAD).

The parser never raises to its caller: a command it cannot read becomes a `ParseError`
value carrying the tag (when one was read), a reason key of the i18n catalogue registered
here (Vietnamese first, English second) and the parameters the message needs. The server
answers it with ``<tag> BAD [<code>] <message>`` (or an untagged ``* BAD`` when no tag was
read). Inside the grammar modules a failure is the private exception `Reject`, caught at the
parser's single entry point.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from congvu.i18n import Lang, register, translate

_P = "imap.parse."

EMPTY_LINE = _P + "empty_line"
BAD_TAG = _P + "bad_tag"
MISSING_COMMAND = _P + "missing_command"
UNKNOWN_COMMAND = _P + "unknown_command"
MISSING_ARGUMENT = _P + "missing_argument"
EXPECTED = _P + "expected"
TRAILING_DATA = _P + "trailing_data"
BAD_SEQUENCE_SET = _P + "bad_sequence_set"
BAD_NUMBER = _P + "bad_number"
BAD_DATE = _P + "bad_date"
BAD_QUOTED = _P + "bad_quoted"
BAD_LITERAL = _P + "bad_literal"
BAD_CHARSET = _P + "bad_charset"
BAD_MAILBOX_NAME = _P + "bad_mailbox_name"
BAD_UTF8 = _P + "bad_utf8"
BAD_BASE64 = _P + "bad_base64"
BAD_SEARCH_KEY = _P + "bad_search_key"
BAD_FETCH_ATTRIBUTE = _P + "bad_fetch_attribute"
BAD_SECTION = _P + "bad_section"
BAD_FLAG = _P + "bad_flag"
BAD_OPTION = _P + "bad_option"
LITERAL_TOO_LARGE = _P + "literal_too_large"
NON_SYNC_TOO_LARGE = _P + "non_sync_too_large"
NON_SYNC_REFUSED = _P + "non_sync_refused"
BINARY_LITERAL_NOT_ALLOWED = _P + "binary_literal_not_allowed"
LINE_TOO_LONG = _P + "line_too_long"
COMMAND_TOO_LARGE = _P + "command_too_large"
TOO_DEEP = _P + "too_deep"
INCOMPLETE = _P + "incomplete"
INTERNAL = _P + "internal"

MESSAGES: dict[str, tuple[str, str]] = {
    EMPTY_LINE: ("Dòng lệnh trống.", "Empty command line."),
    BAD_TAG: ("Nhãn lệnh (tag) không hợp lệ.", "Invalid command tag."),
    MISSING_COMMAND: ("Thiếu tên lệnh sau nhãn.", "Missing command name after the tag."),
    UNKNOWN_COMMAND: ("Lệnh không được hỗ trợ: {command}.", "Unknown command: {command}."),
    MISSING_ARGUMENT: (
        "Lệnh {command} thiếu đối số: {what}.",
        "Command {command} is missing an argument: {what}.",
    ),
    EXPECTED: (
        "Lệnh {command}: cần {what} tại vị trí {pos}, gặp «{near}».",
        "Command {command}: expected {what} at position {pos}, found “{near}”.",
    ),
    TRAILING_DATA: (
        "Lệnh {command} có dữ liệu thừa từ vị trí {pos}: «{near}».",
        "Command {command} has unexpected data from position {pos}: “{near}”.",
    ),
    BAD_SEQUENCE_SET: ("Tập số thứ tự không hợp lệ: «{text}».", "Invalid sequence set: “{text}”."),
    BAD_NUMBER: ("Số không hợp lệ hoặc quá lớn: «{text}».", "Invalid or too large number: “{text}”."),
    BAD_DATE: ("Ngày giờ không hợp lệ: «{text}».", "Invalid date or time: “{text}”."),
    BAD_QUOTED: (
        "Chuỗi trong ngoặc kép không hợp lệ hoặc chưa đóng.",
        "Invalid or unterminated quoted string.",
    ),
    BAD_LITERAL: ("Khai báo literal không hợp lệ: «{text}».", "Invalid literal announcement: “{text}”."),
    BAD_CHARSET: ("Bộ mã ký tự không được hỗ trợ: {charset}.", "Unsupported charset: {charset}."),
    BAD_MAILBOX_NAME: ("Tên hộp thư không hợp lệ: «{text}».", "Invalid mailbox name: “{text}”."),
    BAD_UTF8: ("Dữ liệu không phải UTF-8 hợp lệ.", "Data is not valid UTF-8."),
    BAD_BASE64: ("Dữ liệu base64 không hợp lệ.", "Invalid base64 data."),
    BAD_SEARCH_KEY: ("Tiêu chí tìm kiếm không hợp lệ: {key}.", "Invalid search key: {key}."),
    BAD_FETCH_ATTRIBUTE: ("Thuộc tính FETCH không hợp lệ: {item}.", "Invalid FETCH attribute: {item}."),
    BAD_SECTION: ("Phần thư (section) không hợp lệ: «{text}».", "Invalid body section: “{text}”."),
    BAD_FLAG: ("Cờ thư không hợp lệ: «{text}».", "Invalid flag: “{text}”."),
    BAD_OPTION: ("Tùy chọn không hợp lệ: {option}.", "Invalid option: {option}."),
    LITERAL_TOO_LARGE: (
        "Literal {size} byte vượt giới hạn {limit} byte.",
        "Literal of {size} bytes exceeds the limit of {limit} bytes.",
    ),
    NON_SYNC_TOO_LARGE: (
        "Literal không đồng bộ {size} byte vượt giới hạn LITERAL- {limit} byte.",
        "Non-synchronising literal of {size} bytes exceeds the LITERAL- limit of {limit} bytes.",
    ),
    NON_SYNC_REFUSED: (
        "Máy chủ không nhận literal không đồng bộ ({{n+}}).",
        "This server does not accept non-synchronising literals ({{n+}}).",
    ),
    BINARY_LITERAL_NOT_ALLOWED: (
        "Literal nhị phân (~{{n}}) chỉ được dùng trong APPEND.",
        "A binary literal (~{{n}}) is allowed only in APPEND.",
    ),
    LINE_TOO_LONG: (
        "Dòng lệnh dài quá giới hạn {limit} byte.",
        "Command line exceeds the limit of {limit} bytes.",
    ),
    COMMAND_TOO_LARGE: (
        "Lệnh lớn quá giới hạn {limit} byte.",
        "Command exceeds the total limit of {limit} bytes.",
    ),
    TOO_DEEP: ("Lồng ngoặc quá sâu (tối đa {limit} mức).", "Nesting too deep (at most {limit} levels)."),
    INCOMPLETE: (
        "Lệnh chưa trọn (thiếu CRLF hoặc literal).",
        "Incomplete command (missing CRLF or literal).",
    ),
    INTERNAL: ("Lỗi nội bộ khi phân tích lệnh.", "Internal error while parsing the command."),
}

register(MESSAGES)

#: Vietnamese names of the grammar elements named in ``what`` (the wire names stay as they are).
WHAT_VI: dict[str, str] = {
    "SP": "dấu cách",
    "'('": "dấu '('",
    "')'": "dấu ')'",
    "'['": "dấu '['",
    "']'": "dấu ']'",
    "'.'": "dấu '.'",
    "'\"'": "dấu '\"'",
    "argument": "đối số",
    "atom": "từ khóa",
    "astring": "chuỗi",
    "string": "chuỗi",
    "nstring": "chuỗi hoặc NIL",
    "number": "số",
    "command": "tên lệnh",
    "capability": "tên năng lực (capability)",
    "charset": "bộ mã ký tự",
    "user name": "tên đăng nhập",
    "password": "mật khẩu",
    "mailbox name": "tên hộp thư",
    "new mailbox name": "tên hộp thư mới",
    "mailbox pattern": "mẫu tên hộp thư",
    "reference": "tham chiếu hộp thư",
    "sequence set": "tập số thứ tự",
    "UID set": "tập UID",
    "known UIDs": "tập UID đã biết",
    "known UID set": "tập UID đã biết",
    "known sequence set": "tập số thứ tự đã biết",
    "search key": "tiêu chí tìm kiếm",
    "search criteria": "tiêu chí tìm kiếm",
    "sort key": "khóa sắp xếp",
    "sort criteria": "tiêu chí sắp xếp",
    "thread algorithm": "thuật toán gom luồng",
    "FETCH attribute": "thuộc tính FETCH",
    "FETCH attributes": "các thuộc tính FETCH",
    "FETCH modifier": "tùy chọn FETCH",
    "STORE modifier": "tùy chọn STORE",
    "store item": "mục STORE (FLAGS)",
    "flags": "danh sách cờ",
    "keyword": "từ khóa cờ",
    "header field list": "danh sách trường tiêu đề",
    "header field name": "tên trường tiêu đề",
    "header value": "giá trị trường tiêu đề",
    "message literal": "nội dung thư (literal)",
    "status item": "mục STATUS",
    "status items": "các mục STATUS",
    "selection option": "tùy chọn chọn lọc",
    "return option": "tùy chọn trả về",
    "return options": "các tùy chọn trả về",
    "RETURN": "từ khóa RETURN",
    "SELECT parameter": "tham số SELECT",
    "CREATE parameter": "tham số CREATE",
    "special-use list": "danh sách công dụng đặc biệt",
    "QRESYNC parameters": "tham số QRESYNC",
    "uidvalidity": "UIDVALIDITY",
    "mod-sequence": "số mod-sequence",
    "SASL mechanism": "cơ chế SASL",
    "compression mechanism": "cơ chế nén",
    "ID parameters": "tham số ID",
    "ID field": "tên trường ID",
    "ID value": "giá trị ID",
    "UID command": "lệnh sau UID",
    "quota root": "gốc hạn mức",
    "quota limits": "danh sách hạn mức",
    "quota resource": "tài nguyên hạn mức",
    "quota limit": "giá trị hạn mức",
    "identifier": "định danh",
    "rights": "quyền",
    "entry name": "tên mục",
    "entry type": "loại mục",
    "interval": "khoảng thời gian (giây)",
    "object id": "mã đối tượng",
    "size": "kích thước",
}
END_OF_LINE = "<EOL>"  # the ``near`` excerpt when the command ended where more was expected
_SUFFIX_VI = {" value": "giá trị của {}", " date": "ngày của {}", " size": "kích thước của {}"}


def what_vi(what: str) -> str:
    """The Vietnamese name of a grammar element (``SUBJECT value`` → ``giá trị của SUBJECT``)."""
    if what in WHAT_VI:
        return WHAT_VI[what]
    for suffix, template in _SUFFIX_VI.items():
        if what.endswith(suffix):
            return template.format(what[: -len(suffix)])
    return what


def frozen_params(params: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(params))


@dataclass(frozen=True, slots=True, eq=True)
class ParseError:
    """A command the parser could not read; the server answers it with BAD (or NO for TOOBIG).

    ``tag`` is the client's tag when it was read (``None``: answer with an untagged ``* BAD``).
    ``reason`` is an i18n key of `MESSAGES`; ``params`` fills its placeholders. ``code`` is the
    IMAP response code to send in brackets, when one applies (``TOOBIG`` for RFC 7889/7888
    size refusals, ``BADCHARSET`` for an unknown SEARCH charset, ``PARSE`` otherwise).
    ``command`` is the command name when it was read. ``status`` is ``BAD`` for syntax errors
    and ``NO`` where the RFC asks for it (``NO [BADCHARSET]``, ``NO [TOOBIG]`` for an over-limit
    synchronising literal, RFC 7889 §4).
    """

    reason: str
    tag: str | None = None
    params: Mapping[str, object] = field(default_factory=lambda: frozen_params({}))
    code: str | None = "PARSE"
    command: str | None = None
    status: str = "BAD"

    def message(self, lang: Lang = "vi") -> str:
        """The human-readable reason, in Vietnamese by default."""
        params = dict(self.params)
        if lang == "vi" and isinstance(params.get("what"), str):
            params["what"] = what_vi(str(params["what"]))
        if params.get("near") == END_OF_LINE:
            params["near"] = "cuối dòng" if lang == "vi" else "end of line"
        return translate(self.reason, lang, **params)


class Reject(Exception):
    """Raised inside the grammar when input is invalid; the parser turns it into a `ParseError`."""

    def __init__(
        self, reason: str, code: str | None = "PARSE", status: str = "BAD", **params: object
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.status = status
        self.params = params
