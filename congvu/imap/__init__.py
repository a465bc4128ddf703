"""IMAP4rev2 front-end: grammar/ (sans-IO wire codec) and, later, the server."""
