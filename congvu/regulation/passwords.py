"""Password rules: composition, names, strength, rotation and forced changes.

Rules: ST14-13.2 (≥ 8 characters with upper, lower, digit and special; change at first login and
every month), QN20-8.1–2 (≥ 8, four classes, not the họ, tên or chữ lót), QN20-5.3 and QN20-6.3
(change at first login and right after a reset), SL25-6.1–2 (≥ 8, four classes with a special from
``!@#%$*&``; change the default at first login and every 3 months), SL25-17.2 and SL25-8.3.c
(change at first access, also after a restore). Readings (READINGS.md):

* B.13: QN20 and ST14 count any non-alphanumeric character as special; SL25 requires at least one
  of its seven and still accepts others.
* B.14: "không trùng với họ, tên, chữ lót" cannot mean literal equality once the four-class rule
  holds, so a password is refused when it *contains* a name part of two or more letters, folded
  (no diacritics, đ→d) and in any case. Messages say that this is a reading.
* B.12: rotation is a forced change at the first login after expiry; months are calendar months
  (BLDS Điều 148), so a password set on 31 January expires on 28/29 February.
* Strength ("mật khẩu mạnh", ST14-13.2; "độ phức tạp", QN20-8.2): the class rules alone accept
  ``Abc@1234``. Congvu also asks the zxcvbn estimate (with the person's names, the address and
  common Vietnamese words as known inputs) for at least 10^8 guesses, computed both on the password
  and on its lower-case, unshifted form (so ``1qaz@WSX3edc`` counts as the walk ``1qaz2wsx3edc``),
  and refuses passwords that are mostly keyboard walks, sequences or repeats. The threshold is a
  profile figure (operator's choice).

`check_password` never raises: whatever the input, it returns a `Decision` listing every violation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from zxcvbn import matching, zxcvbn

from congvu.domain.folding import fold, words
from congvu.domain.rules import Decision, Violation
from congvu.regulation.profile import CharClass, Figure, Period, Profile

# zxcvbn is quadratic in the length; beyond this a password is long enough that the estimate
# only sees its first characters (length itself is checked on the whole password).
_ESTIMATE_MAX = 64
_WALK_SHARE = 0.75
_UNSHIFT = str.maketrans('!@#$%^&*()_+{}|:"<>?~', "1234567890-=[]\\;',./`")
# Words that make a password guessable here but are not in zxcvbn's English dictionaries.
VIETNAMESE_WEAK_WORDS: tuple[str, ...] = (
    "matkhau",
    "matma",
    "mk",
    "xinchao",
    "anhyeuem",
    "emyeuanh",
    "yeuem",
    "yeuanh",
    "congvu",
    "congvan",
    "thudientu",
    "hopthu",
    "quantri",
    "admin",
    "ubnd",
    "sotttt",
    "skhcn",
    "vietnam",
    "hanoi",
    "saigon",
    "hochiminh",
    "tinhuy",
    "vanphong",
    "gov",
    "govvn",
    "chinhphu",
    "nhanuoc",
)


def _reading(fig: Figure[Any]) -> dict[str, object]:
    return {"reading": fig.reading} if fig.reading else {}


def _rule(fig: Figure[Any], fallback: str) -> str:
    """The rule a refusal cites; profile validation guarantees an active figure has one."""
    return fig.rule or fallback


def _has_class(password: str, cls: CharClass) -> bool:
    if cls is CharClass.UPPER:
        return any(ch.isupper() for ch in password)
    if cls is CharClass.LOWER:
        return any(ch.islower() for ch in password)
    if cls is CharClass.DIGIT:
        return any(ch.isdigit() for ch in password)
    return any(not ch.isalnum() and not ch.isspace() for ch in password)


def name_parts(*names: str) -> list[str]:
    """Folded words of the given name fields that have two or more letters (READINGS B.14)."""
    parts: list[str] = []
    for name in names:
        for word in words(name):
            folded = fold(word)
            if sum(ch.isalpha() for ch in folded) >= 2 and folded not in parts:
                parts.append(folded)
    return parts


def local_parts(address: str) -> list[str]:
    """The dot-separated pieces of an address' local part with three or more characters."""
    local = address.rpartition("@")[0] if "@" in address else address
    pieces = [fold(local)] + [fold(p) for p in local.split(".")]
    return [p for i, p in enumerate(pieces) if len(p) >= 3 and p not in pieces[:i]]


def _walk_share(unshifted: str) -> float:
    """Share of characters inside keyboard walks, sequences or repeats of three or more."""
    found: list[dict[str, Any]] = [
        *matching.spatial_match(unshifted),
        *matching.sequence_match(unshifted),
        *matching.repeat_match(unshifted),
    ]
    covered: set[int] = set()
    for match in found:
        if match["j"] - match["i"] + 1 >= 3:
            covered.update(range(match["i"], match["j"] + 1))
    return len(covered) / max(1, len(unshifted))


@dataclass(frozen=True, slots=True)
class Strength:
    """The estimate behind a strength decision: log10 of guesses and the walk/sequence share."""

    guesses_log10: float
    walk_share: float


def estimate(password: str, user_inputs: list[str]) -> Strength:
    """zxcvbn estimate, the lower of the password's and its unshifted lower-case form's (+1 order)."""
    sample = password[:_ESTIMATE_MAX]
    unshifted = sample.translate(_UNSHIFT).lower()
    inputs = [*user_inputs, *VIETNAMESE_WEAK_WORDS]
    direct = float(zxcvbn(sample, user_inputs=inputs, max_length=_ESTIMATE_MAX)["guesses_log10"])
    if unshifted == sample:
        plain = direct + 1.0
    else:
        plain = float(zxcvbn(unshifted, user_inputs=inputs, max_length=_ESTIMATE_MAX)["guesses_log10"]) + 1.0
    extra = max(0, len(password) - _ESTIMATE_MAX) * math.log10(26)
    return Strength(min(direct, plain) + extra, _walk_share(unshifted))


def check_password(
    profile: Profile,
    password: str,
    *,
    family: str = "",
    middle: str = "",
    given: str = "",
    address: str = "",
) -> Decision:
    """Every rule of the profile's password policy that `password` breaks; never raises."""
    try:
        return Decision(tuple(_violations(profile, password, family, middle, given, address)))
    except Exception as exc:  # a check must answer, never crash the caller (issue 10 item 2)
        rule = profile.passwords.min_length.rule or "QN20-8"
        return Decision.deny(Violation.of(rule, "password.unchecked", error=type(exc).__name__))


def _violations(
    profile: Profile, password: str, family: str, middle: str, given: str, address: str
) -> list[Violation]:
    policy = profile.passwords
    out: list[Violation] = []
    length = len(password)
    if length < policy.min_length.value:
        out.append(
            Violation.of(
                _rule(policy.min_length, "QN20-8"),
                "password.too_short",
                min=policy.min_length.value,
                length=length,
            )
        )
    for cls in (CharClass.UPPER, CharClass.LOWER, CharClass.DIGIT, CharClass.SPECIAL):
        if cls in policy.classes.value and not _has_class(password, cls):
            out.append(Violation.of(_rule(policy.classes, "QN20-8"), f"password.missing_{cls.value}"))
    listed = policy.special_set.value
    if (
        listed
        and CharClass.SPECIAL in policy.classes.value
        and _has_class(password, CharClass.SPECIAL)
        and not any(ch in listed for ch in password)
    ):
        out.append(
            Violation.of(
                _rule(policy.special_set, "SL25-6.2"),
                "password.missing_listed_special",
                listed=" ".join(listed),
                **_reading(policy.special_set),
            )
        )
    folded = fold(password)
    names = name_parts(family, middle, given)
    if policy.forbid_name_parts.value:
        for part in names:
            if part in folded:
                out.append(
                    Violation.of(
                        _rule(policy.forbid_name_parts, "QN20-8.1"),
                        "password.contains_name",
                        part=part,
                        **_reading(policy.forbid_name_parts),
                    )
                )
    locals_ = local_parts(address) if address else []
    if policy.forbid_local_part.value:
        for part in locals_:
            if part in folded:
                out.append(
                    Violation.of(
                        _rule(policy.forbid_local_part, "QN20-8"), "password.contains_address", part=part
                    )
                )
                break
    if password and not out:
        strength = estimate(password, [*names, *locals_, *_domain_words(profile)])
        fig = policy.min_guesses_log10
        if strength.walk_share >= _WALK_SHARE:
            out.append(Violation.of(_rule(fig, "QN20-8"), "password.keyboard_walk"))
        elif strength.guesses_log10 < fig.value:
            out.append(
                Violation.of(
                    _rule(fig, "QN20-8"),
                    "password.weak",
                    guesses_log10=round(strength.guesses_log10, 1),
                    required=fig.value,
                )
            )
    return out


def _domain_words(profile: Profile) -> list[str]:
    return [label for domain in profile.domains for label in domain.split(".") if len(label) >= 3]


# --- rotation and forced changes ---------------------------------------------------------------


class PasswordOrigin(StrEnum):
    """Who set the current password: the operator (issue, reset, restore) or the user."""

    ISSUED = "issued"
    RESET = "reset"
    RESTORED = "restored"
    USER = "user"


def rotation_due(profile: Profile, set_at: datetime) -> datetime | None:
    """When a password set at `set_at` expires (calendar months, BLDS Điều 148); None: no rotation."""
    period = profile.passwords.rotation.value
    return None if period is None else period.after(set_at)


def rotation_reminder_due(profile: Profile, set_at: datetime, now: datetime, *, before: Period) -> bool:
    """True in the `before` window ahead of expiry (B.12: reminders beforehand, a forced change after)."""
    due = rotation_due(profile, set_at)
    return due is not None and before.before(due) <= now < due


def must_change(profile: Profile, *, origin: PasswordOrigin, set_at: datetime, now: datetime) -> Decision:
    """Whether the next login must change the password, and under which rules (deny = must change)."""
    policy = profile.passwords
    out: list[Violation] = []
    if origin is PasswordOrigin.ISSUED and policy.change_at_first_login.value:
        out.append(
            Violation.of(_rule(policy.change_at_first_login, "QN20-5.3"), "password.change_first_login")
        )
    elif origin is PasswordOrigin.RESET and policy.change_after_reset.value:
        out.append(Violation.of(_rule(policy.change_after_reset, "QN20-6.3"), "password.change_after_reset"))
    elif origin is PasswordOrigin.RESTORED and policy.change_after_restore.value:
        out.append(
            Violation.of(_rule(policy.change_after_restore, "SL25-8.3.c"), "password.change_after_restore")
        )
    due = rotation_due(profile, set_at)
    if due is not None and now >= due:
        out.append(
            Violation.of(
                _rule(policy.rotation, "SL25-6.1"),
                "password.expired",
                period=str(policy.rotation.value),
                due=due.date().isoformat(),
                **_reading(policy.rotation),
            )
        )
    return Decision(tuple(out))
