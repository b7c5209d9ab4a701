"""Run every benchmark in this folder (``bench_*.py``) and print its figures: ``make bench``.

Each benchmark is a script that prints its own figures; pass ``--only NAME`` to run one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        if only and only not in script.stem:
            continue
        print(f"== {script.stem}", flush=True)
        failed += subprocess.run([sys.executable, str(script)], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
