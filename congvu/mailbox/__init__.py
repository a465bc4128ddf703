"""Mailbox service: what IMAP, POP3 and webmail share (folders, fetch, flags, search, quota)."""
