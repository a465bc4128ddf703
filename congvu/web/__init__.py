"""HTTP front-end (Starlette): ``/healthz`` and the start page; webmail and the console grow here."""
