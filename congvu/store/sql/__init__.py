"""SQLAlchemy Core adapters of the metadata ports (`congvu.ports.MessageStore`, `DirectoryStore`)."""
