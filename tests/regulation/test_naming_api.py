"""The naming API that account management calls (RULES.md §2): pinned so changes are deliberate."""

from __future__ import annotations

import inspect

import congvu.regulation.naming as naming
from congvu.regulation.names import NameSplit, PersonName, guess_split


def test_public_names() -> None:
    assert sorted(naming.__all__) == [
        "Existing",
        "NamingConfig",
        "Override",
        "PersonRequest",
        "Proposal",
        "Rerank",
        "Taken",
        "Unit",
        "UnitRequest",
        "engine_for",
        "override",
        "propose",
        "propose_units",
    ]


def test_signatures() -> None:
    assert list(inspect.signature(naming.propose).parameters) == ["engine", "requests", "taken"]
    assert list(inspect.signature(naming.propose_units).parameters) == ["engine", "requests", "taken"]
    assert list(inspect.signature(naming.override).parameters) == [
        "engine",
        "proposal",
        "local",
        "operator",
        "reason_text",
        "taken",
    ]
    assert list(inspect.signature(naming.NamingConfig.from_mapping).parameters) == ["data", "where"]
    assert list(inspect.signature(guess_split).parameters) == ["full_name"]
    assert list(PersonName.__dataclass_fields__) == ["family", "middle", "given", "family_last"]
    assert list(NameSplit.__dataclass_fields__) == [
        "source",
        "name",
        "alternatives",
        "notes",
        "confident",
    ]
