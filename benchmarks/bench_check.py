"""Facts files checked per second (parse + fill + check), printed; not a test.

Usage: .venv/bin/python benchmarks/bench_check.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.audit import check_paths  # noqa: E402
from assistant.core import engine  # noqa: E402
from assistant.facts_io import dump_facts_yaml  # noqa: E402
from tests.factories import consistent_cells, facts, leaves_only  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rng = random.Random(1)
    items = [facts(leaves_only(consistent_cells(rng)), agency=f"测试局{i}") for i in range(n)]
    t = time.perf_counter()
    for f in items:
        engine.check(f)
    dt = time.perf_counter() - t
    print(f"engine only (fill + all rules, 200 cells): {n / dt:,.0f} reports/s ({dt / n * 1000:.2f} ms each)")
    with tempfile.TemporaryDirectory() as tmp:
        for i, f in enumerate(items):
            Path(tmp, f"f{i:04}.yaml").write_text(dump_facts_yaml(f), encoding="utf-8")
        t = time.perf_counter()
        results = check_paths([tmp])
        dt = time.perf_counter() - t
    assert len(results) == n and all(not r.errors for r in results)
    print(
        f"facts files (read YAML + parse + fill + check): {n / dt:,.0f} files/s ({dt / n * 1000:.2f} ms each)"
    )


if __name__ == "__main__":
    main()
