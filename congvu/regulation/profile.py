"""A province's regulation as data: the profile loader, its validation and the frozen `Profile`.

Issue 10 item 1. Each regulation is one TOML file in ``congvu/regulation/profiles/`` (shipped in the
package and read with `importlib.resources`); a province that is not shipped is a new file an
administrator writes (docs/regulation.md) and loads by path. A profile may ``extends`` another
(ST17, a department's regulation, extends ST14, the province's): tables merge key by key, the
child's figures win.

Every figure is an inline table that says where it comes from::

    mailbox_quota = { value = "5 GiB", rule = "QN20-9" }
    attachment_limit = { value = "20 MiB", rule = "QN20-9", reading = "B.10" }
    log_retention = { value = "6 months", operator = true, note = "văn bản không quy định",
                      note_en = "the text sets none" }

``rule`` is one rule ID of RULES.md or a list of them, ``reading`` an item of READINGS.md when the
figure rests on a reading, ``operator = true`` when the text leaves the figure to the operator,
``note`` (Vietnamese) and ``note_en`` (English) a remark shown by ``congvu profile show``.
A figure with neither rule nor ``operator`` is refused, and so is an unknown rule ID, an unknown key
(a typo would otherwise be silently ignored) or a decimal size unit (``MB``: write ``MiB``, READINGS
B.10). Every `ConfigError` names the file, the key and the problem.

Sizes are binary (B.10); periods are calendar days or months, months per BLDS 2015 Điều 148 (a
month after 31 January is the last day of February).
"""

from __future__ import annotations

import calendar as _calendar
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Generic, Literal, TypeVar

from congvu.domain.errors import ConfigError
from congvu.domain.rules import RuleRef
from congvu.regulation import messages  # noqa: F401  (registers the texts of every key used here)
from congvu.regulation.catalogue import CODES, catalogue
from congvu.regulation.naming.config import NamingConfig

T = TypeVar("T")
D = TypeVar("D", date, datetime)

_PACKAGE = "congvu.regulation"
_READING = re.compile(r"^[AB]\.\d+$")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$")
_PERIOD = re.compile(r"^\s*(\d+)\s*(day|days|month|months)\s*$")
_UNITS = {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3, "TiB": 1024**4}
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


# --- values: sizes and periods ----------------------------------------------------------------


def parse_size(text: object) -> int:
    """``"20 MiB"`` → 20971520; an int is bytes. Decimal units are refused (READINGS B.10)."""
    if isinstance(text, bool):
        raise ValueError('expected a size such as "20 MiB"')
    if isinstance(text, int):
        if text < 0:
            raise ValueError("a size cannot be negative")
        return text
    match = _SIZE.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f'expected a size such as "20 MiB", got {text!r}')
    number, unit = match.groups()
    if unit not in _UNITS:
        raise ValueError(f"unknown unit {unit!r}: write KiB, MiB or GiB (binary units, READINGS B.10)")
    return int(float(number) * _UNITS[unit])


def format_size(size: int) -> str:
    """Bytes as the largest whole binary unit: 524288000 → ``500 MiB``."""
    for unit in ("TiB", "GiB", "MiB", "KiB"):
        factor = _UNITS[unit]
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} B"


def add_months(start: D, months: int) -> D:
    """`start` moved by whole calendar months, clamped to the month's last day (BLDS Điều 148)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    day = min(start.day, _calendar.monthrange(year, month0 + 1)[1])
    return start.replace(year=year, month=month0 + 1, day=day)


@dataclass(frozen=True, slots=True)
class Period:
    """A number of calendar days or calendar months ("ngày", "tháng" without "làm việc", RULES.md §3)."""

    amount: int
    unit: Literal["days", "months"]

    @classmethod
    def parse(cls, text: object) -> Period:
        match = _PERIOD.match(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(f'expected a period such as "90 days" or "3 months", got {text!r}')
        return cls(int(match.group(1)), "days" if match.group(2).startswith("day") else "months")

    def after(self, start: D) -> D:
        """When the period that starts at `start` ends (BLDS Điều 147: the start day is not counted)."""
        if self.unit == "days":
            return start + timedelta(days=self.amount)
        return add_months(start, self.amount)

    def before(self, end: D) -> D:
        """The moment this period before `end` (reminders ahead of a deadline)."""
        if self.unit == "days":
            return end - timedelta(days=self.amount)
        return add_months(end, -self.amount)

    def __str__(self) -> str:
        return f"{self.amount} {self.unit if self.amount != 1 else self.unit[:-1]}"

    def vietnamese(self) -> str:
        return f"{self.amount} {'ngày' if self.unit == 'days' else 'tháng'}"


# --- figures --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure(Generic[T]):
    """One setting of a profile with its provenance: rule IDs, READINGS item, or operator's choice."""

    value: T
    rules: tuple[str, ...] = ()
    reading: str | None = None
    operator: bool = False
    note: str = ""  # Vietnamese
    note_en: str = ""

    def note_in(self, lang: str) -> str:
        return self.note_en or self.note if lang == "en" else self.note

    @property
    def rule(self) -> str | None:
        """The first (main) rule ID, or None for an operator's figure the texts do not set."""
        return self.rules[0] if self.rules else None

    @property
    def ref(self) -> RuleRef | None:
        return None if not self.rules else RuleRef(self.rules[0], self.reading)


class AttachmentScope(StrEnum):
    """What the attachment limit bears on (READINGS B.10): the total per message, or each file."""

    MESSAGE = "message"
    FILE = "file"


class CharClass(StrEnum):
    UPPER = "upper"
    LOWER = "lower"
    DIGIT = "digit"
    SPECIAL = "special"


class InactivityAction(StrEnum):
    """What an inactivity threshold triggers (GLOSSARY: lock, suspend, revoke)."""

    LOCK = "lock"
    SUSPEND = "suspend"
    REVOKE = "revoke"


class InactivityBase(StrEnum):
    """READINGS B.3: count from the later of issue and last login (B), or only never-used boxes (A)."""

    LAST_ACTIVITY = "last_activity"
    ISSUE_ONLY = "issue_only"


class LockCause(StrEnum):
    """Why the operator locks or suspends a box other than inactivity (SL25-8.2.b–c, QN20-7.2)."""

    MALWARE_TAKEOVER = "malware_takeover"  # bị virus chiếm dụng
    HIJACKED = "hijacked"  # bị chiếm dụng, lộ lọt mật khẩu
    SPREADING_SPAM = "spreading_spam"  # phát tán thư rác, mã độc
    FORBIDDEN_CONTENT = "forbidden_content"  # SL25-4.2 content; QN20 "không đúng mục đích"


class RequestKind(StrEnum):
    """Account requests (GLOSSARY: create, modify/rename, password reset, revoke, restore)."""

    CREATE = "create"
    MODIFY = "modify"
    PASSWORD_RESET = "password_reset"
    REVOKE = "revoke"
    RESTORE = "restore"


class DeadlineStart(StrEnum):
    """When a request's working days start: at receipt, after handling (ST14-4.3 reading A, B.1),
    or once the information is complete (QN20-7.1)."""

    RECEIPT = "receipt"
    HANDLED = "handled"
    COMPLETE_INFORMATION = "complete_information"


class ReportPeriod(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    PERIODIC = "periodic"
    AD_HOC = "ad_hoc"


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """A request kind's deadline: working days (None: the text sets none) and when they start."""

    kind: RequestKind
    working_days: Figure[int | None]
    start: DeadlineStart


@dataclass(frozen=True, slots=True)
class LockRule:
    """What a cause leads to (lock, suspend, or None: the text allows no lock) and whether the
    information-security authority's warning must be recorded first (SL25-8.2.b, READINGS B.9)."""

    cause: LockCause
    action: Figure[InactivityAction | None]
    needs_authority_warning: bool


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    min_length: Figure[int]
    classes: Figure[frozenset[CharClass]]
    special_set: Figure[str]  # "" = any non-alphanumeric character counts (READINGS B.13)
    forbid_name_parts: Figure[bool]
    forbid_local_part: Figure[bool]
    min_guesses_log10: Figure[float]
    rotation: Figure[Period | None]
    change_at_first_login: Figure[bool]
    change_after_reset: Figure[bool]
    change_after_restore: Figure[bool]


@dataclass(frozen=True, slots=True)
class InactivityPolicy:
    threshold: Figure[Period | None]
    action: Figure[InactivityAction | None]
    base: Figure[InactivityBase]
    absence_reason_stops: Figure[bool]
    lock_to_revoke: Figure[Period | None]
    restore_request_stops: Figure[bool]
    revocation_deletes: Figure[bool]
    keep_data_after_revoke: Figure[Period | None]
    warn_before: Figure[Period | None]


@dataclass(frozen=True, slots=True)
class Profile:
    """One regulation as frozen data; every figure carries the rule ID it comes from."""

    name: str
    source: str
    extends: str | None
    regulations: tuple[str, ...]
    title_vi: str
    title_en: str
    domain_list: Figure[tuple[str, ...]]
    web: Figure[str]
    mailbox_quota: Figure[int | None]
    attachment_limit: Figure[int | None]
    attachment_scope: Figure[AttachmentScope]
    quota_warning_percent: Figure[int]
    log_retention: Figure[Period | None]
    passwords: PasswordPolicy
    inactivity: InactivityPolicy
    deadlines: Mapping[RequestKind, DeadlineRule]
    locks: Mapping[LockCause, LockRule]
    reports: Figure[tuple[ReportPeriod, ...]]
    public_mail_services: Figure[tuple[str, ...]]
    classified: Figure[bool]
    mail_checks_per_half_day: Figure[int | None]
    naming: NamingConfig

    @property
    def domains(self) -> tuple[str, ...]:
        """Mail domains, primary first."""
        return self.domain_list.value

    @property
    def web_address(self) -> str:
        return self.web.value

    def deadline(self, kind: RequestKind) -> DeadlineRule | None:
        """The profile's rule for `kind`, or None when its regulation has no such request."""
        return self.deadlines.get(kind)


# --- validation helpers ---------------------------------------------------------------------------

Parser = Callable[[object], Any]


def _int(low: int = 0, high: int | None = None) -> Parser:
    def parse(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {value!r}")
        if value < low or (high is not None and value > high):
            raise ValueError(f"{value} is out of range {low}..{high if high is not None else '∞'}")
        return value

    return parse


def _optional(parser: Parser) -> Parser:
    def parse(value: object) -> Any:
        return None if value == "none" else parser(value)

    return parse


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _float(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def _enum(kind: type[StrEnum]) -> Parser:
    def parse(value: object) -> StrEnum:
        try:
            return kind(str(value))
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in kind)
            raise ValueError(f"expected one of {allowed}, got {value!r}") from None

    return parse


def _list(item: Parser, *, nonempty: bool = False) -> Parser:
    def parse(value: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValueError(f"expected a list, got {value!r}")
        if nonempty and not value:
            raise ValueError("the list must not be empty")
        return tuple(item(v) for v in value)

    return parse


def _domain(value: object) -> str:
    text = _str(value).lower()
    if not _DOMAIN.match(text):
        raise ValueError(f"{value!r} is not a domain name")
    return text


def _web(value: object) -> str:
    text = _str(value)
    if not re.match(r"^https?://[a-z0-9.-]+(:\d+)?/?$", text):
        raise ValueError(f"expected an address such as https://mail.example.gov.vn, got {value!r}")
    return text


def _classes(value: object) -> frozenset[CharClass]:
    return frozenset(_list(_enum(CharClass))(value))


class _Reader:
    """Reads figures out of one merged profile mapping, naming the file and key in every error."""

    def __init__(self, where: str, data: Mapping[str, Any]) -> None:
        self.where = where
        self.data = data
        self.seen: dict[str, set[str]] = {}

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.where}: {key}: {problem}")

    def table(self, section: str) -> Mapping[str, Any]:
        table = self.data.get(section, {})
        if not isinstance(table, Mapping):
            raise self.fail(f"[{section}]", "expected a table")
        return table

    def figure(self, section: str, key: str, parser: Parser, *, extra: tuple[str, ...] = ()) -> Figure[Any]:
        self.seen.setdefault(section, set()).add(key)
        name = f"[{section}] {key}"
        raw = self.table(section).get(key)
        if raw is None:
            raise self.fail(name, "missing (every figure must be set, with its rule ID or operator = true)")
        if not isinstance(raw, Mapping):
            raise self.fail(name, 'expected an inline table such as { value = ..., rule = "QN20-9" }')
        unknown = set(raw) - {"value", "rule", "reading", "operator", "note", "note_en", *extra}
        if unknown:
            raise self.fail(name, f"unknown field(s) {', '.join(sorted(unknown))}")
        if "value" not in raw:
            raise self.fail(name, "has no value")
        try:
            value = parser(raw["value"])
        except ValueError as exc:
            raise self.fail(name, str(exc)) from None
        rules_raw = raw.get("rule", [])
        rules = (rules_raw,) if isinstance(rules_raw, str) else rules_raw
        if not isinstance(rules, list | tuple) or not all(isinstance(r, str) for r in rules):
            raise self.fail(name, "rule must be a rule ID or a list of rule IDs")
        known = catalogue()
        for rule in rules:
            if not known.is_known(rule):
                raise self.fail(name, f"rule {rule!r} is not in RULES.md")
        reading = raw.get("reading")
        if reading is not None and (not isinstance(reading, str) or not _READING.match(reading)):
            raise self.fail(name, f'reading must name an item of READINGS.md such as "B.10", got {reading!r}')
        operator = raw.get("operator", False)
        if not isinstance(operator, bool):
            raise self.fail(name, "operator must be true or false")
        if not rules and not operator:
            raise self.fail(name, "cite the rule it comes from (rule = ...) or mark it operator = true")
        notes = [raw.get("note", ""), raw.get("note_en", "")]
        if not all(isinstance(n, str) for n in notes):
            raise self.fail(name, "note and note_en must be strings")
        return Figure(value, tuple(rules), reading, operator, str(notes[0]), str(notes[1]))

    def check_unknown(self, allowed_sections: set[str]) -> None:
        for section, table in self.data.items():
            if section in {"name", "extends"}:
                continue
            if section not in allowed_sections:
                raise self.fail(f"[{section}]", "unknown section")
            if section in self.seen and isinstance(table, Mapping):
                for key in table:
                    if key not in self.seen[section]:
                        raise self.fail(f"[{section}] {key}", "unknown key")


# --- loading --------------------------------------------------------------------------------------


def _merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """Child over parent: tables of tables merge key by key; a figure (has "value") is replaced whole."""
    merged: dict[str, Any] = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        if isinstance(value, Mapping) and isinstance(old, Mapping) and "value" not in value:
            merged[key] = _merge(old, value)
        else:
            merged[key] = value
    return merged


def _read_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}") from None


def _shipped_dir() -> Any:
    return resources.files(_PACKAGE).joinpath("profiles")


def list_profiles() -> list[str]:
    """Names of the profiles shipped in the package, sorted."""
    return sorted(
        entry.name.removesuffix(".toml") for entry in _shipped_dir().iterdir() if entry.name.endswith(".toml")
    )


def _locate(name_or_path: str | Path, near: Path | None) -> tuple[str, str, Path | None]:
    """(text, where, directory) for a shipped name, a path, or a name next to the child file."""
    text_name = str(name_or_path)
    looks_like_path = isinstance(name_or_path, Path) or "/" in text_name or text_name.endswith(".toml")
    if looks_like_path:
        path = Path(name_or_path)
        if near is not None and not path.is_absolute():
            path = near / path  # an `extends` path is relative to the file that names it
        try:
            return path.read_text(encoding="utf-8"), str(path), path.parent
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read profile: {exc.strerror}") from None
    if near is not None and (near / f"{text_name}.toml").is_file():
        path = near / f"{text_name}.toml"
        return path.read_text(encoding="utf-8"), str(path), near
    resource = _shipped_dir().joinpath(f"{text_name}.toml")
    if not resource.is_file():
        known = ", ".join(list_profiles())
        raise ConfigError(f"profile {text_name!r}: no such profile (shipped: {known}); give a path to a file")
    return resource.read_text(encoding="utf-8"), f"profiles/{text_name}.toml", None


def _load_raw(
    name_or_path: str | Path, near: Path | None, chain: tuple[str, ...]
) -> tuple[dict[str, Any], str]:
    text, where, directory = _locate(name_or_path, near)
    if where in chain:
        raise ConfigError(f"{where}: extends loops: {' → '.join((*chain, where))}")
    data = _read_toml(text, where)
    parent = data.get("extends")
    if parent is None:
        return data, where
    if not isinstance(parent, str):
        raise ConfigError(f"{where}: extends: expected a profile name or path")
    parent_data, _ = _load_raw(parent, directory, (*chain, where))
    parent_data.pop("name", None)
    merged = _merge(parent_data, {k: v for k, v in data.items() if k != "extends"})
    merged["extends"] = parent
    return merged, where


def load_profile(name_or_path: str | Path) -> Profile:
    """Load, merge (``extends``) and validate a shipped profile by name, or any profile file by path."""
    data, where = _load_raw(name_or_path, None, ())
    return build_profile(data, where=where)


def _require_citations(r: _Reader, profile: Profile) -> None:
    """A figure that can refuse mail, a password or an account must cite the rule a refusal names."""
    pw, st = profile.passwords, "[storage]"
    cited: list[tuple[str, Figure[Any]]] = [
        (f"{st} mailbox_quota", profile.mailbox_quota),
        (f"{st} attachment_limit", profile.attachment_limit),
        (f"{st} quota_warning_percent", profile.quota_warning_percent),
        *((f"[passwords] {key}", getattr(pw, key)) for key in pw.__dataclass_fields__),
    ]
    for name, fig in cited:
        active = fig.value not in (None, False, "") and fig.value != frozenset()
        if active and not fig.rules:
            raise r.fail(name, "this figure is cited when it refuses something: give the rule (rule = ...)")


def build_profile(data: Mapping[str, Any], *, where: str) -> Profile:
    """Validate one merged profile mapping; `where` names the file in errors."""
    r = _Reader(where, data)
    name = data.get("name")
    if not isinstance(name, str) or not re.match(r"^[a-z0-9][a-z0-9-]*$", name):
        raise r.fail("name", "expected a profile name of lower-case letters, digits and hyphens")
    reg = r.table("regulation")
    r.seen["regulation"] = {"codes", "title_vi", "title_en"}
    codes = reg.get("codes")
    if not isinstance(codes, list) or not codes or any(c not in CODES for c in codes):
        raise r.fail("[regulation] codes", f"expected a list of regulation codes among {', '.join(CODES)}")
    titles = {k: reg.get(k) for k in ("title_vi", "title_en")}
    for key, title in titles.items():
        if not isinstance(title, str) or not title:
            raise r.fail(f"[regulation] {key}", "expected the regulation's title")
    s, p, i, c = "system", "passwords", "inactivity", "content"
    passwords = PasswordPolicy(
        min_length=r.figure(p, "min_length", _int(1, 1024)),
        classes=r.figure(p, "classes", _classes),
        special_set=r.figure(p, "special_set", _str),
        forbid_name_parts=r.figure(p, "forbid_name_parts", _bool),
        forbid_local_part=r.figure(p, "forbid_local_part", _bool),
        min_guesses_log10=r.figure(p, "min_guesses_log10", _float),
        rotation=r.figure(p, "rotation", _optional(Period.parse)),
        change_at_first_login=r.figure(p, "change_at_first_login", _bool),
        change_after_reset=r.figure(p, "change_after_reset", _bool),
        change_after_restore=r.figure(p, "change_after_restore", _bool),
    )
    inactivity = InactivityPolicy(
        threshold=r.figure(i, "threshold", _optional(Period.parse)),
        action=r.figure(i, "action", _optional(_enum(InactivityAction))),
        base=r.figure(i, "base", _enum(InactivityBase)),
        absence_reason_stops=r.figure(i, "absence_reason_stops", _bool),
        lock_to_revoke=r.figure(i, "lock_to_revoke", _optional(Period.parse)),
        restore_request_stops=r.figure(i, "restore_request_stops", _bool),
        revocation_deletes=r.figure(i, "revocation_deletes", _bool),
        keep_data_after_revoke=r.figure(i, "keep_data_after_revoke", _optional(Period.parse)),
        warn_before=r.figure(i, "warn_before", _optional(Period.parse)),
    )
    if (inactivity.threshold.value is None) != (inactivity.action.value is None):
        raise r.fail("[inactivity] action", 'set both threshold and action, or neither ("none")')
    deadlines: dict[RequestKind, DeadlineRule] = {}
    for key in r.table("deadlines"):
        try:
            kind = RequestKind(key)
        except ValueError:
            allowed = ", ".join(k.value for k in RequestKind)
            raise r.fail(f"[deadlines] {key}", f"unknown request kind (expected one of {allowed})") from None
        fig = r.figure("deadlines", key, _optional(_int(1, 365)), extra=("start",))
        start_raw = r.table("deadlines")[key].get("start", "receipt")
        try:
            start = DeadlineStart(start_raw)
        except ValueError:
            raise r.fail(
                f"[deadlines] {key}",
                f"start must be receipt, handled or complete_information, got {start_raw!r}",
            ) from None
        deadlines[kind] = DeadlineRule(kind, fig, start)
    locks: dict[LockCause, LockRule] = {}
    for cause in LockCause:
        fig = r.figure(
            "locks", cause.value, _optional(_enum(InactivityAction)), extra=("needs_authority_warning",)
        )
        warning = r.table("locks")[cause.value].get("needs_authority_warning", False)
        if not isinstance(warning, bool):
            raise r.fail(f"[locks] {cause.value}", "needs_authority_warning must be true or false")
        locks[cause] = LockRule(cause, fig, warning)
    naming_raw = data.get("naming")
    if not isinstance(naming_raw, Mapping):
        raise r.fail("[naming]", "missing: every profile names its address engine (engine = ...)")
    naming = NamingConfig.from_mapping(naming_raw, where=where)
    profile = Profile(
        name=name,
        source=where,
        extends=data.get("extends"),
        regulations=tuple(codes),
        title_vi=str(titles["title_vi"]),
        title_en=str(titles["title_en"]),
        domain_list=r.figure(s, "domains", _list(_domain, nonempty=True)),
        web=r.figure(s, "web_address", _web),
        mailbox_quota=r.figure("storage", "mailbox_quota", _optional(parse_size)),
        attachment_limit=r.figure("storage", "attachment_limit", _optional(parse_size)),
        attachment_scope=r.figure("storage", "attachment_scope", _enum(AttachmentScope)),
        quota_warning_percent=r.figure("storage", "quota_warning_percent", _int(1, 100)),
        log_retention=r.figure("storage", "log_retention", _optional(Period.parse)),
        passwords=passwords,
        inactivity=inactivity,
        deadlines=MappingProxyType(deadlines),
        locks=MappingProxyType(locks),
        reports=r.figure("reports", "periods", _list(_enum(ReportPeriod))),
        public_mail_services=r.figure(c, "public_mail_services", _list(_domain)),
        classified=r.figure(c, "classified_markings", _bool),
        mail_checks_per_half_day=r.figure(c, "mail_checks_per_half_day", _optional(_int(1, 100))),
        naming=naming,
    )
    _require_citations(r, profile)
    r.seen["naming"] = set(naming_raw)
    r.check_unknown({"regulation", s, "storage", p, i, "deadlines", "locks", "reports", c, "naming"})
    return profile
