"""Value types shared by every layer: no I/O, no clock reads, no storage."""
