"""The rule catalogue and coverage (issue 10 item 8).

`test_every_rule_id_cited_in_the_package_is_in_rules_md` fails when any code, docstring or profile
in ``congvu/`` cites a rule ID that RULES.md does not list (a part of a listed article counts).
"""

from __future__ import annotations

import re
from pathlib import Path

from congvu.i18n import known
from congvu.regulation import messages
from congvu.regulation.catalogue import article, catalogue, cite, find_ids, parse
from congvu.regulation.coverage import rule_coverage, unknown_citations
from congvu.regulation.inactivity import Action
from congvu.regulation.profile import CharClass, InactivityAction

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "congvu"
SHARED_RULES = Path("/work/shared/regulations/RULES.md")


def package_texts() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for pattern in ("*.py", "*.toml")
        for path in PACKAGE.rglob(pattern)
    }


def test_ranges_are_expanded() -> None:
    assert find_ids("SL25-2.4–5") == ["SL25-2.4", "SL25-2.5"]
    assert find_ids("QN20-12.3.c–d") == ["QN20-12.3.c", "QN20-12.3.d"]
    assert find_ids("ST14-14–16, ST17-14–15") == ["ST14-14", "ST14-15", "ST14-16", "ST17-14", "ST17-15"]
    assert find_ids("(SL25-8.2.a) and TG09-13.") == ["SL25-8.2.a", "TG09-13"]


def test_catalogue_lists_the_tables_and_the_closing_list() -> None:
    rules = catalogue()
    for rule in ("ST14-8.1", "QN20-9", "SL25-8.2", "SL25-11.2.d", "ST17-13.2", "TG09-13", "ST14-3", "SL25-5"):
        assert rules.is_known(rule), rule
    assert rules.is_known("QN20-8.1")  # a clause of listed QN20-8
    assert not rules.is_known("QN20-99")
    assert not rules.is_known("SL25-18")
    assert "QN20-15" in rules.out_of_reach
    assert "ST14-9.6" in rules.out_of_reach
    assert "twice per half-day" in rules.describe("ST17-13.2")


def test_shipped_copy_matches_the_shared_rules_md() -> None:
    shipped = (PACKAGE / "regulation" / "data" / "RULES.md").read_text(encoding="utf-8")
    if SHARED_RULES.is_file():
        assert shipped == SHARED_RULES.read_text(encoding="utf-8")
    assert parse(shipped).ids == catalogue().ids


def test_citations_in_the_regulations_own_words() -> None:
    assert article("QN20-8.1") == "Điều 8 khoản 1"
    assert article("SL25-8.2.a") == "Điều 8 khoản 2 điểm a"
    assert article("SL25-8.2.a", "en") == "Article 8(2)(a)"
    assert cite("QN20-8.1") == "Điều 8 khoản 1, Quy chế ban hành kèm QĐ 1217/QĐ-UBND"
    assert cite("TG09-13") == "Điều 13, Quy chế ban hành kèm QĐ 15/2009/QĐ-UBND"


def test_every_rule_id_cited_in_the_package_is_in_rules_md() -> None:
    texts = {k: v for k, v in package_texts().items() if not k.endswith("RULES.md")}
    assert unknown_citations(texts, catalogue()) == {}


def test_an_unknown_citation_is_reported() -> None:
    assert unknown_citations({"x.py": "# enforces QN20-42 and QN20-9"}, catalogue()) == {"x.py": ["QN20-42"]}


def test_coverage_of_a_regulation() -> None:
    sources = package_texts()
    tests = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py")}
    rows = {row.rule: row for row in rule_coverage(("QN20",), catalogue(), sources, tests)}
    assert "congvu/regulation/passwords.py" in rows["QN20-8"].enforced_in
    assert "congvu/regulation/profiles/quangnam-2020.toml" in rows["QN20-9"].enforced_in
    assert "tests/regulation/test_passwords.py" in rows["QN20-8"].tests
    assert rows["QN20-15"].out_of_reach
    assert not rows["QN20-15"].enforced_in or rows["QN20-15"].covered


def test_every_message_key_the_engine_uses_is_registered() -> None:
    source = "".join(
        (PACKAGE / "regulation" / f"{m}.py").read_text(encoding="utf-8")
        for m in ("passwords", "quotas", "content", "inactivity")
    )
    literal = set(re.findall(r'"((?:password|size|quota|content|lifecycle)\.[a-z_]+)"', source))
    generated = {f"password.missing_{c.value}" for c in CharClass}
    generated |= {f"lifecycle.inactive_{Action(a.value).value}" for a in InactivityAction}
    generated |= {f"lifecycle.warn_{Action(a.value).value}" for a in InactivityAction}
    generated |= {f"lifecycle.cause_{Action(a.value).value}" for a in InactivityAction}
    missing = sorted(k for k in literal | generated if not known(k))
    assert missing == []
    assert all(len(texts) == 2 and all(texts) for texts in messages.MESSAGES.values())
