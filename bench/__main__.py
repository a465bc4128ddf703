"""Run benchmarks: ``python -m bench [NAME …] [-- ARGS]``; with no NAME, every module in bench/."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def _names() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    args, rest = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    names = args or _names()
    status = 0
    for name in names:
        print(f"=== bench {name}", flush=True)
        module = importlib.import_module(f"bench.{name}")
        status |= int(module.main(rest) or 0)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
