"""IMAP response serializer throughput (issue 11 item 3; DESIGN.md IMAP header-FETCH target).

``python -m bench imap_serialize [-- --messages N --rounds R]`` builds N messages'
precomputed fragments (UID, flags, size, the ``HEADER.FIELDS (FROM TO SUBJECT DATE)``
bytes a store keeps from ingest) and times the bytes a server writes for
``UID FETCH 1:* (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE)])``:

* the fast path ``HeaderFetchWriter.lines`` (aim: above 1,000,000 messages/s);
* the general typed path ``serialize_many`` over ``responses.Fetch`` objects (objects
  built outside the timed loop, then included in a second figure).

Best CPU time of R rounds is printed (``time.process_time``, so a busy shared machine does
not halve the figure); nothing here is asserted (tests never assert a time).
"""

from __future__ import annotations

import argparse
import random
import time

from congvu.imap.grammar import HeaderFetchWriter, serialize_many
from congvu.imap.grammar import responses as r

SECTION = "HEADER.FIELDS (FROM TO SUBJECT DATE)"
FLAG_SETS: list[tuple[str, ...]] = [(), ("\\Seen",), ("\\Seen", "\\Answered"), ("\\Seen", "\\Flagged")]


def _rows(n: int) -> list[tuple[int, int, tuple[str, ...], int, bytes]]:
    rnd = random.Random(11)
    rows = []
    for i in range(1, n + 1):
        header = (
            f"From: Nguyen Van {i % 997} <user{i % 1000:04d}@tinh.gov.vn>\r\n"
            f"To: vanthu@tinh.gov.vn\r\n"
            f"Subject: =?UTF-8?B?VsSDbiBi4bqjbiDEkeG6v24gc+G7kQ==?= {i}\r\n"
            f"Date: Wed, 25 Nov 2026 09:{i % 60:02d}:00 +0700\r\n\r\n"
        ).encode("ascii")
        flags = FLAG_SETS[rnd.randrange(len(FLAG_SETS))]
        rows.append((i, 1000 + i, flags, 2000 + rnd.randrange(50_000), header))
    return rows


def _best(fn: object, rounds: int) -> tuple[float, int]:
    """Best CPU time of *rounds* calls (CPU, not wall, time: other work on a shared machine
    would otherwise be counted) and the output size."""
    best = float("inf")
    size = 0
    for _ in range(rounds):
        t0 = time.process_time()
        out = fn()  # type: ignore[operator]
        best = min(best, time.process_time() - t0)
        size = len(out)
    return best, size


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench imap_serialize")
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    n = args.messages
    rows = _rows(n)

    writer = HeaderFetchWriter(SECTION)
    fast, size = _best(lambda: writer.lines(rows), args.rounds)
    print(f"fast path  HeaderFetchWriter.lines: {n / fast:>12,.0f} messages/s", end="")
    print(f"  ({fast * 1e3:.1f} ms CPU, {size:,} bytes)")

    def build() -> list[r.Fetch]:
        return [
            r.Fetch(
                seq,
                (
                    r.FetchUid(uid),
                    r.FetchFlags(flags),
                    r.FetchSize(sz),
                    r.FetchSection(SECTION, header),
                ),
            )
            for seq, uid, flags, sz, header in rows
        ]

    objects = build()
    typed, size2 = _best(lambda: serialize_many(objects), args.rounds)
    print(f"typed path serialize_many(Fetch):   {n / typed:>12,.0f} messages/s", end="")
    print(f"  ({typed * 1e3:.1f} ms CPU, {size2:,} bytes)")
    both, _ = _best(lambda: serialize_many(build()), args.rounds)
    print(f"typed path incl. building objects:  {n / both:>12,.0f} messages/s  ({both * 1e3:.1f} ms CPU)")
    same = writer.lines(rows) == serialize_many(objects)
    print(f"fast and typed output identical: {same}")
    return 0 if same else 1
