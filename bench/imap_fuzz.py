"""Coverage-guided fuzzing of the IMAP command parser with atheris (issue 11 "how it is checked").

``python -m bench imap_fuzz [-- --seconds S --runs N --corpus DIR]`` runs libFuzzer (through
atheris) over `CommandParser` in a child process, seeded with the RFC command vectors of
``tests/imap_grammar/test_parse_rfc_vectors.py`` and the client sessions of
``test_parse_clients.py``. The first input byte chooses the chunk size, literal mode, UTF-8
mode and line-mode switching, so framing, literals and resynchronisation are all exercised.
A crash is any exception escaping the parser's internals, an INTERNAL error, a result of an
unexpected type, a buffer above the limits, or a parsed command whose serialisation
(`command_writer.serialize_command`) does not parse back to the same value.
The test suite runs a short bounded version (``tests/imap_grammar/test_fuzz_commands.py``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SEEDS_EXTRA = [
    b"a IDLE\r\nDONE\r\n",
    b"a AUTHENTICATE PLAIN\r\nAGZyZWQAc2VjcmV0\r\n",
    b"a APPEND INBOX {5000+}\r\n" + b"x" * 10 + b"\r\n",
    b"a SEARCH NOT NOT NOT OR (ALL) 1:*,$ UID 4:2\r\n",
]


def seeds() -> list[bytes]:
    """The RFC vectors and client sessions (when the tests are importable) plus framing edge cases."""
    try:
        from tests.imap_grammar.test_parse_clients import SESSIONS
        from tests.imap_grammar.test_parse_rfc_vectors import VECTORS
    except ImportError:  # pragma: no cover - bench run outside the repository
        return list(SEEDS_EXTRA)
    sessions = [b"".join(lines) for lines in SESSIONS.values()]
    return [wire for wire, _ in VECTORS] + sessions + SEEDS_EXTRA


def write_corpus(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(seeds()):
        for control in (0, 0x45, 0xC3):
            (directory / f"seed-{i:03d}-{control:02x}").write_bytes(bytes([control]) + seed)


def _child(libfuzzer_args: list[str]) -> int:
    import atheris

    with atheris.instrument_imports():
        from congvu.imap.grammar import command_writer, commands, limits, parser

    modes = (limits.LiteralMode.MINUS, limits.LiteralMode.PLUS, limits.LiteralMode.NONE)

    def one_input(data: bytes) -> None:
        if not data:
            return
        control, body = data[0], data[1:]
        lim = limits.ParserLimits(
            max_line=256, max_literal=512, max_command=2048, max_depth=8, literal_mode=modes[control % 3]
        )
        utf8 = bool(control & 0x80)
        p = parser.CommandParser(lim, utf8=utf8)
        size = 1 + (control >> 2) % 23
        for start in range(0, len(body), size):
            chunk = body[start : start + size]
            p.feed(chunk)
            while (item := p._next()) is not None:
                if isinstance(item, parser.ParseError):
                    if item.reason == "imap.parse.internal":
                        raise AssertionError(item)
                elif isinstance(item, commands.Command):
                    wire = command_writer.serialize_command(item, utf8=utf8)
                    again = parser.parse_command(wire, utf8=utf8)
                    if again != item:
                        raise AssertionError(f"round trip {item!r} -> {wire!r} -> {again!r}")
                    if isinstance(item, commands.Idle | commands.Authenticate) and control & 0x40:
                        p.expect_line()
                elif not isinstance(item, commands.NeedContinuation | commands.ClientLine):
                    raise AssertionError(f"unexpected result {item!r}")
            if p.buffered > lim.max_command + lim.max_line + len(chunk) + 2:
                raise AssertionError(f"parser holds {p.buffered} bytes")

    atheris.Setup([sys.argv[0], *libfuzzer_args], one_input)
    atheris.Fuzz()
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return _child(argv[1:])
    args_parser = argparse.ArgumentParser(prog="bench imap_fuzz")
    args_parser.add_argument("--seconds", type=int, default=60, help="libFuzzer -max_total_time")
    args_parser.add_argument("--runs", type=int, default=-1, help="libFuzzer -runs (-1: no limit)")
    args_parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (kept and grown)")
    args = args_parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="imap-fuzz-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        write_corpus(corpus)
        command = [
            sys.executable, "-m", "bench.imap_fuzz", "--child",
            f"-max_total_time={args.seconds}", f"-runs={args.runs}", "-max_len=4096",
            f"-artifact_prefix={tmp}/", str(corpus),
        ]  # fmt: skip
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
        done = subprocess.run(command, env=env, check=False)
        for crash in Path(tmp).glob("crash-*"):
            print(f"crash input: {crash.read_bytes()!r}")
        print(f"imap_fuzz: libFuzzer exit status {done.returncode} ({args.seconds} s budget)")
        return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
