"""Vietnamese and English texts of the regulation engine's violations and decisions.

Registered with `congvu.i18n` on import (`congvu.regulation.profile` imports this module, so
loading any profile makes the texts available to `congvu.render`). `explain` adds the citation the
regulation's own way, ``(Điều 8 khoản 1, Quy chế ban hành kèm QĐ 1217/QĐ-UBND)``, and says so when
the decision rests on a reading of READINGS.md rather than on the text itself.
"""

from __future__ import annotations

from congvu.domain.rules import Violation
from congvu.i18n import Lang, register, translate
from congvu.regulation.catalogue import cite

MESSAGES: dict[str, tuple[str, str]] = {
    # passwords (ST14-13.2, QN20-8, SL25-6)
    "password.too_short": (
        "Mật khẩu phải có ít nhất {min} ký tự (hiện có {length})",
        "The password must have at least {min} characters (it has {length})",
    ),
    "password.missing_upper": (
        "Mật khẩu phải có chữ in hoa",
        "The password must contain an upper-case letter",
    ),
    "password.missing_lower": (
        "Mật khẩu phải có chữ thường",
        "The password must contain a lower-case letter",
    ),
    "password.missing_digit": ("Mật khẩu phải có chữ số", "The password must contain a digit"),
    "password.missing_special": (
        "Mật khẩu phải có ký tự đặc biệt (ví dụ ! @ #)",
        "The password must contain a special character (such as ! @ #)",
    ),
    "password.missing_listed_special": (
        "Mật khẩu phải có ít nhất một trong các ký tự đặc biệt {listed}",
        "The password must contain at least one of the special characters {listed}",
    ),
    "password.contains_name": (
        "Mật khẩu không được trùng với họ, tên, chữ lót: không được chứa “{part}”",
        "The password must not match the family, middle or given name: it must not contain “{part}”",
    ),
    "password.contains_address": (
        "Mật khẩu không được chứa tên hộp thư “{part}”",
        "The password must not contain the mailbox name “{part}”",
    ),
    "password.keyboard_walk": (
        "Mật khẩu chưa đủ mạnh: phần lớn là dãy phím liền nhau, dãy số/chữ liên tiếp hoặc ký tự lặp",
        "The password is not strong enough: it is mostly a keyboard walk, a sequence or repeats",
    ),
    "password.weak": (
        "Mật khẩu chưa đủ mạnh, dễ đoán (ước lượng 10^{guesses_log10} lần thử, cần ít nhất 10^{required})",
        "The password is too easy to guess (about 10^{guesses_log10} guesses, at least 10^{required} needed)",
    ),
    "password.unchecked": (
        "Không kiểm tra được mật khẩu ({error}); hãy chọn mật khẩu khác",
        "The password could not be checked ({error}); choose another",
    ),
    "password.change_first_login": (
        "Phải đổi mật khẩu khi đăng nhập lần đầu",
        "The password must be changed at first login",
    ),
    "password.change_after_reset": (
        "Phải đổi mật khẩu ngay sau khi được cấp lại",
        "The password must be changed right after a reset",
    ),
    "password.change_after_restore": (
        "Phải đổi mật khẩu trong lần truy cập đầu tiên sau khi hộp thư được khôi phục",
        "The password must be changed at the first access after the mailbox is restored",
    ),
    "password.expired": (
        "Mật khẩu đã quá hạn {period} (hết hạn ngày {due}), phải đổi mật khẩu",
        "The password is older than {period} (expired on {due}) and must be changed",
    ),
    # sizes and quotas (ST14-8.1, QN20-9, SL25-11.2)
    "size.attachment_too_large": (
        "Tệp đính kèm {size} vượt dung lượng tối đa {limit}",
        "An attachment of {size} exceeds the {limit} limit",
    ),
    "size.attachments_total_too_large": (
        "Tổng dung lượng tệp đính kèm {size} vượt mức tối đa {limit} của mỗi thư",
        "The attachments total {size}, over the {limit} limit per message",
    ),
    "size.over_quota": (
        "Hộp thư đã đầy (đã dùng {used} trên {limit})",
        "The mailbox is full ({used} used of {limit})",
    ),
    "quota.warning": (
        "Hộp thư đã dùng {percent}% dung lượng được cấp",
        "The mailbox has used {percent}% of its quota",
    ),
    # content (ST14-13.3, ST17-13.4, TG09-13, QN20-11.2, SL25-4.2.c; ST14-7.7, ST17-7.5, QN20-11.8)
    "content.classified_marking": (
        "Thư có dấu độ mật “{level}”: không gửi văn bản, thông tin mật qua hệ thống thư điện tử",
        "The message is marked “{level}”: classified documents must not be sent by this mail system",
    ),
    "content.public_mail_recipient": (
        "Không dùng hộp thư điện tử công cộng ({address}) để trao đổi công việc",
        "Public mail services ({address}) must not be used for official work",
    ),
    # lifecycle (ST14-4.4, QN20-7.2, SL25-8, SL25-7.2)
    "lifecycle.active": ("Hộp thư đang hoạt động", "The mailbox is active"),
    "lifecycle.no_inactivity_rule": (
        "Quy chế không quy định xử lý hộp thư không sử dụng",
        "The regulation sets no rule for unused mailboxes",
    ),
    "lifecycle.absence_recorded": (
        "Đơn vị đã thông báo lý do vắng mặt, chưa tạm khóa",
        "The unit recorded a reason for absence: no lock",
    ),
    "lifecycle.inactive_lock": (
        "Tạm khóa: không đăng nhập quá thời hạn quy định",
        "Lock: no login within the set period",
    ),
    "lifecycle.inactive_suspend": (
        "Tạm dừng hoạt động: không đăng nhập quá thời hạn quy định",
        "Suspend: no login within the set period",
    ),
    "lifecycle.inactive_revoke": (
        "Thu hồi: hộp thư không truy xuất quá thời hạn quy định",
        "Revoke: the mailbox was not accessed within the set period",
    ),
    "lifecycle.warn_lock": (
        "Cảnh báo: hộp thư sắp bị tạm khóa vì không đăng nhập",
        "Warning: the mailbox will be locked for lack of logins",
    ),
    "lifecycle.warn_suspend": (
        "Cảnh báo: hộp thư sắp bị tạm dừng vì không đăng nhập",
        "Warning: the mailbox will be suspended for lack of logins",
    ),
    "lifecycle.warn_revoke": (
        "Cảnh báo: hộp thư sắp bị thu hồi vì không truy xuất",
        "Warning: the mailbox will be revoked for lack of access",
    ),
    "lifecycle.locked": (
        "Hộp thư đang tạm khóa (vẫn nhận thư)",
        "The mailbox is locked (it still receives mail)",
    ),
    "lifecycle.locked_waits": ("Hộp thư đang tạm khóa", "The mailbox is locked"),
    "lifecycle.restore_pending": (
        "Đã có đề nghị khôi phục: chưa thu hồi",
        "A restore request is pending: no revocation",
    ),
    "lifecycle.locked_revoke": (
        "Thu hồi: tạm khóa quá thời hạn mà không có đề nghị khôi phục",
        "Revoke: locked past the set period with no restore request",
    ),
    "lifecycle.warn_revoke_after_lock": (
        "Cảnh báo: hộp thư tạm khóa sắp bị thu hồi và xóa, không thể khôi phục",
        "Warning: the locked mailbox will soon be revoked and deleted for good",
    ),
    "lifecycle.suspended_waits": (
        "Hộp thư đang tạm dừng, chờ đề nghị khôi phục",
        "The mailbox is suspended until a restore request",
    ),
    "lifecycle.revoked": ("Hộp thư đã thu hồi", "The mailbox is revoked"),
    "lifecycle.revoked_kept": (
        "Hộp thư đã thu hồi, dữ liệu được lưu giữ đến hạn",
        "The mailbox is revoked; its data is kept until the set date",
    ),
    "lifecycle.no_lock_rule": (
        "Quy chế không quy định tạm khóa vì lý do này",
        "The regulation sets no lock for this cause",
    ),
    "lifecycle.hold_until_warning": (
        "Tạm giữ thư gửi đi; chỉ tạm khóa khi đã ghi nhận cảnh báo của cơ quan chức năng an toàn thông tin",
        "Hold outgoing mail; lock only once the information-security authority's warning is recorded",
    ),
    "lifecycle.cause_lock": ("Tạm khóa hộp thư (vẫn nhận thư)", "Lock the mailbox (it still receives mail)"),
    "lifecycle.cause_suspend": ("Tạm dừng hoạt động hộp thư và thông báo", "Suspend the mailbox and notify"),
    "lifecycle.cause_revoke": ("Thu hồi hộp thư", "Revoke the mailbox"),
    "lifecycle.purge_revoked": (
        "Hết thời hạn lưu giữ dữ liệu của hộp thư đã thu hồi: xóa dữ liệu",
        "The keeping period of the revoked mailbox is over: delete its data",
    ),
}

register(MESSAGES)

_READING = ("cách hiểu {reading} của Congvu", "Congvu reading {reading}")


def explain(violation: Violation, lang: Lang = "vi") -> str:
    """Message and citation: ``Mật khẩu … (Điều 8 khoản 1, Quy chế ban hành kèm QĐ 1217/QĐ-UBND)``."""
    body = translate(violation.key, lang, **violation.params)
    where = cite(violation.rule, lang)
    reading = violation.params.get("reading")
    if reading:
        where += "; " + (_READING[0] if lang == "vi" else _READING[1]).format(reading=reading)
    return f"{body} ({where})"
