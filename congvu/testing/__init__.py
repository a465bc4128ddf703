"""testing package (see DESIGN.md layout)."""
