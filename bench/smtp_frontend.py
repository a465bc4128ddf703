"""SMTP front-end throughput: Congvu's chunked DATA reader against stock aiosmtpd line reading.

``python -m bench smtp_frontend [-- --messages N --conns C --size BYTES]`` runs the MX listener
in this process over in-memory services with a delivery that returns at once, so only the
protocol layer is measured (DESIGN.md: stock aiosmtpd reads DATA one line at a time, ~140
awaits per 10 KB). The load comes from ``smtp_load.py`` of ../shared/peerbench (run by path,
in its own process; ``CONGVU_PEERBENCH`` points elsewhere). Each variant runs twice; the
figures are accepted messages per second and the median latency.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

import aiosmtpd.smtp

from congvu.delivery.api import DeliveryReceipt
from congvu.directory.api import NewAccount
from congvu.domain.mail import InboundEnvelope
from congvu.events import Event
from congvu.smtp import server as smtp_server
from congvu.smtp.server import SmtpOptions, start_smtp
from congvu.smtp.stages import Role, Stages
from congvu.testing.fakes import MemoryMail, now_utc

PEERBENCH = Path(
    os.environ.get("CONGVU_PEERBENCH", Path(__file__).resolve().parents[2] / "shared" / "peerbench")
)


class _NoEvents:
    def emit(self, event: Event) -> None:
        return None


class _InstantDelivery:
    async def deliver(self, envelope: InboundEnvelope, raw: bytes) -> DeliveryReceipt:
        return DeliveryReceipt("Q", "blob", len(envelope.recipients))


async def _run(args: argparse.Namespace, users: list[str], rcpt_file: Path) -> dict[str, object]:
    mail = MemoryMail(domains=("sonla.gov.vn",))
    for user in users:
        await mail.add_account(NewAccount(user, user, "x"))
    stages = Stages(
        role=Role.MX, directory=mail, delivery=_InstantDelivery(), events=_NoEvents(), clock=now_utc,
        max_recipients=100,
    )  # fmt: skip
    options = SmtpOptions("mail.sonla.gov.vn", 1 << 25, None, offer_auth=False)
    listener = await start_smtp(
        "mx",
        "127.0.0.1",
        0,
        stages=stages,
        options=options,
        directory=mail,
        events=_NoEvents(),
        clock=now_utc,
    )
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(PEERBENCH / "smtp_load.py"), "--port", str(listener.port),
            "--conns", str(args.conns), "--messages", str(args.messages), "--size", str(args.size),
            "--recipients-file", str(rcpt_file), cwd=str(PEERBENCH), stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, _ = await proc.communicate()
    finally:
        await listener.close(1.0)
    lines = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    return lines[-1] if lines else {}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench smtp_frontend")
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--conns", type=int, default=20)
    parser.add_argument("--size", type=int, default=10240)
    args = parser.parse_args(argv)
    if not (PEERBENCH / "smtp_load.py").is_file():
        print(f"skip: {PEERBENCH / 'smtp_load.py'} not found (set CONGVU_PEERBENCH)")
        return 0
    users = [f"u{i:02d}@sonla.gov.vn" for i in range(20)]
    ours = (smtp_server.CongvuSMTP.smtp_DATA, smtp_server.CongvuSMTP.line_length_limit,
            smtp_server.CongvuSMTP._getaddr)  # fmt: skip
    stock = (aiosmtpd.smtp.SMTP.smtp_DATA, 1001, aiosmtpd.smtp.SMTP._getaddr)
    with tempfile.TemporaryDirectory() as tmp:
        rcpt_file = Path(tmp) / "rcpts"
        rcpt_file.write_text("\n".join(users))
        for name, (data, limit, getaddr) in (
            ("aiosmtpd line reader", stock),
            ("congvu chunked reader", ours),
        ):
            cls = smtp_server.CongvuSMTP
            cls.smtp_DATA, cls.line_length_limit, cls._getaddr = data, limit, getaddr  # type: ignore[method-assign]
            for _ in range(2):
                result = asyncio.run(_run(args, users, rcpt_file))
                latency = result.get("latency_ms", {})
                p50 = latency.get("p50") if isinstance(latency, dict) else None
                print(f"{name:24s} {result.get('accepted_msgs_per_s')} msg/s  p50 {p50} ms  "
                      f"({args.messages} x {args.size} B, {args.conns} connections)")  # fmt: skip
        cls = smtp_server.CongvuSMTP
        cls.smtp_DATA, cls.line_length_limit, cls._getaddr = ours  # type: ignore[method-assign]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
