"""Storage ports (DESIGN.md): small typing.Protocol interfaces that services depend on.

Adapters live in congvu.store; only congvu.app wires them.
"""
