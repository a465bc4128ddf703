"""Entry point of the `congvu` command (help text Vietnamese first, then English).

Each command group lives in its own module exposing ``register(app: typer.Typer) -> None``;
this module only collects them, so groups are added without touching each other.
"""

from __future__ import annotations

import importlib

import typer

GROUPS: tuple[str, ...] = (
    "congvu.cli.server",  # init, serve, demo
    "congvu.cli.accounts",  # account add/list/passwd
    "congvu.cli.db",  # db upgrade
    "congvu.cli.profiles",  # profile list/show/coverage
    "congvu.cli.addresses",  # address suggest
    "congvu.cli.passwords",  # password check
)

app = typer.Typer(
    name="congvu",
    help=(
        "Congvu Mail — hệ thống thư điện tử công vụ của tỉnh.\n\n"
        "Congvu Mail — the official e-mail system of a province."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

for _name in GROUPS:
    importlib.import_module(_name).register(app)


def run() -> None:
    app()
