"""Delivery service: ingest (one blob, one row per copy), local delivery; later the outbound queue and DSN."""
