"""IMAP4rev1/rev2 front-end (RFC 9051, RFC 3501).

``grammar/`` is the sans-IO wire codec (bytes → typed commands, responses → bytes);
``server`` moves bytes between sockets and the grammar; ``state`` holds the explicit session
states; ``commands/`` has one module per command or small group, each admitted by state type.
"""
