"""A short, bounded atheris run over the command parser, seeded with the RFC vectors.

The longer run is ``python -m bench imap_fuzz`` (``-- --seconds N``). libFuzzer exits its
process when done, so the harness runs in a child interpreter; the test is skipped when
atheris is not installed (it is an x86-64-only dev dependency).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.imap_fuzz import write_corpus

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is not installed")
def test_short_fuzz_run_finds_no_crash(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    command = [
        sys.executable, "-m", "bench.imap_fuzz", "--child",
        "-runs=3000", "-max_len=2048", "-seed=11", f"-artifact_prefix={tmp_path}/", str(corpus),
    ]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=240, check=False)
    crashes = [p.read_bytes() for p in tmp_path.glob("crash-*")]
    assert done.returncode == 0, (crashes, done.stderr.decode(errors="replace")[-3000:])
    assert not crashes
