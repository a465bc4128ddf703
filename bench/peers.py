"""Peer figures for the foundation benchmark: run `../shared/peerbench` and read its JSONL output.

The peer benchmark (Postfix 3.7 + Dovecot 2.3, `../shared/peerbench/README.md`) writes one JSON
object per line; each measurement is told apart by its ``label``. This module finds the
peerbench folder, runs ``run_peers.sh`` when asked (root only, peers already set up), and reduces
the records to the medians the foundation benchmark compares with (issue 9), using the same labels
as peerbench's own ``summarize.py``. Nothing of peerbench is copied here: its scripts are run by
path.

Run alone: ``python -m bench.peers [FILE]`` prints the reduced peer figures of FILE as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

DEFAULT_RESULTS = Path("/var/tmp/peer-results.jsonl")
REPO = Path(__file__).resolve().parent.parent

# labels written by run_peers.sh (see its block_* functions); prefixes, as summarize.py matches them
SMTP_LABEL = "postfix+dovecot 5000x10KB 20 conns, 1,000 users"
FANOUT_LABEL = "fan-out 1 MB x 500 rcpts"
FANOUT_DISK_LABEL = "fan-out disk"
FETCH_COLD_LABEL = "fetch-headers bulk100k: no index"
FETCH_INDEX_LABEL = "fetch-headers bulk100k: index present"
SEARCH_LABELS = {
    "khẩn": "search bulk100k TEXT khẩn",
    "eoffice": "search bulk100k TEXT eoffice",
    "khan": "search bulk100k TEXT khan",
}
# written by run_lean_fetch() below (not by run_peers.sh): the lean client against Dovecot, warm
LEAN_LABEL = "imap_fetch_lean dovecot bulk100k warm"

Record = dict[str, Any]


def peerbench_dir() -> Path:
    """The peerbench folder: $CONGVU_PEERBENCH, else ``../shared/peerbench`` beside the repo."""
    env = os.environ.get("CONGVU_PEERBENCH")
    if env:
        return Path(env)
    for cand in (REPO.parent / "shared" / "peerbench", Path("/work/shared/peerbench")):
        if (cand / "smtp_load.py").is_file():
            return cand
    return REPO.parent / "shared" / "peerbench"


def load(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _median(xs: Iterable[float | int | None]) -> float | None:
    vals = [float(x) for x in xs if x is not None]
    return statistics.median(vals) if vals else None


def _spread(xs: Iterable[float | int | None]) -> tuple[float, float] | None:
    vals = [float(x) for x in xs if x is not None]
    return (min(vals), max(vals)) if vals else None


def reduce(records: list[Record]) -> dict[str, Any]:
    """Medians of the figures the foundation benchmark compares with; None where a block is missing."""

    def lab(prefix: str) -> list[Record]:
        return [r for r in records if str(r.get("label", "")).startswith(prefix)]

    out: dict[str, Any] = {}
    spreads: dict[str, tuple[float, float] | None] = {}

    def put(key: str, xs: list[float | int | None]) -> None:
        out[key] = _median(xs)
        spreads[key] = _spread(xs)
        out.setdefault("_n", {})[key] = len([x for x in xs if x is not None])

    smtp = lab(SMTP_LABEL)
    put("smtp_accepted_msgs_per_s", [r.get("accepted_msgs_per_s") for r in smtp])
    put("smtp_stored_msgs_per_s", [r.get("delivered_msgs_per_s") for r in smtp])
    put("smtp_p50_ms", [r.get("latency_ms", {}).get("p50") for r in smtp])
    put("smtp_p99_ms", [r.get("latency_ms", {}).get("p99") for r in smtp])
    put(
        "smtp_errors_or_missing",
        [r.get("errors", 0) + r.get("deliveries_expected", 0) - r.get("deliveries_seen", 0) for r in smtp],
    )
    fo = lab(FANOUT_LABEL)
    put("fanout_accepted_s", [r.get("elapsed_s") for r in fo])
    put("fanout_stored_s", [r.get("delivered_s") for r in fo])
    fd = lab(FANOUT_DISK_LABEL)
    put("fanout_disk_mb", [r["du_delta_kb"] / 1024 for r in fd if "du_delta_kb" in r])
    cold = lab(FETCH_COLD_LABEL)
    put("fetch_cold_select_s", [r.get("select_s") for r in cold])
    put("fetch_cold_s", [r["runs"][0]["fetch_s"] for r in cold if r.get("runs")])
    put("fetch_cold_msgs_per_s", [r["runs"][0]["msgs_per_s"] for r in cold if r.get("runs")])
    put("fetch_warm_s", [x["fetch_s"] for r in cold for x in r.get("runs", [])[1:]])
    put("fetch_warm_msgs_per_s", [x["msgs_per_s"] for r in cold for x in r.get("runs", [])[1:]])
    put(
        "fetch_index_kept_msgs_per_s",
        [r["runs"][0]["msgs_per_s"] for r in lab(FETCH_INDEX_LABEL) if r.get("runs")],
    )
    lean = lab(LEAN_LABEL)
    put("fetch_lean_warm_msgs_per_s", [r.get("msgs_per_s") for r in lean])
    put("fetch_lean_warm_s", [r.get("fetch_s") for r in lean])
    for word, prefix in SEARCH_LABELS.items():
        rs = lab(prefix)
        key = "search_" + ("khan_diacritics" if word == "khẩn" else word)
        if word == "khẩn":
            put(key + "_cold_s", [r["runs"][0]["search_s"] for r in rs if r.get("runs")])
            put(key + "_warm_s", [x["search_s"] for r in rs for x in r.get("runs", [])[1:]])
        else:
            put(key + "_warm_s", [x["search_s"] for r in rs for x in r.get("runs", [])])
        put(key + "_hits", [x["hits"] for r in rs for x in r.get("runs", [])])
    out["_spread"] = spreads
    machine = [r for r in records if "machine" in r]
    if machine:
        out["_machine"] = machine[0]["machine"]
        out["_date"] = machine[0].get("date")
        out["_loadavg"] = machine[0].get("loadavg")
    return out


WRITABLE_COPY = Path("/var/tmp/peerbench-copy")
MAILBENCH = Path("/var/tmp/mailbench")


def writable_peerbench(log: Callable[[str], None] = print) -> Path:
    """The peerbench folder if writable, else a copy in /var/tmp/peerbench-copy (made once).

    run_peers.sh keeps a .venv (aiosmtpd for its sink block) and results/ in its own folder, and
    ../shared is read-only. The copy is outside the repository and never committed.
    """
    pb = peerbench_dir()
    if os.access(pb, os.W_OK):
        return pb
    if not (WRITABLE_COPY / "run_peers.sh").is_file():
        log(f"peers: copying {pb} to {WRITABLE_COPY} (read-only source)")
        shutil.copytree(pb, WRITABLE_COPY, dirs_exist_ok=True)
        for root, dirs, files in os.walk(WRITABLE_COPY):
            for name in [*dirs, *files]:
                p = Path(root) / name
                p.chmod(p.stat().st_mode | 0o200)
        WRITABLE_COPY.chmod(0o755)
    return WRITABLE_COPY


def run_peers(out: Path, blocks: list[str], runs: int = 2, log: Callable[[str], None] = print) -> int:
    """The whole peer measurement in one call (root): set up, fill, run, add the lean FETCH, stop.

    Follows ../shared/peerbench/README.md: ``peers/setup.sh start``, bulk100k filled through
    ``populate.py --via maildir`` when it holds fewer than 100,000 files, ``run_peers.sh`` with
    RUNS and OUT, `run_lean_fetch`, then ``peers/stop.sh`` so the peers do not disturb Congvu's run.
    Debian's postfix, dovecot-imapd, dovecot-lmtpd and bc must be installed.
    """
    pb = writable_peerbench(log)
    venv = pb / ".venv" / "bin" / "python"
    if not venv.exists():
        log("peers: creating the peerbench venv (aiosmtpd, uvloop)")
        subprocess.run(["python3", "-m", "venv", str(pb / ".venv")], check=True)
        subprocess.run(
            [str(venv), "-m", "pip", "install", "-q", "-r", str(pb / "requirements.txt")], check=True
        )
    subprocess.run(["sh", str(pb / "peers" / "setup.sh"), "start"], check=True, cwd=pb)
    try:
        box = MAILBENCH / "dv" / "mail" / "tinh.gov.vn" / "bulk100k" / "Maildir"
        have = sum(1 for _ in (box / "cur").iterdir()) if (box / "cur").is_dir() else 0
        if have < 100_000:
            log(f"peers: filling {box} (populate.py --via maildir --count 100000)")
            subprocess.run(
                ["python3", "populate.py", "--via", "maildir", "--count", "100000", "--maildir", str(box),
                 "--chown", "vmail"], check=True, cwd=pb,
            )  # fmt: skip
        env = dict(os.environ, RUNS=str(runs), OUT=str(out))
        log(f"peers: bash run_peers.sh {' '.join(blocks)} (RUNS={runs}, OUT={out})")
        rc = subprocess.call(["bash", str(pb / "run_peers.sh"), *blocks], env=env, cwd=pb)
        if "fetch" in blocks:
            run_lean_fetch(out)
    finally:
        subprocess.run(["sh", str(pb / "peers" / "stop.sh")], check=False, cwd=pb)
        log("peers: stopped")
    return rc


def run_lean_fetch(out: Path, port: int = 1143, repeat: int = 3) -> int:
    """Warm header FETCH of Dovecot's bulk100k with peerbench's lean client, appended to `out`.

    run_peers.sh measures Dovecot with imap_load.py only; the lean client is what Congvu is
    measured with as well when imap_load.py's parsing becomes the bottleneck, so both servers
    are read with both clients.
    """
    pb = peerbench_dir()
    cmd = [
        sys.executable,
        str(pb / "imap_fetch_lean.py"),
        "--port",
        str(port),
        "--user",
        "bulk100k@tinh.gov.vn",
        "--password",
        "Bench-2025",
        "--repeat",
        str(repeat),
        "--label",
        LEAN_LABEL,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    with out.open("a", encoding="utf-8") as f:
        for ln in lines[1:]:  # the first repetition warms the cache
            f.write(ln + "\n")
    return proc.returncode


def main(argv: list[str]) -> int:
    files = [a for a in argv if not a.startswith("-")]  # `python -m bench` passes every module the same args
    path = Path(files[0]) if files else DEFAULT_RESULTS
    if not path.is_file():
        print(f"peers: no results file {path} (run ../shared/peerbench/run_peers.sh, see its README)")
        return 0
    print(json.dumps(reduce(load(path)), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
