"""``congvu password check``: test a password against a profile's rules (ST14-13.2, QN20-8, SL25-6).

The password is read from a hidden prompt on a terminal, or from the first line of standard input
when piped; never from the command line, where it would land in the shell history and the process
list. Every violation is printed with its rule and article, Vietnamese by default. The exit status
is 0 when the password passes, 1 when it does not, 2 on a usage or profile error.

``--name`` takes a full name; ``--family``/``--middle``/``--given`` take the parts separately
(READINGS A.12). QN20-8.1 forbids every part alike (họ, tên, chữ lót), so how a full name is split
does not change the result.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from congvu.domain.errors import ConfigError
from congvu.i18n import Lang, translate
from congvu.i18n import register as register_texts
from congvu.regulation.messages import explain
from congvu.regulation.passwords import check_password
from congvu.regulation.profile import load_profile

TEXTS: dict[str, tuple[str, str]] = {
    "cli.password.prompt": ("Mật khẩu", "Password"),
    "cli.password.ok": ("Mật khẩu đạt yêu cầu của hồ sơ {profile}", "The password meets profile {profile}"),
    "cli.password.bad": (
        "Mật khẩu chưa đạt yêu cầu của hồ sơ {profile}:",
        "The password does not meet profile {profile}:",
    ),
    "cli.password.empty_input": ("Không đọc được mật khẩu từ đầu vào", "No password on standard input"),
}
register_texts(TEXTS)


def split_name(full: str) -> tuple[str, str, str]:
    """``"Nguyễn Thị Tú Vân"`` → (``Nguyễn``, ``Thị Tú``, ``Vân``); one word is the given name."""
    parts = full.split()
    if not parts:
        return "", "", ""
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


def _read_password(lang: Lang) -> str:
    if sys.stdin.isatty():
        value: str = typer.prompt(translate("cli.password.prompt", lang), hide_input=True)
        return value
    line = sys.stdin.readline()
    if not line:
        typer.echo(translate("cli.password.empty_input", lang), err=True)
        raise typer.Exit(2)
    return line.rstrip("\r\n")


def check_command(
    profile: Annotated[
        str, typer.Option("--profile", help="Hồ sơ quy chế / regulation profile")
    ] = "sonla-2025",
    name: Annotated[str, typer.Option("--name", help="Họ và tên / full name")] = "",
    family: Annotated[str, typer.Option("--family", help="Họ / family name")] = "",
    middle: Annotated[str, typer.Option("--middle", help="Tên đệm, chữ lót / middle names")] = "",
    given: Annotated[str, typer.Option("--given", help="Tên / given name")] = "",
    address: Annotated[str, typer.Option("--address", help="Địa chỉ thư / mail address")] = "",
    lang: Annotated[str, typer.Option("--lang", help="vi | en")] = "vi",
) -> None:
    """Kiểm tra mật khẩu (đọc từ bàn phím hoặc stdin) / Check a password (read from a prompt or stdin)."""
    language: Lang = "en" if lang == "en" else "vi"
    try:
        loaded = load_profile(profile)
    except ConfigError as exc:
        typer.echo(f"congvu: {exc}", err=True)
        raise typer.Exit(2) from None
    if name and not (family or middle or given):
        family, middle, given = split_name(name)
    password = _read_password(language)
    decision = check_password(loaded, password, family=family, middle=middle, given=given, address=address)
    if decision.allowed:
        typer.echo(translate("cli.password.ok", language, profile=loaded.name))
        return
    typer.echo(translate("cli.password.bad", language, profile=loaded.name))
    for violation in decision.violations:
        typer.echo(f"  - {explain(violation, language)}")
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``congvu password …`` to the `congvu` app."""
    group = typer.Typer(
        name="password",
        help="Mật khẩu theo quy chế.\n\nPasswords under the regulation.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    group.command("check")(check_command)
    app.add_typer(group, name="password")
