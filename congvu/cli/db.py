"""``congvu db upgrade``: create or migrate the metadata schema (Alembic, through congvu.app)."""

from __future__ import annotations

import typer

from congvu import app as composition
from congvu.cli.server import ConfigOption, fail, load
from congvu.domain.errors import CongvuError

db_app = typer.Typer(help="Cơ sở dữ liệu / database", no_args_is_help=True, rich_markup_mode=None)


@db_app.command("upgrade")
def upgrade(config: ConfigOption = None) -> None:
    """Tạo hoặc nâng cấp lược đồ cơ sở dữ liệu. / Create or upgrade the database schema."""
    settings = load(config)
    try:
        composition.upgrade_database(settings)
    except CongvuError as exc:
        raise fail(str(exc), code=1) from None
    typer.echo(f"Cơ sở dữ liệu đã cập nhật / database up to date: {settings.database_url.split('@')[-1]}")


def register(app: typer.Typer) -> None:
    """Add the ``db`` group to the `congvu` app."""
    app.add_typer(db_app, name="db")
