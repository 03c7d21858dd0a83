"""The benchmark keeps working: a smoke run of every section (its figures are not checked here: timings belong
to the benchmark, not to the tests)."""

import subprocess
import sys

from .conftest import ROOT


def test_the_benchmark_runs_every_section():
    p = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--smoke", "--against", "HEAD"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert p.returncode in (0, 1), p.stderr  # 1: a target missed, which a smoke run on a busy machine may
    for section in ("1. start-up", "2. one page", "3. gating", "4. batch", "5. one long page", "7. documents"):
        assert section in p.stdout, section
    assert "heavy libraries on the JSON path (-X importtime): none" in p.stdout
    assert "extract SAMPLE --format json (cold), HEAD" in p.stdout  # --against: another commit's start beside
    assert "targets" in p.stdout and "Traceback" not in p.stderr
