"""smtp package (see DESIGN.md layout)."""
