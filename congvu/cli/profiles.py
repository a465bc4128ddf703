"""``congvu profile list | show NAME | coverage NAME``: the regulation profiles, in Vietnamese or English.

``show`` prints every figure of a profile with the rule and article it comes from (issue 10 item
1); ``coverage`` prints, for each rule of the profile's regulations, where the code enforces it
and which tests cite it, or that RULES.md puts it out of software's reach (item 8). NAME is a
shipped profile or a path to a profile file an administrator wrote (docs/regulation.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

import congvu
from congvu.domain.errors import ConfigError
from congvu.i18n import Lang, translate
from congvu.i18n import register as register_texts
from congvu.regulation.catalogue import REGULATIONS, catalogue, cite
from congvu.regulation.coverage import rule_coverage
from congvu.regulation.profile import Figure, Period, Profile, format_size, list_profiles, load_profile

TEXTS: dict[str, tuple[str, str]] = {
    "cli.profile.col.name": ("Hồ sơ", "Profile"),
    "cli.profile.col.regulation": ("Quy chế", "Regulation"),
    "cli.profile.col.domains": ("Tên miền", "Domains"),
    "cli.profile.col.web": ("Địa chỉ web", "Web address"),
    "cli.profile.col.setting": ("Mục", "Setting"),
    "cli.profile.col.value": ("Giá trị", "Value"),
    "cli.profile.col.source": ("Căn cứ", "Source"),
    "cli.profile.col.note": ("Ghi chú", "Note"),
    "cli.profile.col.rule": ("Quy định", "Rule"),
    "cli.profile.col.text": ("Nội dung", "What it asks"),
    "cli.profile.col.enforced": ("Thực hiện tại", "Enforced in"),
    "cli.profile.col.tests": ("Kiểm thử", "Tests"),
    "cli.profile.operator": ("do đơn vị vận hành chọn", "operator's choice"),
    "cli.profile.reading": ("cách hiểu {reading}", "reading {reading}"),
    "cli.profile.none": ("không quy định", "none set"),
    "cli.profile.yes": ("có", "yes"),
    "cli.profile.no": ("không", "no"),
    "cli.profile.any_special": ("mọi ký tự không phải chữ, số", "any non-alphanumeric"),
    "cli.profile.out_of_reach": ("ngoài phạm vi phần mềm", "out of software's reach"),
    "cli.profile.missing": ("chưa thực hiện", "not enforced yet"),
    "cli.profile.summary": (
        "{covered}/{total} quy định có nơi thực hiện hoặc nằm ngoài phạm vi phần mềm",
        "{covered}/{total} rules are enforced or out of software's reach",
    ),
    "cli.profile.deadline": ("{days} ngày làm việc, tính từ {start}", "{days} working days from {start}"),
    "cli.profile.start.receipt": ("khi nhận yêu cầu", "receipt"),
    "cli.profile.start.handled": ("sau khi giải quyết", "handling"),
    "cli.profile.start.complete_information": ("khi đủ thông tin", "complete information"),
}
register_texts(TEXTS)

# Setting names, Vietnamese then English.
SETTINGS: dict[str, tuple[str, str]] = {
    "domains": ("Tên miền", "Mail domains"),
    "web_address": ("Địa chỉ web", "Web address"),
    "mailbox_quota": ("Dung lượng hộp thư", "Mailbox quota"),
    "attachment_limit": ("Dung lượng tệp đính kèm tối đa", "Attachment limit"),
    "attachment_scope": ("Giới hạn đính kèm tính theo", "Attachment limit applies per"),
    "quota_warning_percent": ("Ngưỡng cảnh báo dung lượng (%)", "Quota warning threshold (%)"),
    "log_retention": ("Thời gian lưu nhật ký", "Log retention"),
    "min_length": ("Độ dài mật khẩu tối thiểu", "Minimum password length"),
    "classes": ("Loại ký tự bắt buộc", "Required character classes"),
    "special_set": ("Ký tự đặc biệt", "Special characters"),
    "forbid_name_parts": ("Cấm chứa họ, tên, chữ lót", "Forbid name parts"),
    "forbid_local_part": ("Cấm chứa tên hộp thư", "Forbid the mailbox name"),
    "min_guesses_log10": ("Độ mạnh tối thiểu (log10 số lần đoán)", "Minimum strength (log10 guesses)"),
    "rotation": ("Chu kỳ đổi mật khẩu", "Password rotation"),
    "change_at_first_login": ("Đổi mật khẩu lần đầu đăng nhập", "Change at first login"),
    "change_after_reset": ("Đổi mật khẩu sau khi cấp lại", "Change after reset"),
    "change_after_restore": ("Đổi mật khẩu sau khi khôi phục", "Change after restore"),
    "threshold": ("Thời gian không đăng nhập", "Inactivity threshold"),
    "action": ("Biện pháp", "Action"),
    "base": ("Tính từ", "Counted from"),
    "absence_reason_stops": ("Lý do vắng mặt dừng tạm khóa", "Absence reason stops the lock"),
    "lock_to_revoke": ("Từ tạm khóa đến thu hồi", "Lock to revocation"),
    "restore_request_stops": ("Đề nghị khôi phục dừng thu hồi", "Restore request stops revocation"),
    "revocation_deletes": ("Thu hồi là xóa dữ liệu", "Revocation deletes data"),
    "keep_data_after_revoke": ("Lưu dữ liệu sau thu hồi", "Keep data after revocation"),
    "warn_before": ("Cảnh báo trước", "Warn before"),
    "create": ("Thời hạn: cấp mới", "Deadline: create"),
    "modify": ("Thời hạn: thay đổi", "Deadline: modify"),
    "password_reset": ("Thời hạn: cấp lại mật khẩu", "Deadline: password reset"),
    "revoke": ("Thời hạn: thu hồi", "Deadline: revoke"),
    "restore": ("Thời hạn: khôi phục", "Deadline: restore"),
    "malware_takeover": ("Khi bị virus chiếm dụng", "When taken over by malware"),
    "hijacked": ("Khi bị chiếm dụng, lộ mật khẩu", "When hijacked or the password leaked"),
    "spreading_spam": ("Khi phát tán thư rác, mã độc", "When spreading spam or malware"),
    "forbidden_content": ("Khi vi phạm nội dung, mục đích sử dụng", "On forbidden content or misuse"),
    "reports": ("Kỳ báo cáo", "Report periods"),
    "public_mail_services": ("Dịch vụ thư công cộng", "Public mail services"),
    "classified": ("Kiểm tra dấu độ mật", "Check classified markings"),
    "mail_checks_per_half_day": ("Số lần kiểm tra thư mỗi buổi", "Mail checks per half-day"),
}

# Enumerated values (profile.py StrEnums), Vietnamese then English.
VALUES: dict[str, tuple[str, str]] = {
    "message": ("mỗi thư", "per message"),
    "file": ("mỗi tệp", "per file"),
    "lock": ("tạm khóa", "lock"),
    "suspend": ("tạm dừng", "suspend"),
    "revoke": ("thu hồi", "revoke"),
    "last_activity": ("lần khai báo hoặc đăng nhập sau cùng", "issue or last login, whichever is later"),
    "issue_only": ("chỉ hộp thư chưa từng đăng nhập", "only boxes never logged into"),
    "upper": ("chữ hoa", "upper case"),
    "lower": ("chữ thường", "lower case"),
    "digit": ("chữ số", "digit"),
    "special": ("ký tự đặc biệt", "special"),
    "monthly": ("hàng tháng", "monthly"),
    "quarterly": ("hàng quý", "quarterly"),
    "half_yearly": ("6 tháng", "half-yearly"),
    "yearly": ("hàng năm", "yearly"),
    "periodic": ("định kỳ", "periodic"),
    "ad_hoc": ("đột xuất", "ad hoc"),
}

LangOption = Annotated[str, typer.Option("--lang", help="Ngôn ngữ vi|en / Language vi|en")]


def _lang(value: str) -> Lang:
    if value not in ("vi", "en"):
        raise typer.BadParameter("vi | en")
    return "vi" if value == "vi" else "en"


def _t(key: str, lang: Lang, **params: object) -> str:
    return translate(key, lang, **params)


def _load(name: str) -> Profile:
    try:
        return load_profile(name)
    except ConfigError as exc:
        typer.echo(f"congvu: {exc}", err=True)
        raise typer.Exit(2) from None


def _value(value: Any, lang: Lang, key: str) -> str:
    if value is None:
        return _t("cli.profile.none", lang)
    if isinstance(value, bool):
        return _t("cli.profile.yes" if value else "cli.profile.no", lang)
    if isinstance(value, Period):
        return value.vietnamese() if lang == "vi" else str(value)
    if isinstance(value, int) and key in {"mailbox_quota", "attachment_limit"}:
        return format_size(value)
    if key == "special_set" and value == "":
        return _t("cli.profile.any_special", lang)
    if isinstance(value, frozenset):
        return ", ".join(_word(str(v), lang) for v in sorted(value))
    if isinstance(value, tuple | list):
        return ", ".join(_word(str(v), lang) for v in value)
    return _word(str(value), lang)


def _word(value: str, lang: Lang) -> str:
    texts = VALUES.get(value)
    return value if texts is None else texts[0 if lang == "vi" else 1]


def _source(fig: Figure[Any], lang: Lang) -> str:
    parts = [f"{rule}: {cite(rule, lang)}" for rule in fig.rules]
    if fig.reading:
        parts.append(_t("cli.profile.reading", lang, reading=fig.reading))
    if fig.operator:
        parts.append(_t("cli.profile.operator", lang))
    return "\n".join(parts)


def figures(profile: Profile) -> list[tuple[str, Figure[Any], str | None]]:
    """(setting key, figure, start of a deadline) for every figure, in display order."""
    rows: list[tuple[str, Figure[Any], str | None]] = [
        ("domains", profile.domain_list, None),
        ("web_address", profile.web, None),
        ("mailbox_quota", profile.mailbox_quota, None),
        ("attachment_limit", profile.attachment_limit, None),
        ("attachment_scope", profile.attachment_scope, None),
        ("quota_warning_percent", profile.quota_warning_percent, None),
        ("log_retention", profile.log_retention, None),
    ]
    for policy in (profile.passwords, profile.inactivity):
        rows.extend((key, getattr(policy, key), None) for key in policy.__dataclass_fields__)
    rows.extend((kind.value, rule.working_days, rule.start.value) for kind, rule in profile.deadlines.items())
    rows.extend((cause.value, rule.action, None) for cause, rule in profile.locks.items())
    rows.extend(
        [
            ("reports", profile.reports, None),
            ("public_mail_services", profile.public_mail_services, None),
            ("classified", profile.classified, None),
            ("mail_checks_per_half_day", profile.mail_checks_per_half_day, None),
        ]
    )
    return rows


def list_command(lang: LangOption = "vi") -> None:
    """Liệt kê các hồ sơ quy chế có sẵn / List the shipped regulation profiles."""
    language = _lang(lang)
    table = Table()
    for col in ("name", "regulation", "domains", "web"):
        table.add_column(_t(f"cli.profile.col.{col}", language))
    for name in list_profiles():
        profile = _load(name)
        docs = ", ".join(REGULATIONS[c].document for c in profile.regulations)
        table.add_row(name, docs, ", ".join(profile.domains), profile.web_address)
    Console(width=160).print(table)


def show_command(
    name: Annotated[str, typer.Argument(help="Tên hồ sơ hoặc đường dẫn tệp / profile name or file path")],
    lang: LangOption = "vi",
) -> None:
    """Hiển thị mọi thông số của một hồ sơ và căn cứ / Show every figure of a profile and its source."""
    language = _lang(lang)
    profile = _load(name)
    title = profile.title_vi if language == "vi" else profile.title_en
    table = Table(title=f"{profile.name}: {title}", show_lines=True)
    for col in ("setting", "value", "source", "note"):
        table.add_column(_t(f"cli.profile.col.{col}", language))
    for key, fig, start in figures(profile):
        label = SETTINGS[key][0 if language == "vi" else 1]
        value = _value(fig.value, language, key)
        if start is not None and fig.value is not None:
            value = _t(
                "cli.profile.deadline",
                language,
                days=fig.value,
                start=_t(f"cli.profile.start.{start}", language),
            )
        table.add_row(label, value, _source(fig, language), fig.note_in(language))
    Console(width=160).print(table)


def _read_tree() -> tuple[dict[str, str], dict[str, str]]:
    """Texts of the package's code and profiles, and of the tests when run from a checkout."""
    package = Path(congvu.__file__).resolve().parent
    root = package.parent
    sources = {
        str(path.relative_to(root)): path.read_text(encoding="utf-8", errors="replace")
        for pattern in ("*.py", "*.toml")
        for path in package.rglob(pattern)
    }
    tests_dir = root / "tests"
    tests = {
        str(path.relative_to(root)): path.read_text(encoding="utf-8", errors="replace")
        for path in (tests_dir.rglob("*.py") if tests_dir.is_dir() else ())
    }
    return sources, tests


def coverage_command(
    name: Annotated[str, typer.Argument(help="Tên hồ sơ hoặc đường dẫn tệp / profile name or file path")],
    lang: LangOption = "vi",
) -> None:
    """Mỗi quy định được thực hiện ở đâu, kiểm thử nào trích dẫn / Where each rule is enforced and tested."""
    language = _lang(lang)
    profile = _load(name)
    sources, tests = _read_tree()
    rows = rule_coverage(profile.regulations, catalogue(), sources, tests)
    table = Table(title=profile.name, show_lines=True)
    for col in ("rule", "text", "enforced", "tests"):
        table.add_column(_t(f"cli.profile.col.{col}", language))
    for row in rows:
        if row.out_of_reach:
            enforced = _t("cli.profile.out_of_reach", language)
        else:
            enforced = "\n".join(row.enforced_in) or _t("cli.profile.missing", language)
        table.add_row(row.rule, row.text[:90], enforced, "\n".join(row.tests))
    console = Console(width=180)
    console.print(table)
    covered = sum(1 for row in rows if row.covered)
    console.print(_t("cli.profile.summary", language, covered=covered, total=len(rows)))


def register(app: typer.Typer) -> None:
    """Add ``congvu profile …`` to the `congvu` app."""
    group = typer.Typer(
        name="profile",
        help="Hồ sơ quy chế của tỉnh.\n\nThe province's regulation profiles.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    group.command("list")(list_command)
    group.command("show")(show_command)
    group.command("coverage")(coverage_command)
    app.add_typer(group, name="profile")
