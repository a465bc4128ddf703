"""Congvu Mail: the e-mail platform of a Vietnamese province (hệ thống thư điện tử công vụ).

The package is layered as ../shared/DESIGN.md describes: front-ends (cli, web, smtp, imap)
call services (delivery, mailbox, directory), which ask pure policy (regulation, mime) and
reach storage only through the ports in `congvu.ports`. `congvu.app` is the only module that
wires adapters from `congvu.store` into services.
"""

__version__ = "0.1.0"
