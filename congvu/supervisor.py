"""``congvu serve`` with ``server.workers`` > 1: a parent that runs N worker processes.

Why: one asyncio process is CPU-bound at ~600 stored SMTP msg/s (DESIGN.md "Performance");
several processes sharing each port through SO_REUSEPORT (the kernel spreads connections)
use every core. The store supports several processes on one database (docs/storage.md
"Several processes").

Design (the simplest robust one):

- The parent binds nothing. Before any worker exists it opens the services once — schema
  created or checked, the mail domain added, and the full start-up crash recovery with no
  grace (no other process can have a message in flight yet) — and closes them again.
- It then starts each worker as ``congvu serve --worker I`` (a fresh interpreter, nothing
  inherited but the environment and the same ``--config``). Every worker runs the full
  `congvu.app.serve` with ``worker=True``: listeners with SO_REUSEPORT, its own services,
  and an orphan grace (`WORKER_ORPHAN_GRACE_SECONDS`) so its own start-up scan never removes
  another worker's blob in flight. So every worker is alike; none is special.
- SIGTERM/SIGINT to the parent are forwarded to every worker; each drains its deliveries as
  a single process does; the parent waits and exits 0 when all exited 0.
- A worker that exits on its own (crash, SIGKILL, a port it could not bind) is logged, the
  others are stopped with SIGTERM, and the parent exits 1: never a silent half-service.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from congvu import app as composition
from congvu.settings import Settings

log = logging.getLogger("congvu.supervisor")

POLL_SECONDS = 0.2


def worker_command(index: int, config: Path | None) -> list[str]:
    """The command line of worker `index` (this interpreter, the same configuration file)."""
    cmd = [sys.executable, "-c", "from congvu.cli.main import run; run()", "serve", "--worker", str(index)]
    if config is not None:
        cmd += ["--config", str(config)]
    return cmd


async def prepare(settings: Settings) -> None:
    """Schema, domain and full crash recovery once, before any worker runs (see module doc)."""
    services = await composition.open_services(settings)
    await services.close()


class Supervisor:
    """Start `count` workers, forward signals, stop all when one dies; `run` returns the exit code."""

    def __init__(self, commands: Sequence[Sequence[str]], *, stop_timeout: float) -> None:
        self._commands = [list(c) for c in commands]
        self._stop_timeout = stop_timeout
        self._procs: list[subprocess.Popen[bytes]] = []
        self._stopping = False
        self._failed = False

    def _signal(self, signum: int, _frame: FrameType | None) -> None:
        log.info("supervisor: %s, stopping %d workers", signal.Signals(signum).name, len(self._procs))
        self._stopping = True
        self._forward(signal.SIGTERM)

    def _forward(self, sig: signal.Signals) -> None:
        for proc in self._procs:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(sig)

    def run(self) -> int:
        previous = {s: signal.signal(s, self._signal) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            for index, cmd in enumerate(self._commands):
                if self._stopping:
                    break
                self._procs.append(subprocess.Popen(cmd))
                log.info("supervisor: worker %d started, pid %d", index, self._procs[-1].pid)
            while not self._stopping:
                for index, proc in enumerate(self._procs):
                    code = proc.poll()
                    if code is not None and not self._stopping:
                        log.error(
                            "supervisor: worker %d (pid %d) exited with %s; stopping the others",
                            index, proc.pid, code,
                        )  # fmt: skip
                        self._failed = True
                        self._stopping = True
                        self._forward(signal.SIGTERM)
                time.sleep(POLL_SECONDS)
            return self._wait()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _wait(self) -> int:
        deadline = time.monotonic() + self._stop_timeout
        codes: list[int | None] = []
        for index, proc in enumerate(self._procs):
            try:
                codes.append(proc.wait(max(0.1, deadline - time.monotonic())))
            except subprocess.TimeoutExpired:
                log.error("supervisor: worker %d (pid %d) did not stop; killing it", index, proc.pid)
                proc.kill()
                proc.wait()
                codes.append(None)
        if self._failed or any(code != 0 for code in codes):
            log.error("supervisor: stopped after a worker failure (exit codes %s)", codes)
            return 1
        log.info("supervisor: all %d workers stopped", len(self._procs))
        return 0


def supervise(settings: Settings, config: Path | None) -> int:
    """Run ``settings.server.workers`` workers until SIGTERM/SIGINT or a worker's death."""
    count = settings.server.workers
    asyncio.run(prepare(settings))
    commands = [worker_command(i, config) for i in range(count)]
    return Supervisor(commands, stop_timeout=settings.server.shutdown_grace_seconds + 30).run()
