"""web package (see DESIGN.md layout)."""
