"""The rule catalogue: every rule ID of RULES.md, the regulations they belong to, and how to cite them.

RULES.md (shipped as package data, ``congvu/regulation/data/RULES.md``, a verbatim copy of
``/work/shared/regulations/RULES.md``) is the one list of rule IDs. Code, profiles and tests cite
those IDs (``QN20-8``, ``SL25-8.2.a``); the coverage test (issue 10 item 8) fails when an ID used
anywhere is not in this catalogue. An ID that refines a listed one (``QN20-8.1`` under ``QN20-8``)
is known too, because it names a part of a listed article.

RULES.md writes ranges with an en dash: ``SL25-2.4–5`` is ``SL25-2.4`` and ``SL25-2.5``,
``QN20-12.3.c–d`` is ``QN20-12.3.c`` and ``QN20-12.3.d``, ``ST14-14–16`` is three articles.
The closing paragraph ("Not listed, because no software part is asked") names the rules that are
out of software's reach; `Catalogue.out_of_reach` keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

CODES: tuple[str, ...] = ("ST14", "ST17", "QN20", "TG09", "SL25")

# One rule ID or range, as RULES.md writes them.
RULE_PATTERN = re.compile(
    r"\b(?P<code>ST14|ST17|QN20|TG09|SL25)-(?P<art>\d+)"
    r"(?:\.(?P<clause>\d+))?(?:\.(?P<point>[a-zđ]))?"
    r"(?:–(?P<to>\d+|[a-zđ]))?"
)
_POINTS = "abcdđefghiklmnopqrstuvxy"


@dataclass(frozen=True, slots=True)
class Regulation:
    """One of the five regulations: how to cite it in Vietnamese and English."""

    code: str
    document: str
    issued: date
    province_vi: str
    title_vi: str
    title_en: str

    def cite(self, lang: str = "vi") -> str:
        if lang == "vi":
            return f"Quy chế ban hành kèm {self.document}"
        return f"Regulation issued with Decision {self.document}"


REGULATIONS: dict[str, Regulation] = {
    "ST14": Regulation(
        "ST14",
        "QĐ 17/2014/QĐ-UBND",
        date(2014, 9, 26),
        "Sóc Trăng",
        "Quy chế quản lý, vận hành và sử dụng hệ thống thư điện tử tỉnh Sóc Trăng",
        "Regulation on the management, operation and use of the Sóc Trăng e-mail system",
    ),
    "ST17": Regulation(
        "ST17",
        "QĐ 48/QĐ-STTTT",
        date(2017, 6, 27),
        "Sóc Trăng (Sở TT&TT)",
        "Quy chế quản lý, sử dụng thư điện tử trong hoạt động của Sở Thông tin và Truyền thông Sóc Trăng",
        "Regulation on e-mail use in the Sóc Trăng Department of Information and Communications",
    ),
    "QN20": Regulation(
        "QN20",
        "QĐ 1217/QĐ-UBND",
        date(2020, 5, 4),
        "Quảng Nam",
        "Quy chế quản lý, vận hành và sử dụng hệ thống thư điện tử công vụ tỉnh Quảng Nam",
        "Regulation on the management, operation and use of the Quảng Nam official e-mail system",
    ),
    "TG09": Regulation(
        "TG09",
        "QĐ 15/2009/QĐ-UBND",
        date(2009, 5, 20),
        "Tiền Giang",
        "Quy chế về quản lý, sử dụng hệ thống thư điện tử tỉnh Tiền Giang",
        "Regulation on the management and use of the Tiền Giang e-mail system",
    ),
    "SL25": Regulation(
        "SL25",
        "QĐ 115/2025/QĐ-UBND",
        date(2025, 11, 10),
        "Sơn La",
        "Quy chế sử dụng Hệ thống thư điện tử tỉnh Sơn La",
        "Regulation on the use of the Sơn La e-mail system",
    ),
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a RULES.md table: the IDs it names, its section and its text (first column after IDs)."""

    ids: tuple[str, ...]
    section: str
    text: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Rule IDs listed in RULES.md (tables and §2 headings), and those it puts out of software's reach."""

    ids: frozenset[str]
    out_of_reach: frozenset[str]
    entries: tuple[Entry, ...]
    mentioned: frozenset[str] = frozenset()  # every ID the text of RULES.md names, anywhere

    def is_known(self, rule_id: str) -> bool:
        """True when RULES.md names `rule_id`, an article containing it (``QN20-8.1`` under ``QN20-8``)
        or parts of it (``SL25-8`` whose clauses 8.1–8.3 are listed)."""
        if any(listed.startswith(rule_id + ".") for listed in self.ids):
            return True
        candidate = rule_id
        while True:
            if candidate in self.ids or candidate in self.out_of_reach or candidate in self.mentioned:
                return True
            head, sep, _ = candidate.rpartition(".")
            if not sep:
                return False
            candidate = head

    def for_code(self, code: str) -> list[str]:
        """Every listed ID of one regulation (tables first), in article order."""
        return sorted((i for i in self.ids if i.startswith(code + "-")), key=sort_key)

    def describe(self, rule_id: str) -> str:
        """The RULES.md text of the first row that lists `rule_id`, or '' if none does."""
        for entry in self.entries:
            if rule_id in entry.ids:
                return entry.text
        return ""


def sort_key(rule_id: str) -> tuple[str, tuple[int, ...]]:
    code, _, rest = rule_id.partition("-")
    parts: list[int] = []
    for piece in rest.split("."):
        if piece.isdigit():
            parts.append(int(piece))
        else:
            parts.append(1000 + _POINTS.find(piece))
    return code, tuple(parts)


def expand(match: re.Match[str]) -> list[str]:
    """The IDs one RULES.md reference names, ranges expanded."""
    code, art, clause, point, to = (match.group(k) for k in ("code", "art", "clause", "point", "to"))
    if point:
        stem = f"{code}-{art}" + (f".{clause}" if clause else "")
        if to and not to.isdigit():
            return [f"{stem}.{_POINTS[i]}" for i in range(_POINTS.find(point), _POINTS.find(to) + 1)]
        return [f"{stem}.{point}"]
    if clause:
        if to and to.isdigit():
            return [f"{code}-{art}.{n}" for n in range(int(clause), int(to) + 1)]
        return [f"{code}-{art}.{clause}"]
    if to and to.isdigit():
        return [f"{code}-{n}" for n in range(int(art), int(to) + 1)]
    return [f"{code}-{art}"]


def find_ids(text: str) -> list[str]:
    """Every rule ID a text cites, ranges expanded (used on RULES.md, code and profiles)."""
    found: list[str] = []
    for match in RULE_PATTERN.finditer(text):
        found.extend(expand(match))
    return found


def parse(text: str) -> Catalogue:
    """Build the catalogue from the text of RULES.md."""
    ids: set[str] = set()
    out: set[str] = set()
    entries: list[Entry] = []
    section = ""
    closing = False
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        if line.startswith("Not listed, because no software part is asked"):
            closing = True
        if closing:
            out.update(find_ids(line))
            continue
        if line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            found = find_ids(cells[0]) if cells else []
            if found:
                ids.update(found)
                entries.append(Entry(tuple(found), section, cells[1] if len(cells) > 1 else ""))
            continue
        if line.startswith("**") and section.startswith("2."):
            found = find_ids(line.split("**")[1])  # the bold heading: "**ST14-3 (…; ST17-5 adopts it …)**"
            ids.update(found)
            if found:
                entries.append(Entry(tuple(found), section, line.strip("* ")))
    return Catalogue(frozenset(ids), frozenset(out), tuple(entries), frozenset(find_ids(text)))


@cache
def catalogue() -> Catalogue:
    """The catalogue of the RULES.md shipped with the package."""
    text = resources.files("congvu.regulation").joinpath("data", "RULES.md").read_text(encoding="utf-8")
    return parse(text)


def article(rule_id: str, lang: str = "vi") -> str:
    """``QN20-8.1`` → ``Điều 8 khoản 1`` (vi) or ``Article 8(1)`` (en); points as ``điểm a`` / ``(a)``."""
    _, _, rest = rule_id.partition("-")
    parts = rest.split(".")
    if lang == "vi":
        words = ["Điều", "khoản", "điểm"]
        return " ".join(f"{w} {p}" for w, p in zip(words, parts, strict=False))
    return "Article " + parts[0] + "".join(f"({p})" for p in parts[1:])


def cite(rule_id: str, lang: str = "vi") -> str:
    """The full citation: ``Điều 8 khoản 1, Quy chế ban hành kèm QĐ 1217/QĐ-UBND``."""
    code = rule_id.partition("-")[0]
    regulation = REGULATIONS.get(code)
    where = article(rule_id, lang)
    return where if regulation is None else f"{where}, {regulation.cite(lang)}"
