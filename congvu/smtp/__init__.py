"""SMTP front-end (RFC 5321, RFC 6409, RFC 3207, RFC 4954) on aiosmtpd's protocol engine.

``server`` (listener, chunked DATA, AUTH, shutdown), ``data`` (the sans-IO DATA reader),
``stages`` (EHLO/MAIL/RCPT/DATA decisions as calls into services), ``address`` (envelope
address checks) and ``replies`` (every reply text).
"""
