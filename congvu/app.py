"""Composition root: Settings → adapters → services → listeners; the only module that wires."""
