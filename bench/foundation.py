"""Foundation benchmark (issue 9): Congvu against Postfix + Dovecot, same clients, same machine.

``python -m bench foundation [--peers FILE | --with-peers] [--out FILE.json]`` (or ``make bench``)
starts a throw-away Congvu (``congvu init`` + ``congvu serve`` in a temp data folder, loopback,
free unprivileged ports) and drives it with the load generators of ``../shared/peerbench`` (run by
path as subprocesses, never copied; ``CONGVU_PEERBENCH`` points elsewhere):

- ``smtp``: ``smtp_load.py`` 5,000 × 10 KB, 20 connections, round-robin over 1,000 users, to the
  inbound (port 25-style, no AUTH) listener, as the peers' block sends to Postfix. Congvu answers
  250 only once the message is durable, so its accepted rate is its stored rate; every INBOX is
  counted afterwards through the mailbox service (server stopped), plus an IMAP spot check.
- ``fanout``: one 1 MB message to 500 recipients in one transaction; time to the 250 (stored and
  visible: one commit), the growth of the blob folder and of the whole data folder, then the 500
  INBOXes are counted again.
- ``populate``: 100,000 messages into bulk100k, the peers' templates and seed (so SEARCH hit
  counts compare): in-process through `Delivery.deliver` (default) or ``populate.py --via smtp``.
- ``fetch``: restart the server (and drop the page cache when root), then ``imap_load.py
  fetch-headers`` on bulk100k (first after the restart, then warm ×2) and ``imap_fetch_lean.py``.
- ``search``: ``UID SEARCH CHARSET UTF-8 TEXT "khẩn"`` (first after a cache drop, then warm),
  ``TEXT "khan"`` (the folded form) and ``TEXT "eoffice"``: time and hits.
- ``store``: the fan-out without SMTP, `Delivery.deliver` of 1 MB to 500 accounts in-process.

The peers' figures come from a run_peers.sh JSONL (``--peers``, default
/var/tmp/peer-results.jsonl) or from running it (``--with-peers``, root). The result is one table —
figure, Congvu, peers, ratio, target, met? — and a JSON of every figure (``--out``). A block whose
prerequisite is missing is skipped with a message. No test runs this (tests never assert a time).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from bench import peers as peerlib
from congvu.testing.server import child_pids, free_ports, wait_port

DOMAIN = "tinh.gov.vn"
PASSWORD = "Bench-2025"
USERS = [f"user{i:04d}@{DOMAIN}" for i in range(1, 1001)]
BULK = f"bulk100k@{DOMAIN}"
# Quota checks run (as in production) but never refuse: the peers have no quota.
QUOTA = 10 * 2**30
REPO = Path(__file__).resolve().parent.parent
BLOCKS = ("smtp", "fanout", "populate", "fetch", "search", "store")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Skip(Exception):
    """A block cannot run (a piece of Congvu is missing); the message says which."""


def free_port() -> int:
    return free_ports(1)[0]


def drop_caches() -> bool:
    """Drop the page cache as the peers' cold runs do (root only); False when not allowed."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU of a process and all its threads so far (/proc/PID/stat), 0 if unknown."""
    if pid is None:
        return 0.0
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def du_bytes(path: Path) -> int:
    """Disk blocks used under `path` (as ``du``: st_blocks, hard links once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in [*files, "."]:
            with contextlib.suppress(FileNotFoundError):
                st = os.lstat(os.path.join(root, name))
                key = (st.st_dev, st.st_ino)
                if key not in seen:
                    seen.add(key)
                    total += st.st_blocks * 512
    return total


# ---------------------------------------------------------------- the server under test


@dataclass
class Congvu:
    """One throw-away Congvu: data folder, settings through CONGVU_* variables, a `serve` process."""

    data_dir: Path
    smtp_port: int = field(default_factory=free_port)
    imap_port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    starts: int = 0
    imap_ok: bool = False
    profiler: Profiler | None = None
    workers: int = 1  # > 1: `congvu serve --workers N` (congvu.supervisor), CPU summed over workers
    database_url: str = ""  # empty: SQLite in the data folder

    @property
    def cli(self) -> list[str]:
        exe = Path(sys.executable).with_name("congvu")
        fallback = [sys.executable, "-c", "from congvu.cli.main import run; run()"]
        return [str(exe)] if exe.exists() else fallback

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CONGVU_")}
        env.update(
            CONGVU_SERVER_DATA_DIR=str(self.data_dir),
            CONGVU_SERVER_LISTEN="127.0.0.1",
            CONGVU_SERVER_HOSTNAME=f"mail.{DOMAIN}",
            CONGVU_MAIL_DOMAIN=DOMAIN,
            CONGVU_PORTS_SMTP=str(self.smtp_port),
            CONGVU_PORTS_IMAP=str(self.imap_port),
            CONGVU_PORTS_SUBMISSION="0",
            CONGVU_PORTS_SUBMISSIONS="0",
            CONGVU_PORTS_IMAPS="0",
            CONGVU_PORTS_HTTP="0",
            CONGVU_TLS_ALLOW_PLAINTEXT_AUTH_ON_LOOPBACK="true",
            PYTHONDONTWRITEBYTECODE="1",
        )
        if self.database_url:
            env["CONGVU_DATABASE_URL"] = self.database_url
        return env

    def run_cli(self, *args: str, timeout: float = 600, stdin: str | None = None) -> str:
        proc = subprocess.run(
            [*self.cli, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin,
            check=False,
        )
        if proc.returncode != 0:
            raise Skip(
                f"`congvu {' '.join(args[:3])}` failed ({proc.returncode}): "
                f"{(proc.stderr or proc.stdout).strip()[-600:]}"
            )
        return proc.stdout

    def init(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.run_cli("init")

    def add_accounts(self, addresses: list[str]) -> str:
        """Create the accounts; in-process through the services if possible, else one CLI call each."""
        how = _add_accounts_inprocess(self, addresses)
        if how:
            return how
        for i, addr in enumerate(addresses):
            self.run_cli("account", "add", addr, "--password", PASSWORD)
            if i % 100 == 99:
                log(f"  {i + 1} accounts")
        return "CLI `congvu account add` per account"

    def start(self, timeout: float = 60) -> None:
        self.starts += 1
        self.log_path = self.data_dir.parent / f"serve-{self.starts}.log"
        out = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [*self.cli, "serve", *(["--workers", str(self.workers)] if self.workers > 1 else [])],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not wait_port(self.smtp_port, timeout, self.proc):
            tail = self.log_tail()
            self.stop()
            raise Skip(f"`congvu serve` did not listen on SMTP 127.0.0.1:{self.smtp_port}: {tail}")
        # IMAP may not exist yet (issue 11): the blocks that need it are skipped, not failed.
        self.imap_ok = wait_port(self.imap_port, 5 if self.starts == 1 else timeout, self.proc)
        if self.profiler is not None:
            self.profiler.attach(self.proc.pid)

    def need_imap(self) -> None:
        if not self.imap_ok:
            raise Skip(f"no IMAP listener on 127.0.0.1:{self.imap_port} (`congvu serve` has none yet)")

    def inbox_counts(self, addresses: list[str]) -> dict[str, int]:
        """Messages in each INBOX, read through the mailbox service with the server stopped.

        In-process, not over IMAP: 1,000 IMAP LOGINs would cost a password hash each. The server
        is restarted afterwards.
        """
        self.stop()
        try:
            return _inbox_counts_inprocess(self, addresses)
        finally:
            self.start()

    def log_tail(self, n: int = 1500) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-n:]

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.profiler is not None:
            self.profiler.detach()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def cpu(self) -> float:
        if self.proc is None:
            return 0.0
        return cpu_seconds(self.proc.pid) + sum(cpu_seconds(p) for p in child_pids(self.proc.pid))

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"


def _add_accounts_inprocess(server: Congvu, addresses: list[str]) -> str | None:
    """Create accounts through `DirectoryService` over the store's public constructors.

    Every bench account has the same password, so its argon2 hash (default parameters) is
    computed once and reused: 1,001 hashes would take minutes on 2 cores. Each gets a 10 GiB
    quota (`QUOTA`). Returns how it was
    done, or None when those modules are missing (the caller falls back to the CLI).
    """
    try:
        from argon2 import PasswordHasher

        from congvu.directory.api import NewAccount
        from congvu.directory.service import DirectoryService
        from congvu.domain.errors import Conflict
        from congvu.settings import load_settings
        from congvu.store import open_metastore, upgrade
    except ImportError:
        return None
    import asyncio

    class HashOnce(PasswordHasher):
        cache: ClassVar[dict[str, str]] = {}

        def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
            key = password if isinstance(password, str) else password.decode()
            if key not in self.cache:
                self.cache[key] = super().hash(password)
            return self.cache[key]

    settings = load_settings(env=server.env)
    upgrade(settings.database_url)
    meta = open_metastore(settings.database_url)

    async def run() -> None:
        admin = DirectoryService(meta, hasher=HashOnce())
        with contextlib.suppress(Conflict):
            await admin.add_domain(DOMAIN)
        for addr in addresses:
            with contextlib.suppress(Conflict):
                name = f"Bench {addr.partition('@')[0]}"
                await admin.add_account(NewAccount(addr, name, PASSWORD, quota_bytes=QUOTA))

    try:
        asyncio.run(run())
    finally:
        meta.close()
    return "in-process DirectoryService.add_account over congvu.store, one argon2 hash reused"


def _inbox_counts_inprocess(server: Congvu, addresses: list[str]) -> dict[str, int]:
    import asyncio

    from congvu.app import open_services
    from congvu.settings import load_settings

    async def run() -> dict[str, int]:
        services = await open_services(load_settings(env=server.env))
        out: dict[str, int] = {}
        try:
            for addr in addresses:
                outcome = await services.directory.resolve_recipient(addr)
                if outcome.account is None:
                    out[addr] = -1
                    continue
                folders = await services.mailboxes.list_folders(outcome.account.id)
                out[addr] = next((f.exists for f in folders if f.name.upper() == "INBOX"), -1)
        finally:
            await services.close()
        return out

    return asyncio.run(run())


# ---------------------------------------------------------------- the peerbench clients


@dataclass
class Tools:
    dir: Path

    def script(self, name: str) -> str:
        p = self.dir / name
        if not p.is_file():
            raise Skip(f"peerbench script {p} not found (set CONGVU_PEERBENCH)")
        return str(p)

    def run(self, script: str, args: str, timeout: float = 900) -> list[dict[str, Any]]:
        """Run a peerbench client (whitespace-separated `args`) with python3; its JSON stdout lines."""
        cmd = ["python3", self.script(script), *args.split()]
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.dir,
            check=False,
            env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
        )
        lines = [json.loads(ln) for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode != 0 or not lines:
            raise Skip(f"{script} failed ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-600:]}")
        return lines


def imap_count(port: int, users: list[str], criteria: str = "ALL", conns: int = 10) -> dict[str, int]:
    """Hits of ``SEARCH <criteria>`` in each user's INBOX (LOGIN over plaintext loopback)."""
    import imaplib
    from concurrent.futures import ThreadPoolExecutor

    def one(chunk: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for user in chunk:
            c = imaplib.IMAP4("127.0.0.1", port, timeout=60)
            try:
                c.login(user, PASSWORD)
                c.select("INBOX", readonly=True)
                _typ, data = c.search(None, criteria)
                out[user] = len((data[0] or b"").split())
                c.logout()
            except (imaplib.IMAP4.error, OSError):
                out[user] = -1
        return out

    chunks = [users[i::conns] for i in range(conns)]
    result: dict[str, int] = {}
    with ThreadPoolExecutor(conns) as ex:
        for part in ex.map(one, chunks):
            result.update(part)
    return result


# ---------------------------------------------------------------- profiling (optional)


@dataclass
class Profiler:
    """py-spy on the server during each block (``--profile DIR``), following restarts.

    ``--gil`` samples only the thread holding the GIL: where Python spends CPU, idle waits and
    fsyncs excluded. Each server process of a block gets its own raw file; the block's hot spots
    are computed over all of them.
    """

    outdir: Path | None
    block: str = "setup"
    proc: subprocess.Popen[bytes] | None = None
    files: dict[str, list[Path]] = field(default_factory=dict)

    def attach(self, pid: int) -> None:
        spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
        if self.outdir is None or not Path(spy).exists():
            return
        self.detach()
        self.outdir.mkdir(parents=True, exist_ok=True)
        raw = self.outdir / f"{self.block}-{len(self.files.get(self.block, [])) + 1}.txt"
        self.files.setdefault(self.block, []).append(raw)
        cmd = [
            spy,
            "record",
            "-p",
            str(pid),
            "-r",
            "100",
            "-f",
            "raw",
            "-o",
            str(raw),
            "--gil",
            "--nonblocking",
        ]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)

    def detach(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(30)
            self.proc = None

    def results(self) -> dict[str, Any]:
        return {block: hot_spots([f for f in files if f.exists()]) for block, files in self.files.items()}


def hot_spots(raws: list[Path], top: int = 15) -> dict[str, Any]:
    """Self and inclusive sample shares per function from py-spy's collapsed stacks."""
    self_n: dict[str, int] = {}
    incl_n: dict[str, int] = {}
    total = 0
    lines = [ln for raw in raws for ln in raw.read_text(errors="replace").splitlines()]
    for line in lines:
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        k = int(n)
        total += k
        frames = [f.strip() for f in stack.split(";") if f.strip()]
        frames = [f for f in frames if not f.startswith("process ") and not f.startswith("thread ")]
        if not frames:
            continue
        self_n[frames[-1]] = self_n.get(frames[-1], 0) + k
        for f in set(frames):
            incl_n[f] = incl_n.get(f, 0) + k

    def pct(d: dict[str, int]) -> list[tuple[str, float]]:
        return [
            (f, round(100 * v / max(1, total), 1)) for f, v in sorted(d.items(), key=lambda kv: -kv[1])[:top]
        ]

    return {
        "samples": total,
        "self_pct": pct(self_n),
        "inclusive_pct": pct(incl_n),
        "raw": [str(r) for r in raws],
    }


# ---------------------------------------------------------------- blocks


def block_smtp(server: Congvu, tools: Tools, tmp: Path, runs: int, figures: dict[str, Any]) -> None:
    rcpts = tmp / "recipients.txt"
    rcpts.write_text("\n".join(USERS) + "\n")
    results = []
    for i in range(runs):
        log(f"smtp run {i + 1}/{runs}: 5,000 × 10 KB, 20 connections, 1,000 users")
        load = f"--conns 20 --messages 5000 --size 10240 --recipients-file {rcpts}"
        cpu0 = server.cpu()
        (r,) = tools.run("smtp_load.py", f"--port {server.smtp_port} {load}")
        r["server_cpu_s"] = round(server.cpu() - cpu0, 2)
        r["server_cpu_ms_per_msg"] = round(1000 * r["server_cpu_s"] / max(1, r["accepted"]), 3)
        log(
            f"  accepted {r['accepted_msgs_per_s']} msg/s, p50 {r['latency_ms']['p50']} ms, "
            f"p99 {r['latency_ms']['p99']} ms, errors {r['errors']}; server CPU {r['server_cpu_s']} s "
            f"({r['server_cpu_ms_per_msg']} ms/msg), client CPU {r['client_cpu_s']} s"
        )
        results.append(r)
    figures["smtp_runs"] = results
    figures["smtp_accepted_msgs_per_s"] = statistics.median(r["accepted_msgs_per_s"] for r in results)
    figures["smtp_p50_ms"] = statistics.median(r["latency_ms"]["p50"] for r in results)
    figures["smtp_p99_ms"] = statistics.median(r["latency_ms"]["p99"] for r in results)
    figures["smtp_errors"] = sum(r["errors"] for r in results)
    figures["smtp_server_cpu_ms_per_msg"] = statistics.median(r["server_cpu_ms_per_msg"] for r in results)
    # Congvu's 250 means stored: check that every accepted message is in an INBOX.
    log("smtp: counting stored messages (1,000 INBOXes, mailbox service, server stopped)")
    counts = server.inbox_counts(USERS)
    figures["_inbox_counts"] = counts
    stored = sum(v for v in counts.values() if v > 0)
    accepted = sum(r["accepted"] for r in results)
    figures["smtp_stored_count"] = stored
    figures["smtp_accepted_count"] = accepted
    figures["smtp_unknown_accounts"] = sum(1 for v in counts.values() if v < 0)
    figures["smtp_stored_msgs_per_s"] = figures["smtp_accepted_msgs_per_s"] if stored >= accepted else None
    if server.imap_ok:
        sample = USERS[:: len(USERS) // 10]
        seen = imap_count(server.imap_port, sample)
        figures["smtp_imap_spot_check"] = {u: (seen[u], counts[u]) for u in sample}
    log(f"  stored {stored} of {accepted} accepted")


def block_fanout(server: Congvu, tools: Tools, tmp: Path, figures: dict[str, Any]) -> None:
    rcpts = tmp / "rcpt500.txt"
    rcpts.write_text("\n".join(USERS[:500]) + "\n")
    time.sleep(1)
    before_blobs, before_all = du_bytes(server.blob_dir), du_bytes(server.data_dir)
    before = figures.get("_inbox_counts") or server.inbox_counts(USERS[:500])
    log("fan-out: 1 MB × 500 recipients, one transaction")
    load = f"--conns 1 --messages 1 --size 1000000 --rcpts-per-msg 500 --recipients-file {rcpts}"
    cpu0 = server.cpu()
    (r,) = tools.run("smtp_load.py", f"--port {server.smtp_port} {load}")
    figures["fanout_server_cpu_s"] = round(server.cpu() - cpu0, 3)
    after_blobs, after_all = du_bytes(server.blob_dir), du_bytes(server.data_dir)
    after = server.inbox_counts(USERS[:500])
    visible = sum(1 for u in USERS[:500] if after.get(u, 0) - before.get(u, 0) == 1)
    if server.imap_ok:
        big = imap_count(server.imap_port, USERS[:500:50], "LARGER 900000")
        figures["fanout_imap_spot_check"] = big
    figures["fanout"] = r
    figures["fanout_accepted_s"] = r["elapsed_s"]
    figures["fanout_data_s"] = r["latency_ms"]["p50"] / 1000 if r["latency_ms"]["p50"] else None
    figures["fanout_rcpts_accepted"] = r["rcpts_accepted"]
    figures["fanout_visible_boxes"] = visible
    figures["fanout_blob_mb"] = (after_blobs - before_blobs) / 2**20
    figures["fanout_data_dir_mb"] = (after_all - before_all) / 2**20
    log(
        f"  250 after {r['elapsed_s']} s, visible in {visible}/500 INBOXes, "
        f"blobs +{figures['fanout_blob_mb']:.2f} MB,"
        f" data folder +{figures['fanout_data_dir_mb']:.2f} MB"
    )


def block_populate(server: Congvu, tools: Tools, count: int, how: str, figures: dict[str, Any]) -> None:
    """Fill bulk100k with `count` messages: peerbench's templates and seed 1, as the peers' fill.

    ``smtp``: ``populate.py --via smtp --conns 20`` against the running server. ``inproc``
    (default, about 3× faster): the same messages (``msggen.Pool`` seed 1, the same Date spread)
    handed to `Delivery.deliver` in-process with 64 in flight, server stopped; INTERNALDATE is the
    message's date, as the peers' Maildir file mtimes are.
    """
    log(f"populate: {count:,} messages into {BULK} ({how})")
    t0 = time.perf_counter()
    if how == "smtp":
        args = f"--via smtp --port {server.smtp_port} --to {BULK} --count {count} --conns 20 --seed 1"
        (r,) = tools.run("populate.py", args, timeout=3600)
        r["how"] = "populate.py --via smtp --conns 20 --seed 1"
    else:
        r = _populate_inprocess(server, tools, count)
    r["wall_s"] = round(time.perf_counter() - t0, 1)
    figures["populate"] = r
    log(f"  {r['msgs_per_s']} msg/s, {r['wall_s']} s")


def _populate_inprocess(server: Congvu, tools: Tools, count: int) -> dict[str, Any]:
    import asyncio
    import datetime as dt
    import random

    from congvu.app import open_services
    from congvu.domain.mail import InboundEnvelope
    from congvu.settings import load_settings

    sys.path.insert(0, str(tools.dir))
    try:
        from msggen import Pool  # type: ignore[import-not-found]  # peerbench, by path
    finally:
        sys.path.remove(str(tools.dir))
    pool = Pool(400, seed=1, attach_ratio=0.2)
    rng = random.Random(1)
    now = time.time()
    dates = sorted(now - rng.random() * 365 * 86400 for _ in range(count))
    server.stop()
    total = 0

    async def run() -> None:
        nonlocal total
        services = await open_services(load_settings(env=server.env))
        try:
            ref = (await services.directory.resolve_recipient(BULK)).account
            if ref is None:
                raise Skip(f"{BULK} does not resolve")
            sem = asyncio.Semaphore(64)

            async def one(i: int) -> None:
                nonlocal total
                raw = pool.stamp(i, dates[i])
                env = InboundEnvelope(
                    mail_from="populate@bench.example", recipients=(ref,), rcpt_addresses=(BULK,),
                    peer_ip="127.0.0.1", helo="populate.bench", authenticated_as=None,
                    received_at=dt.datetime.fromtimestamp(dates[i], dt.UTC),
                )  # fmt: skip
                async with sem:
                    await services.delivery.deliver(env, raw)
                total += len(raw)

            step = 5000
            for k in range(0, count, step):
                await asyncio.gather(*(one(i) for i in range(k, min(count, k + step))))
                if (k // step) % 4 == 3:
                    log(f"  {k + step:,} / {count:,}")
        finally:
            await services.close()

    t0 = time.perf_counter()
    try:
        asyncio.run(run())
    finally:
        server.start()
    dt_s = time.perf_counter() - t0
    return {
        "populated": count, "via": "inproc", "bytes": total, "write_s": round(dt_s, 1),
        "msgs_per_s": round(count / dt_s),
        "how": "in-process Delivery.deliver, msggen.Pool seed 1, 64 in flight",
    }  # fmt: skip


def block_fetch(server: Congvu, tools: Tools, figures: dict[str, Any]) -> None:
    log("fetch: restart the server, drop the page cache")
    server.stop()
    dropped = drop_caches()
    server.start()
    figures["fetch_cache_dropped"] = dropped
    server.need_imap()
    login = f"--port {server.imap_port} --user {BULK} --password {PASSWORD}"
    (r,) = tools.run("imap_load.py", f"fetch-headers {login} --repeat 3")
    runs = r["runs"]
    figures["fetch"] = r
    figures["fetch_exists"] = r["exists"]
    figures["fetch_cold_select_s"] = r["select_s"]
    figures["fetch_cold_s"] = runs[0]["fetch_s"]
    figures["fetch_cold_msgs_per_s"] = runs[0]["msgs_per_s"]
    figures["fetch_cold_total_s"] = r["select_s"] + runs[0]["fetch_s"]
    figures["fetch_warm_s"] = statistics.median(x["fetch_s"] for x in runs[1:])
    figures["fetch_warm_msgs_per_s"] = statistics.median(x["msgs_per_s"] for x in runs[1:])
    figures["fetch_warm_client_cpu_s"] = statistics.median(x["client_cpu_s"] for x in runs[1:])
    log(
        f"  exists {r['exists']}, SELECT {r['select_s']} s, first FETCH {runs[0]['fetch_s']} s, "
        f"warm {figures['fetch_warm_s']} s ({figures['fetch_warm_msgs_per_s']:,} msg/s)"
    )
    lean = tools.run("imap_fetch_lean.py", f"{login} --repeat 3")
    figures["fetch_lean"] = lean
    figures["fetch_lean_warm_s"] = statistics.median(x["fetch_s"] for x in lean[1:])
    figures["fetch_lean_warm_msgs_per_s"] = statistics.median(x["msgs_per_s"] for x in lean[1:])
    log(
        f"  lean client warm {figures['fetch_lean_warm_s']} s "
        f"({figures['fetch_lean_warm_msgs_per_s']:,} msg/s)"
    )


def block_search(server: Congvu, tools: Tools, figures: dict[str, Any]) -> None:
    server.need_imap()
    drop_caches()

    def search(word: str, repeat: int) -> dict[str, Any]:
        login = f"--port {server.imap_port} --user {BULK} --password {PASSWORD}"
        (r,) = tools.run("imap_load.py", f"search {login} --word {word} --repeat {repeat}")
        return r

    k = search("khẩn", 4)
    figures["search_khan_diacritics"] = k
    figures["search_khan_diacritics_cold_s"] = k["runs"][0]["search_s"]
    figures["search_khan_diacritics_warm_s"] = statistics.median(x["search_s"] for x in k["runs"][1:])
    figures["search_khan_diacritics_hits"] = k["runs"][0]["hits"]
    e = search("eoffice", 3)
    figures["search_eoffice_warm_s"] = statistics.median(x["search_s"] for x in e["runs"])
    figures["search_eoffice_hits"] = e["runs"][0]["hits"]
    f = search("khan", 3)
    figures["search_khan_warm_s"] = statistics.median(x["search_s"] for x in f["runs"])
    figures["search_khan_hits"] = f["runs"][0]["hits"]
    log(
        f"  khẩn {figures['search_khan_diacritics_warm_s']} s "
        f"({figures['search_khan_diacritics_hits']} hits), "
        f"khan {figures['search_khan_warm_s']} s ({figures['search_khan_hits']} hits), "
        f"eoffice {figures['search_eoffice_warm_s']} s ({figures['search_eoffice_hits']} hits)"
    )


def block_store(server: Congvu, tools: Tools, figures: dict[str, Any]) -> None:
    """The fan-out without SMTP: `Delivery.deliver` of 1 MB to 500 accounts, in-process, ×3.

    Isolates the store's share of the fan-out target (one blob, 500 rows in one commit) from
    the 500 RCPT round trips the SMTP figure includes. The server is stopped meanwhile (one
    writer per database).
    """
    try:
        from congvu.app import open_services
        from congvu.domain.mail import InboundEnvelope
        from congvu.settings import load_settings
    except ImportError as exc:
        raise Skip(f"no in-process services: {exc}") from None
    import asyncio
    import datetime as dt

    sys.path.insert(0, str(tools.dir))
    try:
        from msggen import smtp_message  # peerbench, by path
    finally:
        sys.path.remove(str(tools.dir))
    server.stop()
    timings: list[float] = []
    blob_growth: list[float] = []

    async def run() -> None:
        services = await open_services(load_settings(env=server.env))
        try:
            refs = []
            for addr in USERS[:500]:
                outcome = await services.directory.resolve_recipient(addr)
                if outcome.account is None:
                    raise Skip(f"{addr} does not resolve")
                refs.append(outcome.account)
            for k in range(3):
                raw = f"Message-ID: <store.{k}.{time.time()}@bench.load>\r\n".encode() + smtp_message(
                    1_000_000, seed=k
                )
                env = InboundEnvelope(
                    mail_from="loadgen@bench.example", recipients=tuple(refs),
                    rcpt_addresses=tuple(USERS[:500]), peer_ip="127.0.0.1", helo="bench",
                    authenticated_as=None, received_at=dt.datetime.now(dt.UTC),
                )  # fmt: skip
                before = du_bytes(server.blob_dir)
                t0 = time.perf_counter()
                receipt = await services.delivery.deliver(env, raw)
                timings.append(time.perf_counter() - t0)
                blob_growth.append((du_bytes(server.blob_dir) - before) / 2**20)
                if receipt.copies != 500:
                    raise Skip(f"deliver() made {receipt.copies} copies, not 500")
        finally:
            await services.close()

    try:
        asyncio.run(run())
    finally:
        server.start()
    figures["fanout_inproc_runs_s"] = timings
    figures["fanout_inproc_s"] = statistics.median(timings)
    figures["fanout_inproc_blob_mb"] = statistics.median(blob_growth)
    log(f"  deliver() 1 MB × 500: {', '.join(f'{t * 1000:.1f} ms' for t in timings)}")


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Row:
    figure: str
    congvu_key: str
    peer_key: str | None
    better: str  # "higher" or "lower": how the ratio is oriented (ratio > 1 means Congvu is better)
    target: str
    met: Callable[[float | None, float | None, dict[str, Any]], bool | None]
    nd: int = 1


def _r(c: float | None, p: float | None, better: str) -> float | None:
    if c is None or p is None or c == 0 or p == 0:
        return None
    return c / p if better == "higher" else p / c


def _ratio_at_least(
    k: float, better: str = "higher"
) -> Callable[[float | None, float | None, dict[str, Any]], bool | None]:
    def f(c: float | None, p: float | None, _fig: dict[str, Any]) -> bool | None:
        r = _r(c, p, better)
        return None if r is None else r >= k

    return f


def _below(limit: float) -> Callable[[float | None, float | None, dict[str, Any]], bool | None]:
    return lambda c, _p, _fig: None if c is None else c < limit


def _none(_c: float | None, _p: float | None, _fig: dict[str, Any]) -> bool | None:
    return None


def _folded(c: float | None, _p: float | None, fig: dict[str, Any]) -> bool | None:
    hits, exact = fig.get("search_khan_hits"), fig.get("search_khan_diacritics_hits")
    if c is None or hits is None or exact is None:
        return None
    return c < 0.050 and hits >= exact > 0


def _fanout_ok(c: float | None, _p: float | None, fig: dict[str, Any]) -> bool | None:
    if c is None:
        return None
    return c < 0.050 and fig.get("fanout_visible_boxes") == 500


# fmt: off
ROWS = [
    Row("SMTP 5,000×10 KB, 20 conns: stored msg/s", "smtp_stored_msgs_per_s", "smtp_stored_msgs_per_s",
        "higher", "≥ 5×", _ratio_at_least(5)),
    Row("SMTP same: accepted (250) msg/s", "smtp_accepted_msgs_per_s", "smtp_accepted_msgs_per_s",
        "higher", "", _none),
    Row("SMTP same: latency p50 ms", "smtp_p50_ms", "smtp_p50_ms", "lower", "", _none, 2),
    Row("SMTP same: latency p99 ms", "smtp_p99_ms", "smtp_p99_ms", "lower", "< 30 ms", _below(30), 2),
    Row("SMTP same: server CPU ms per message", "smtp_server_cpu_ms_per_msg", None, "lower", "", _none, 2),
    Row("SMTP same: errors + not stored", "smtp_missing", "smtp_errors_or_missing", "lower", "0",
        lambda c, _p, _f: None if c is None else c == 0, 0),
    Row("fan-out 1 MB × 500: 250 reply (stored) after s", "fanout_accepted_s", "fanout_accepted_s",
        "lower", "", _none, 3),
    Row("fan-out: stored + visible in all 500 boxes after s", "fanout_accepted_s", "fanout_stored_s",
        "lower", "< 0.050 s", _fanout_ok, 3),
    Row("fan-out: in-process deliver() of 1 MB × 500, s", "fanout_inproc_s", None,
        "lower", "< 0.050 s", _below(0.050), 3),
    Row("fan-out: blob storage MB", "fanout_blob_mb", "fanout_disk_mb", "lower", "≈ 1 MB (≤ 1.5)",
        lambda c, _p, _f: None if c is None else c <= 1.5, 2),
    Row("fan-out: whole data folder MB", "fanout_data_dir_mb", "fanout_disk_mb", "lower", "", _none, 2),
    Row("header FETCH 100k, first after restart: SELECT s", "fetch_cold_select_s", "fetch_cold_select_s",
        "lower", "", _none, 3),
    Row("header FETCH 100k, first after restart: msg/s", "fetch_cold_msgs_per_s", "fetch_cold_msgs_per_s",
        "higher", "≥ 20× (DESIGN)", _ratio_at_least(20), 0),
    Row("  same, vs Dovecot with its index kept (page cache dropped)", "fetch_cold_msgs_per_s",
        "fetch_index_kept_msgs_per_s", "higher", "", _none, 0),
    Row("header FETCH 100k, warm: msg/s (imap_load.py)", "fetch_warm_msgs_per_s", "fetch_warm_msgs_per_s",
        "higher", "≥ 3×", _ratio_at_least(3), 0),
    Row("header FETCH 100k, warm: s (imap_load.py)", "fetch_warm_s", "fetch_warm_s", "lower", "", _none, 3),
    Row("header FETCH 100k, warm: msg/s (imap_fetch_lean.py)", "fetch_lean_warm_msgs_per_s",
        "fetch_lean_warm_msgs_per_s", "higher", "≥ 3×", _ratio_at_least(3), 0),
    Row("SEARCH TEXT khẩn, first after cache drop: s", "search_khan_diacritics_cold_s",
        "search_khan_diacritics_cold_s", "lower", "", _none, 3),
    Row("SEARCH TEXT khẩn, warm: s", "search_khan_diacritics_warm_s", "search_khan_diacritics_warm_s",
        "lower", "< 0.050 s", _below(0.050), 3),
    Row("SEARCH TEXT khẩn: hits", "search_khan_diacritics_hits", "search_khan_diacritics_hits",
        "higher", "", _none, 0),
    Row("SEARCH TEXT khan (folded), warm: s", "search_khan_warm_s", "search_khan_warm_s", "lower",
        "< 0.050 s, hits ≥ khẩn's", _folded, 3),
    Row("SEARCH TEXT khan: hits", "search_khan_hits", "search_khan_hits", "higher", "", _none, 0),
    Row("SEARCH TEXT eoffice, warm: s", "search_eoffice_warm_s", "search_eoffice_warm_s", "lower", "",
        _none, 3),
]
# fmt: on


def _fmt(v: Any, nd: int) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, int | float):
        return f"{v:,.{nd}f}"
    return str(v)


def table(figures: dict[str, Any], peer: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    rows = []
    lines = ["| figure | Congvu | peers | ratio | target | met? |", "|---|---|---|---|---|---|"]
    for row in ROWS:
        c = figures.get(row.congvu_key)
        p = peer.get(row.peer_key) if row.peer_key else None
        ratio = _r(c, p, row.better)
        met = row.met(c, p, figures)
        rows.append(
            {"figure": row.figure, "congvu": c, "peers": p, "ratio": ratio, "target": row.target, "met": met}
        )
        mark = "" if met is None else ("yes" if met else "NO")
        rtxt = "" if ratio is None else f"{ratio:,.1f}×"
        lines.append(
            f"| {row.figure} | {_fmt(c, row.nd)} | {_fmt(p, row.nd)} | {rtxt} | {row.target} | {mark} |"
        )
    return "\n".join(lines), rows


# ---------------------------------------------------------------- main


def parse(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m bench foundation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--peers", type=Path, default=peerlib.DEFAULT_RESULTS, help="run_peers.sh JSONL to compare with"
    )
    ap.add_argument(
        "--with-peers",
        action="store_true",
        help="measure the peers first (root; peers.run_peers: setup, fill, run_peers.sh, stop), into --peers",
    )
    ap.add_argument("--peer-runs", type=int, default=2)
    ap.add_argument("--out", type=Path, help="write every figure as JSON here")
    ap.add_argument(
        "--blocks", default=",".join(BLOCKS), help=f"comma-separated subset of {','.join(BLOCKS)}"
    )
    ap.add_argument("--runs", type=int, default=2, help="repetitions of the SMTP block")
    ap.add_argument("--bulk", type=int, default=100_000, help="messages in the bulk folder")
    ap.add_argument("--populate", choices=("inproc", "smtp"), default="inproc", help="how to fill it")
    ap.add_argument("--keep", action="store_true", help="keep the temp data folder")
    ap.add_argument("--data-dir", type=Path, help="use this folder instead of a temp one (must not exist)")
    ap.add_argument("--profile", type=Path, help="py-spy the server during each block, raw stacks into DIR")
    ap.add_argument("--workers", type=int, default=1, help="`congvu serve --workers N` (server processes)")
    ap.add_argument("--database-url", default="", help="an empty database to use instead of SQLite")
    return ap.parse_args(argv)


def main(argv: list[str]) -> int:
    a = parse(argv)
    blocks = [b.strip() for b in a.blocks.split(",") if b.strip()]
    figures: dict[str, Any] = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "blocks": blocks, "skipped": {}}
    pb = peerlib.peerbench_dir()
    tools = Tools(pb)
    if a.with_peers:
        a.peers.unlink(missing_ok=True)  # this session's figures only
        peerlib.run_peers(a.peers, ["smtp", "fanout", "fetch", "search"], a.peer_runs, log)
    peer: dict[str, Any] = {}
    if a.peers.is_file():
        peer = peerlib.reduce(peerlib.load(a.peers))
        figures["peers_file"] = str(a.peers)
    else:
        log(f"no peer results at {a.peers}: the peers column stays empty (see ../shared/peerbench/README.md)")
    figures["peers"] = peer
    with open("/proc/loadavg") as f:
        figures["loadavg_start"] = f.read().split()[:3]

    tmp = Path(tempfile.mkdtemp(prefix="congvu-bench-"))
    data_dir = a.data_dir or tmp / "data"
    server = Congvu(data_dir, workers=a.workers, database_url=a.database_url)
    if a.profile is not None:
        server.profiler = Profiler(a.profile)
    try:
        _run(a, blocks, server, tools, tmp, figures)
    finally:
        server.stop()
        if server.profiler is not None:
            figures["profile"] = server.profiler.results()
        with open("/proc/loadavg") as f:
            figures["loadavg_end"] = f.read().split()[:3]
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            log(f"kept {tmp}")
    if "smtp_stored_count" in figures:
        figures["smtp_missing"] = (
            figures["smtp_errors"]
            + figures["smtp_accepted_count"]
            - min(figures["smtp_stored_count"], figures["smtp_accepted_count"])
            + (5000 * len(figures.get("smtp_runs", [])) - figures["smtp_accepted_count"])
        )
    figures.pop("_inbox_counts", None)
    text, rows = table(figures, peer)
    figures["table"] = rows
    print()
    print(
        f"Congvu foundation benchmark, {figures['date']} (peers: {figures.get('peers_file', 'none')}, "
        f"measured {peer.get('_date', '?')})"
    )
    print(text)
    if figures.get("fetch_exists") not in (None, 100_000):
        print(f"note: the bulk folder holds {figures['fetch_exists']:,} messages (peers: 100,000)")
    for name, why in figures["skipped"].items():
        print(f"skipped {name}: {why}")
    if peer.get("_machine"):
        print(f"machine: {json.dumps(peer['_machine'], ensure_ascii=False)}")
    print(
        f"load average at start {' '.join(figures['loadavg_start'])}, "
        f"at end {' '.join(figures['loadavg_end'])}"
    )
    for name, prof in figures.get("profile", {}).items():
        print(f"\nprofile {name} ({prof['samples']} samples), top self time:")
        for fn, share in prof["self_pct"][:12]:
            print(f"  {share:5.1f}%  {fn}")
    if a.out:
        a.out.write_text(json.dumps(figures, ensure_ascii=False, indent=1, default=str))
        log(f"figures written to {a.out}")
    return 0


def _run(
    a: argparse.Namespace, blocks: list[str], server: Congvu, tools: Tools, tmp: Path, figures: dict[str, Any]
) -> None:
    def attempt(name: str, fn: Callable[[], None]) -> bool:
        try:
            if server.profiler is not None:
                server.profiler.block = name
                if server.proc is not None:
                    server.profiler.attach(server.proc.pid)
            fn()
            return True
        except Skip as exc:
            figures["skipped"][name] = str(exc)
            log(f"SKIPPED {name}: {exc}")
            return False
        except (subprocess.TimeoutExpired, OSError, KeyError, ValueError, json.JSONDecodeError) as exc:
            figures["skipped"][name] = f"{type(exc).__name__}: {exc}"
            log(f"FAILED {name}: {exc!r}\n{server.log_tail()}")
            return False
        finally:
            if server.profiler is not None:
                server.profiler.detach()

    def setup() -> None:
        log(
            f"congvu init in {server.data_dir}; "
            f"SMTP 127.0.0.1:{server.smtp_port}, IMAP 127.0.0.1:{server.imap_port}"
        )
        server.init()
        t0 = time.perf_counter()
        how = server.add_accounts([*USERS, BULK])
        figures["accounts"] = {"how": how, "count": len(USERS) + 1, "s": round(time.perf_counter() - t0, 1)}
        log(f"  1,001 accounts in {figures['accounts']['s']} s ({how})")
        server.start()

    if not attempt("setup", setup):
        for b in blocks:
            figures["skipped"].setdefault(b, "setup failed")
        return
    steps: dict[str, Callable[[], None]] = {
        "smtp": lambda: block_smtp(server, tools, tmp, a.runs, figures),
        "fanout": lambda: block_fanout(server, tools, tmp, figures),
        "populate": lambda: block_populate(server, tools, a.bulk, a.populate, figures),
        "fetch": lambda: block_fetch(server, tools, figures),
        "search": lambda: block_search(server, tools, figures),
        "store": lambda: block_store(server, tools, figures),
    }
    bulk_ok = False
    for b in blocks:
        if b not in steps:
            figures["skipped"][b] = "unknown block"
        elif b in ("fetch", "search") and not bulk_ok:
            figures["skipped"][b] = "the bulk folder was not populated (block populate)"
            log(f"SKIPPED {b}: the bulk folder was not populated")
        else:
            ok = attempt(b, steps[b])
            bulk_ok = bulk_ok or (b == "populate" and ok)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
