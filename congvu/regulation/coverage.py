"""Rule coverage (issue 10 item 8): where each rule of a regulation is enforced and tested.

Pure functions over texts: the caller (``congvu profile coverage NAME``, the coverage test) reads
the package's source files, profiles and, in a checkout, the tests, and passes them in as
``{name: text}``. A file *cites* a rule when its text names the rule ID, a part of it
(``QN20-8.1`` cites ``QN20-8``) or the article it belongs to. Rules of RULES.md's closing list
("Not listed, because no software part is asked") are reported as out of software's reach.

`unknown_citations` is the other half of item 8: every rule ID cited anywhere in ``congvu/`` must be
in RULES.md, or the coverage test fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from congvu.regulation.catalogue import Catalogue, find_ids, sort_key

# Files that mention rule IDs as examples or data, not because they enforce them.
NOT_ENFORCING: frozenset[str] = frozenset(
    {
        "congvu/regulation/catalogue.py",
        "congvu/regulation/coverage.py",
        "congvu/regulation/messages.py",
        "congvu/regulation/data/RULES.md",
    }
)


@dataclass(frozen=True, slots=True)
class RuleCoverage:
    """One rule ID: its RULES.md text, the files that enforce it, the tests that cite it."""

    rule: str
    text: str
    enforced_in: tuple[str, ...]
    tests: tuple[str, ...]
    out_of_reach: bool

    @property
    def covered(self) -> bool:
        return bool(self.enforced_in) or self.out_of_reach


def _related(cited: str, listed: str) -> bool:
    return cited == listed or cited.startswith(listed + ".") or listed.startswith(cited + ".")


def citations(texts: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """For each file, the rule IDs it cites (ranges expanded)."""
    return {name: frozenset(find_ids(text)) for name, text in texts.items()}


def unknown_citations(texts: Mapping[str, str], known: Catalogue) -> dict[str, list[str]]:
    """Files that cite rule IDs RULES.md does not list, with those IDs."""
    out: dict[str, list[str]] = {}
    for name, ids in citations(texts).items():
        bad = sorted((i for i in ids if not known.is_known(i)), key=sort_key)
        if bad:
            out[name] = bad
    return out


def rule_coverage(
    codes: tuple[str, ...],
    known: Catalogue,
    sources: Mapping[str, str],
    tests: Mapping[str, str],
) -> list[RuleCoverage]:
    """Coverage of every rule of the regulations `codes`, in article order."""
    source_ids = {n: ids for n, ids in citations(sources).items() if n not in NOT_ENFORCING}
    test_ids = citations(tests)
    rules = sorted(
        {
            i
            for code in codes
            for i in (*known.for_code(code), *known.out_of_reach)
            if i.startswith(code + "-")
        },
        key=sort_key,
    )
    out: list[RuleCoverage] = []
    for rule in rules:
        enforced = tuple(sorted(n for n, ids in source_ids.items() if any(_related(c, rule) for c in ids)))
        cited = tuple(sorted(n for n, ids in test_ids.items() if any(_related(c, rule) for c in ids)))
        out_of_reach = rule in known.out_of_reach and rule not in known.ids
        out.append(RuleCoverage(rule, known.describe(rule), enforced, cited, out_of_reach))
    return out
