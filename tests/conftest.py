from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# The default run keeps to two cores' worth of time; `--hypothesis-profile=thorough` searches much further.
settings.register_profile("default", max_examples=40, deadline=None)
settings.register_profile("thorough", max_examples=600, deadline=None)
# Fuzzing: the any-input properties of test_hostile.py with a large budget (README, Development).
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "suqian-office-2013-mirror.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def seed_report():
    from suqian_report import extract

    return extract(SEED.read_bytes(), path="samples/suqian-office-2013-mirror.txt")


# Character error rates measured by the round-trip tests, printed at the end of the run.
CER: dict[str, list[float]] = {}


# Scanned copies read by OCR (test_ocr.py): what was read as the text layer reads it, and the time per page.
OCR: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter):
    if OCR:
        terminalreporter.section("scans read by OCR, against the text layer of the same PDF")
        for name, line in OCR.items():
            terminalreporter.write_line(f"{name:32} {line}")
    if not CER:
        return
    terminalreporter.section("repair round trip: character error rate by damage kind")
    terminalreporter.write_line(f"{'damage':44} {'cases':>6} {'mean CER':>10} {'max CER':>10}")
    for kind in sorted(CER):
        values = CER[kind]
        terminalreporter.write_line(
            f"{kind:44} {len(values):>6} {sum(values) / len(values):>10.4%} {max(values):>10.4%}"
        )


# ---------------------------------------------------------------- a real browser (Debian's Chromium, driven by Playwright)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    not CHROMIUM and not os.environ.get("SUQIAN_REQUIRE_BROWSER"),
    reason="no chromium on this machine (CI installs Debian's)",
)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.fail("SUQIAN_REQUIRE_BROWSER is set but chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()
