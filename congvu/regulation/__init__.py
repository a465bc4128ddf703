"""regulation package (see DESIGN.md layout)."""
