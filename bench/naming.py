"""Naming engines: addresses for a whole province in one batch (issue 10, RULES.md §2).

Generates, deterministically, 50,000 existing addresses and 50,000 people of a province spread
over 300 units (common Vietnamese family, middle and given names, so namesakes and clashes are
frequent), then proposes all 50,000 addresses in one batch with clash handling, per engine.
Target: under 2 s on one core per engine, so the figure judged is the CPU time of this
single-threaded process (the wall time is printed too: on a shared, loaded machine it is
larger). Prints the figures; asserts nothing.

    python -m bench naming [-- --people N --existing N --seed S]
"""

from __future__ import annotations

import argparse
import gc
import random
import time

from congvu.regulation.names import PersonName
from congvu.regulation.naming import (
    NamingConfig,
    PersonRequest,
    Taken,
    Unit,
    engine_for,
    propose,
)


def _words(text: str) -> list[str]:
    return text.split()


FAMILIES = _words(
    """
    Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Trương Mai
    Cầm Lò Lường Quàng Tòng Giàng Vàng Sùng Thào Thạch Sơn Danh Lâm Hà Cao Lưu Lương Đào Tạ
    """
)
MIDDLES = [
    "Văn",
    "Thị",
    "Ngọc",
    "Thanh",
    "Minh",
    "Hữu",
    "Đức",
    "Quốc",
    "Công",
    "Xuân",
    "Thu",
    "Thị Thanh",
    "Thị Kim",
    "Văn Hoàng",
    "Bảo",
    "Gia",
    "Thị Mỹ",
    "Đình",
    "Quang",
    "Hồng",
    "A",
    "",
]
GIVENS = _words(
    """
    An Bình Cường Dũng Giang Hà Hải Hạnh Hiền Hiếu Hòa Hùng Hương Huy Khánh Khoa Lan Linh Long
    Mai Minh Nam Nga Ngọc Nhung Phong Phúc Phương Quân Quỳnh Sơn Tâm Thảo Thắng Thủy Trang Trí
    Trung Tuấn Tùng Uyên Việt Vinh Xuân Yến Đạt Điệp Đông Ánh Páo Duyên Vân Hoa Hoàn Thông
    """
)
AGENCIES = [
    "Sở Thông tin và Truyền thông",
    "Sở Khoa học và Công nghệ",
    "Sở Nội vụ",
    "Sở Ngoại vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Tư pháp",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Văn hóa Thể thao và Du lịch",
    "Văn phòng tỉnh ủy",
    "Thanh tra tỉnh",
]
COMMUNES = ["Chiềng Cơi", "Mộc Châu", "Tô Hiệu", "Chiềng Sinh", "Mường La", "Quỳnh Nhai", "Thuận Châu"]
DIVISIONS = ["Phòng Hạ tầng", "Phòng Kế hoạch Tài chính", "Văn phòng", "Phòng Tổng hợp", "Phòng Kinh tế"]


def _units(rng: random.Random, count: int) -> list[Unit]:
    agencies = [Unit(name) for name in AGENCIES]
    agencies += [Unit(f"Ủy ban nhân dân xã {c} {i}", commune=True) for i in range(20) for c in COMMUNES]
    units: list[Unit] = list(agencies)
    while len(units) < count:
        units.append(Unit(rng.choice(DIVISIONS), parent=rng.choice(agencies)))
    return units


def _people(rng: random.Random, count: int, units: list[Unit]) -> list[PersonRequest]:
    return [
        PersonRequest(
            PersonName(rng.choice(FAMILIES), rng.choice(MIDDLES), rng.choice(GIVENS)),
            rng.choice(units),
            leader=rng.random() < 0.05,
            order=i,
        )
        for i in range(count)
    ]


def _existing(rng: random.Random, count: int) -> list[str]:
    letters = "abcdeghiklmnopqrstuvxy"
    out = set()
    while len(out) < count:
        stem = (
            "".join(rng.choice(letters) for _ in range(rng.randint(2, 4))) + rng.choice(GIVENS[:40]).lower()
        )
        out.add(stem if rng.random() < 0.5 else f"{stem}.{rng.choice(['sotttt', 'skhcn', 'snv'])}")
    return sorted(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench naming")
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--existing", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    units = _units(rng, 300)
    t0 = time.perf_counter()
    people = _people(rng, args.people, units)
    existing = _existing(rng, args.existing)
    t1 = time.perf_counter()
    print(
        f"generated {len(people):,} people in {len(units)} units and {len(existing):,} existing addresses "
        f"in {t1 - t0:.2f} s (PersonName construction included)"
    )
    status = 0
    gc.collect()
    for engine_name in ("st14", "qn20", "sl25"):
        engine = engine_for(NamingConfig(engine_name))  # type: ignore[arg-type]
        start, cpu_start = time.perf_counter(), time.process_time()
        taken = Taken(existing)
        proposals = propose(engine, people, taken)
        wall = time.perf_counter() - start
        elapsed = time.process_time() - cpu_start  # CPU time of this one-threaded process: "one core"
        clashes = sum(1 for p in proposals if p.local != p.plain)
        unresolved = sum(1 for p in proposals if p.local is None)
        advice = sum(1 for p in proposals if p.rerank is not None)
        distinct = len({p.local for p in proposals if p.local is not None})
        verdict = "ok" if elapsed < 2.0 else "SLOW (target < 2 s)"
        print(
            f"{engine_name}: {len(proposals):,} proposals against {len(existing):,} existing: "
            f"CPU {elapsed:.3f} s (wall {wall:.3f} s, {len(proposals) / elapsed:,.0f}/s CPU) · "
            f"clashes {clashes:,} · "
            f"re-rank advice {advice:,} · "
            f"no proposal {unresolved:,} · distinct {distinct:,} · {verdict}"
        )
        if elapsed >= 2.0:
            status = 1
        del proposals, taken  # the next engine starts without this one's 50,000 results alive
        gc.collect()
    return status
