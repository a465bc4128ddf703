"""store package (see DESIGN.md layout)."""
