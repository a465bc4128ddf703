"""mime package (see DESIGN.md layout)."""
