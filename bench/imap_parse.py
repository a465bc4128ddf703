"""IMAP command parse rate for a realistic client mix (issue 11; DESIGN.md "Performance").

``python -m bench imap_parse [-- --commands N --rounds R --chunk BYTES]`` builds a stream of
N commands weighted like a day of desktop and phone clients: header and flag FETCHes
(Thunderbird, K-9, Apple Mail styles), CONDSTORE flag resyncs, UID STORE, NOOP, IDLE/DONE,
UID SEARCH with a literal, SELECT, LIST, STATUS and a few APPENDs of 20 KB. The stream is fed
to one `CommandParser` in chunks of ``--chunk`` bytes (as a socket delivers it) and drained;
the best of R rounds is printed as commands/s and MB/s of CPU time (process time, so other
work on a busy machine does not distort it), plus the hot path alone (FETCH, STORE, NOOP and
IDLE lines). Nothing is asserted (tests never assert a time).
"""

from __future__ import annotations

import argparse
import random
import time

from congvu.imap.grammar import CommandParser, Idle, LiteralMode, NeedContinuation, ParseError, ParserLimits

HEADERS = (
    b"BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID Priority X-Priority References "
    b"Newsgroups In-Reply-To Content-Type Reply-To)]"
)
BODY = b"Subject: =?UTF-8?B?Q8O0bmcgdsSDbiDEkeG6v24=?=\r\n\r\n" + b"x" * 20_000


def _mix(n: int, seed: int = 11) -> tuple[bytes, bytes]:
    rnd = random.Random(seed)
    hot: list[bytes] = []
    cold: list[bytes] = []
    for i in range(n):
        uid = rnd.randrange(1, 100_000)
        roll = rnd.random()
        tag = b"a%d" % i
        if roll < 0.30:
            line = tag + b" UID FETCH %d:%d (UID RFC822.SIZE FLAGS %s)\r\n" % (uid, uid + 50, HEADERS)
        elif roll < 0.45:
            line = tag + b" UID FETCH 1:* (FLAGS) (CHANGEDSINCE %d)\r\n" % (uid * 1000)
        elif roll < 0.55:
            line = tag + b" UID FETCH %d (UID RFC822.SIZE FLAGS BODY.PEEK[])\r\n" % uid
        elif roll < 0.63:
            line = tag + b" UID FETCH %d (BODYSTRUCTURE ENVELOPE INTERNALDATE)\r\n" % uid
        elif roll < 0.73:
            line = tag + b" UID STORE %d +FLAGS.SILENT (\\Seen)\r\n" % uid
        elif roll < 0.83:
            line = tag + b" NOOP\r\n"
        elif roll < 0.88:
            line = tag + b" IDLE\r\nDONE\r\n"
        elif roll < 0.91:
            word = "công văn khẩn".encode()
            cold.append(tag + b" UID SEARCH CHARSET UTF-8 TEXT {%d+}\r\n%s\r\n" % (len(word), word))
            continue
        elif roll < 0.94:
            cold.append(tag + b' SELECT "C&APQ-ng v&AQM-n &AREevw-n" (CONDSTORE)\r\n')
            continue
        elif roll < 0.96:
            cold.append(tag + b' LIST "" "*" RETURN (SPECIAL-USE STATUS (MESSAGES UNSEEN))\r\n')
            continue
        elif roll < 0.99:
            cold.append(tag + b' STATUS "Sent" (MESSAGES UIDNEXT UNSEEN)\r\n')
            continue
        else:
            cold.append(tag + b" APPEND Sent (\\Seen) {%d+}\r\n%s\r\n" % (len(BODY), BODY))
            continue
        hot.append(line)
    return b"".join(hot), b"".join(hot + cold)


def _run(stream: bytes, chunk: int) -> int:
    parser = CommandParser(ParserLimits(literal_mode=LiteralMode.PLUS))
    count = 0
    feed = parser.feed
    nxt = parser.next
    for start in range(0, len(stream), chunk):
        feed(stream[start : start + chunk])
        while (item := nxt()) is not None:
            if isinstance(item, ParseError | NeedContinuation):
                raise SystemExit(f"unexpected {item!r}")
            count += 1
            if isinstance(item, Idle):
                parser.expect_line()
    return count


def _best(stream: bytes, chunk: int, rounds: int) -> tuple[float, int]:
    best = float("inf")
    count = 0
    for _ in range(rounds):
        t0 = time.process_time()
        count = _run(stream, chunk)
        best = min(best, time.process_time() - t0)
    return best, count


def main(argv: list[str]) -> int:
    args_parser = argparse.ArgumentParser(prog="bench imap_parse")
    args_parser.add_argument("--commands", type=int, default=50_000)
    args_parser.add_argument("--rounds", type=int, default=5)
    args_parser.add_argument("--chunk", type=int, default=16_384)
    args = args_parser.parse_args(argv)
    hot, mixed = _mix(args.commands)
    for label, stream in (("realistic mix", mixed), ("hot path only (FETCH/STORE/NOOP/IDLE)", hot)):
        seconds, count = _best(stream, args.chunk, args.rounds)
        print(
            f"{label}: {count} results, {len(stream) / 1e6:.1f} MB in {seconds:.3f} s = "
            f"{count / seconds:,.0f} commands/s, {len(stream) / seconds / 1e6:.1f} MB/s "
            f"of CPU (chunks of {args.chunk} B, best of {args.rounds})"
        )
    return 0
