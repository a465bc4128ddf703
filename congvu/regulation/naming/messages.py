"""The naming engines' i18n catalogue (Vietnamese first, English second) and `reason`.

A reason is a `Violation`: the rule ID of RULES.md (``ST14-3.3``), a key of this catalogue,
and its parameters; ``params["reading"]`` names the READINGS.md entry when a decision rests
on a reading rather than the text.
"""

from __future__ import annotations

from types import MappingProxyType

from congvu.domain.rules import Violation
from congvu.i18n import register

MESSAGES: dict[str, tuple[str, str]] = {
    # plain forms
    "naming.personal": (
        "Địa chỉ cá nhân theo quy định: {plain}.",
        "Personal address by the rule: {plain}.",
    ),
    "naming.organisation": (
        "Địa chỉ cơ quan, đơn vị theo quy định: {plain}.",
        "Organisation address by the rule: {plain}.",
    ),
    "naming.sub_unit": (
        "Địa chỉ đơn vị trực thuộc theo quy định: {plain}.",
        "Sub-unit address by the rule: {plain}.",
    ),
    "naming.commune": (
        "Địa chỉ UBND cấp xã: tên xã, phường không dấu: {plain}.",
        "Commune People's Committee address: the commune's name without diacritics: {plain}.",
    ),
    "naming.staff_of_agency": (
        "Cán bộ của phòng, ban dùng tên cơ quan «{agency}» sau dấu chấm.",
        "Staff of a division use the agency part «{agency}» after the dot.",
    ),
    # ST14 type words
    "naming.st14.type_unknown": (
        "Loại hình tổ chức «{word}» không có trong bảng; cần xác nhận.",
        "The organisation type «{word}» is not in the table; please confirm.",
    ),
    # clashes
    "naming.clash_existing": (
        "«{plain}» đã được dùng (hộp thư hoặc bí danh «{holder}»).",
        "«{plain}» is already in use (mailbox or alias «{holder}»).",
    ),
    "naming.clash_batch_rank": (
        "«{plain}» dành cho người có chức vụ lãnh đạo trong cùng đợt ({holder}).",
        "«{plain}» goes to the person with leadership rank in the same batch ({holder}).",
    ),
    "naming.clash_batch_order": (
        "«{plain}» dành cho người đăng ký trước trong cùng đợt ({holder}).",
        "«{plain}» goes to the earlier registration in the same batch ({holder}).",
    ),
    "naming.suffix_org": (
        "Trùng địa chỉ: ghép tên tổ chức sau dấu chấm: {local}.",
        "Address clash: the organisation's name is added after a dot: {local}.",
    ),
    "naming.number": (
        "Trùng địa chỉ: thêm số thứ tự {number}: {local}.",
        "Address clash: sequence number {number} added: {local}.",
    ),
    "naming.digits_operator": (
        "Trùng địa chỉ: thêm chữ số do cán bộ quản trị nhập ({digits}): {local}.",
        "Address clash: digits entered by the operator ({digits}): {local}.",
    ),
    "naming.digits_birth_year": (
        "Trùng địa chỉ: đề xuất hai số cuối năm sinh ({digits}): {local}; văn bản không bắt buộc.",
        "Address clash: proposing the last two digits of the birth year ({digits}): {local};"
        " the text does not require it.",
    ),
    "naming.digits_lowest": (
        "Trùng địa chỉ: đề xuất số nhỏ nhất còn trống ({digits}): {local}; cán bộ quản trị quyết định.",
        "Address clash: proposing the lowest free number ({digits}): {local}; the operator decides.",
    ),
    "naming.digits_invalid": (
        "Chữ số bổ sung phải là chữ số 0–9, nhận được «{digits}».",
        "The added digits must be 0–9, got «{digits}».",
    ),
    "naming.unit_letters": (
        "Trùng tên viết tắt với đơn vị khác: bổ sung chữ cái: {local}; cán bộ quản trị xác nhận.",
        "The abbreviation clashes with another unit: letters added: {local}; the operator confirms.",
    ),
    "naming.unit_operator": (
        "Tên viết tắt bị trùng: Trung tâm CNTT quyết định sau khi trao đổi với tổ chức; đề xuất {local}.",
        "The abbreviation clashes: the IT centre decides after consulting the organisation;"
        " proposing {local}.",
    ),
    "naming.commune_clash": (
        "Tên xã, phường không dấu bị trùng với đơn vị khác: bổ sung chữ cái: {local}.",
        "The commune's name without diacritics clashes with another unit: letters added: {local}.",
    ),
    "naming.no_free": (
        "Không tìm được địa chỉ còn trống; cán bộ quản trị đặt địa chỉ.",
        "No free address found; the operator sets the address.",
    ),
    "naming.too_long": (
        "Địa chỉ {plain} dài quá 64 ký tự; cán bộ quản trị đặt địa chỉ.",
        "The address {plain} is longer than 64 characters; the operator sets the address.",
    ),
    "naming.invalid_plain": (
        "Không tạo được địa chỉ từ tên «{plain}» (không có chữ cái Latinh); cán bộ quản trị đặt địa chỉ.",
        "No address can be made from «{plain}» (no Latin letters); the operator sets the address.",
    ),
    # re-ranking
    "naming.rerank": (
        "Người có chức vụ lãnh đạo được ưu tiên giữ «{holder}», đang thuộc hộp thư hiện có; "
        "hệ thống không tự đổi tên: đề xuất {newcomer} cho người mới, hoặc cán bộ quản trị đổi "
        "«{holder}» thành {holder_would_get}.",
        "Leadership rank keeps «{holder}», held by an existing mailbox; nothing is renamed "
        "automatically: proposing {newcomer} for the newcomer, or the operator moves «{holder}» "
        "to {holder_would_get}.",
    ),
    "naming.rerank_unknown": (
        "Người có chức vụ lãnh đạo được ưu tiên giữ «{holder}», đang thuộc hộp thư hiện có; "
        "hệ thống không tự đổi tên: đề xuất {newcomer} cho người mới; cán bộ quản trị quyết định.",
        "Leadership rank keeps «{holder}», held by an existing mailbox; nothing is renamed "
        "automatically: proposing {newcomer} for the newcomer; the operator decides.",
    ),
    # engines with no rule
    "naming.qn20.no_org_format": (
        "QN20 không quy định định dạng hộp thư đơn vị: cán bộ quản trị đặt địa chỉ.",
        "QN20 sets no organisation-box format: the operator sets the address.",
    ),
    "naming.sl25.commune_body_needs_parent": (
        "Cơ quan cấp xã khác dùng dạng <viết tắt>.<tên xã>: cần chọn xã, phường.",
        "Other commune-level bodies use <abbreviation>.<commune>: choose the commune.",
    ),
    "naming.tg09.no_rule": (
        "Chưa cấu hình quy chuẩn đặt tên của tỉnh: Văn phòng UBND tỉnh đặt địa chỉ.",
        "The province's naming standard is not configured: Văn phòng UBND tỉnh sets the address.",
    ),
    "naming.tg09.confirm": (
        "Đề xuất theo quy chuẩn đã cấu hình ({plain}); Văn phòng UBND tỉnh xác nhận.",
        "Proposed by the configured standard ({plain}); Văn phòng UBND tỉnh confirms.",
    ),
    # overrides
    "naming.override": (
        "Cán bộ quản trị {operator} đặt địa chỉ {local} thay cho đề xuất {proposed}: {reason}.",
        "Operator {operator} set {local} instead of the proposal {proposed}: {reason}.",
    ),
    "naming.invalid_local": (
        "Phần tên «{local}» không hợp lệ: chỉ a-z, 0-9 và dấu chấm giữa các phần, tối đa 64 ký tự.",
        "The local part «{local}» is invalid: only a-z, 0-9 and dots between parts, at most 64 characters.",
    ),
    "naming.reason_required": (
        "Cần ghi lý do khi đặt địa chỉ khác đề xuất.",
        "A reason is required to set an address other than the proposal.",
    ),
}
register(MESSAGES)


def reason(rule: str, key: str, *, reading: str | None = None, **params: object) -> Violation:
    """A reason citing `rule`; `reading` (``"A.8"``) when it rests on READINGS.md."""
    if reading is not None:
        params["reading"] = reading
    return Violation(rule, key, MappingProxyType(params))  # `params` is already a fresh dict


# A reason built only if its candidate is chosen (a batch tries many candidates): rule, key, params.
Later = tuple[str, str, dict[str, object]]


def later(rule: str, key: str, *, reading: str | None = None, **params: object) -> Later:
    if reading is not None:
        params["reading"] = reading
    return (rule, key, params)


def build(pending: Later) -> Violation:
    rule, key, params = pending
    return Violation(rule, key, MappingProxyType(params))
