"""``congvu address suggest``: propose a mailbox address by the profile's naming rule (RULES.md §2).

Examples::

    congvu address suggest "Nguyễn Thị Thanh Vân" --unit "Sở Thông tin và Truyền thông" \\
        --profile quangnam-2020
    congvu address suggest "Cầm Thị Duyên" --unit "phòng Hạ tầng" \\
        --parent "Sở Khoa học và Công nghệ" --profile sonla-2025 --existing boxes.txt
    congvu address suggest --org --unit "Sở Ngoại vụ" --profile sonla-2025 --existing boxes.txt

The full name is split by a best guess that the operator confirms (or gives with --family,
--middle, --given); `--existing` is a file of addresses and aliases in use, one per line.
The command prints the proposal, the rule and reading behind each step, and whether the
operator must confirm; it changes nothing. Vietnamese by default, ``--lang en`` for English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from congvu.domain.errors import CongvuError
from congvu.domain.rules import Violation
from congvu.i18n import Lang, translate
from congvu.i18n import register as register_texts
from congvu.regulation.names import NameSplit, PersonName, guess_split
from congvu.regulation.naming import (
    PersonRequest,
    Proposal,
    Taken,
    Unit,
    UnitRequest,
    engine_for,
    propose,
    propose_units,
)

TEXTS: dict[str, tuple[str, str]] = {
    "cli.address.name": ("Họ tên: {name}", "Name: {name}"),
    "cli.address.guess": (
        "Tách họ tên theo phỏng đoán, cần xác nhận:",
        "The split is a guess; please confirm:",
    ),
    "cli.address.alternative": ("Cách tách khác: {name}", "Other split: {name}"),
    "cli.address.fields": (
        "{full} (họ: {family}; tên đệm: {middle}; tên: {given})",
        "{full} (family: {family}; middle: {middle}; given: {given})",
    ),
    "cli.address.proposal": ("Đề xuất: {address}", "Proposed: {address}"),
    "cli.address.none": (
        "Không có đề xuất: cán bộ quản trị đặt địa chỉ.",
        "No proposal: the operator sets the address.",
    ),
    "cli.address.confirm": ("Cần cán bộ quản trị xác nhận.", "Needs the operator's confirmation."),
    "cli.address.no_confirm": (
        "Theo đúng quy định, không cần xác nhận thêm.",
        "Follows the rule; no confirmation needed.",
    ),
    "cli.address.rerank": ("Gợi ý sắp xếp lại: {text}", "Re-ranking advice: {text}"),
    "cli.address.reading": ("cách hiểu {reading}", "reading {reading}"),
    "cli.address.existing": (
        "Đã đọc {count} địa chỉ đang dùng từ {path}.",
        "Read {count} addresses in use from {path}.",
    ),
    "cli.address.error": ("Lỗi: {error}", "Error: {error}"),
    "cli.address.need_name": (
        "Cần họ tên, hoặc --given (và --family, --middle).",
        "A full name is needed, or --given (and --family, --middle).",
    ),
    "cli.address.empty": ("(không có)", "(none)"),
}
register_texts(TEXTS)

LangOption = Annotated[str, typer.Option("--lang", help="Ngôn ngữ vi|en / Language vi|en")]


def _lang(value: str) -> Lang:
    if value not in ("vi", "en"):
        raise typer.BadParameter("vi | en")
    return "vi" if value == "vi" else "en"


def _cite(v: Violation, lang: Lang) -> str:
    reading = v.params.get("reading")
    cite = (
        v.rule if reading is None else f"{v.rule}, {translate('cli.address.reading', lang, reading=reading)}"
    )
    return f"{translate(v.key, lang, **v.params)} [{cite}]"


def read_existing(path: Path) -> list[str]:
    """One address or local part per line; blank lines and ``#`` comments are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        line.strip().split("@", 1)[0] for line in lines if line.strip() and not line.lstrip().startswith("#")
    ]


def _print_split(split: NameSplit, lang: Lang) -> None:
    if not split.confident or split.notes:
        typer.echo(translate("cli.address.guess", lang))
        for note in split.notes:
            typer.echo(f"  - {_cite(note, lang)}")
        for alt in split.alternatives:
            typer.echo("  - " + translate("cli.address.alternative", lang, name=_describe(alt, lang)))


def _describe(name: PersonName, lang: Lang) -> str:
    empty = translate("cli.address.empty", lang)
    return translate(
        "cli.address.fields",
        lang,
        full=name.full,
        family=name.family or empty,
        middle=name.middle or empty,
        given=name.given,
    )


def _print_proposal(proposal: Proposal, domain: str, lang: Lang, *, confirm: bool = False) -> None:
    address = proposal.address(domain)
    if address is None:
        typer.echo(translate("cli.address.none", lang))
    else:
        typer.echo(translate("cli.address.proposal", lang, address=address))
    advice = proposal.rerank.rule if proposal.rerank is not None else None
    for why in proposal.reasons:
        if why is not advice:
            typer.echo(f"  - {_cite(why, lang)}")
    if proposal.rerank is not None:
        typer.echo(translate("cli.address.rerank", lang, text=_cite(proposal.rerank.rule, lang)))
    confirm = confirm or proposal.needs_confirmation
    typer.echo(translate("cli.address.confirm" if confirm else "cli.address.no_confirm", lang))


def suggest_command(
    name: Annotated[str | None, typer.Argument(help="Họ tên đầy đủ / Full name")] = None,
    unit: Annotated[str, typer.Option("--unit", help="Cơ quan, đơn vị / Unit")] = "",
    profile: Annotated[str, typer.Option("--profile", help="Hồ sơ quy chế / Profile name or file")] = "",
    parent: Annotated[str | None, typer.Option("--parent", help="Đơn vị cấp trên / Parent unit")] = None,
    unit_address: Annotated[
        str | None, typer.Option("--unit-address", help="Địa chỉ hộp thư cơ quan / The agency's box")
    ] = None,
    commune: Annotated[bool, typer.Option("--commune", help="Cơ quan cấp xã / Commune level")] = False,
    org: Annotated[bool, typer.Option("--org", help="Đề xuất hộp thư đơn vị / Name the unit's box")] = False,
    family: Annotated[str | None, typer.Option("--family", help="Họ / Family name")] = None,
    middle: Annotated[str | None, typer.Option("--middle", help="Tên đệm / Middle name")] = None,
    given: Annotated[str | None, typer.Option("--given", help="Tên / Given name")] = None,
    leader: Annotated[bool, typer.Option("--leader", help="Có chức vụ lãnh đạo / Leadership rank")] = False,
    digits: Annotated[
        str | None, typer.Option("--digits", help="Chữ số khi trùng (SL25) / Clash digits")
    ] = None,
    birth_year: Annotated[int | None, typer.Option("--birth-year", help="Năm sinh / Birth year")] = None,
    existing: Annotated[
        Path | None, typer.Option("--existing", help="Tệp địa chỉ đang dùng / File of addresses in use")
    ] = None,
    lang: LangOption = "vi",
) -> None:
    """Đề xuất địa chỉ thư theo quy chế của hồ sơ.

    Propose a mailbox address by the profile's naming rule.
    """
    language = _lang(lang)
    from congvu.regulation.profile import load_profile

    try:
        if not unit or not profile:
            raise typer.BadParameter("--unit, --profile")
        prof = load_profile(profile)
        domain = prof.domains[0]
        engine = engine_for(prof.naming)
        taken = Taken(read_existing(existing) if existing is not None else ())
        if existing is not None:
            typer.echo(translate("cli.address.existing", language, count=len(taken), path=str(existing)))
        if parent:
            the_unit = Unit(unit, parent=Unit(parent, commune=commune, address=unit_address))
        else:
            the_unit = Unit(unit, commune=commune, address=unit_address)
        if org:
            [proposal] = propose_units(engine, [UnitRequest(the_unit)], taken)
            _print_proposal(proposal, domain, language)
            return
        confident = True
        if given is not None:
            person = PersonName(family or "", middle or "", given)
        elif name is not None:
            split = guess_split(name)
            person = split.name
            typer.echo(translate("cli.address.name", language, name=_describe(person, language)))
            _print_split(split, language)
            confident = split.confident
        else:
            raise typer.BadParameter(translate("cli.address.need_name", language))
        if given is not None:
            typer.echo(translate("cli.address.name", language, name=_describe(person, language)))
        request = PersonRequest(person, the_unit, leader=leader, digits=digits, birth_year=birth_year)
        [proposal] = propose(engine, [request], taken)
        _print_proposal(proposal, domain, language, confirm=not confident)
    except (CongvuError, OSError) as exc:
        typer.echo(translate("cli.address.error", language, error=str(exc)), err=True)
        raise typer.Exit(2) from exc


def register(app: typer.Typer) -> None:
    """Add ``congvu address …`` to the `congvu` app."""
    group = typer.Typer(
        name="address",
        help="Địa chỉ hộp thư theo quy chế.\n\nMailbox addresses by the regulation.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    group.command("suggest")(suggest_command)
    app.add_typer(group, name="address")
