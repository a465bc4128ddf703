"""Alembic migrations of the metadata database, shipped as package data.

Run them with `congvu.store.upgrade(database_url)` (programmatically, no alembic.ini); the
revisions live in `versions/` and create the tables of `congvu.store.sql.schema`.
"""
