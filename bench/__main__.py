"""`make bench`: runs main() of every bench/bench_*.py module, or of those named."""

import importlib
import pkgutil
import sys
from pathlib import Path

from bench.common import is_postgres, setup_django


def main(argv: list[str]) -> int:
    setup_django()
    if not is_postgres():
        print("The benchmarks measure PostgreSQL: set DATABASE_URL to a PostgreSQL server.")
        return 2
    here = Path(__file__).parent
    found = sorted(m.name for m in pkgutil.iter_modules([str(here)]))
    names = argv or [name for name in found if name.startswith("bench_")]
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"\n== {name} ==", flush=True)
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
