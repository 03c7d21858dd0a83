"""The compiled-pattern cache: used by the same interpreter only, never a reason for a different result."""

import os
import subprocess
import sys

from .conftest import ROOT, SEED


def _extract(cache: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SUQIAN_REPORT_CACHE": cache}
    return subprocess.run(
        [sys.executable, "-m", "suqian_report", "extract", str(SEED), "-f", "json"],
        capture_output=True,
        cwd=ROOT,
        env=env,
        check=True,
    )


def _loaded(cache: str) -> int:
    """How many patterns a new process takes from the cache when it imports the package."""
    code = "import re, suqian_report.regexcache as r; re._cache.clear(); r._entries.clear(); print(r.load())"
    env = {**os.environ, "SUQIAN_REPORT_CACHE": cache}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    return int(p.stdout)


def test_a_run_writes_the_cache_and_the_next_gives_the_same_output(tmp_path):
    first = _extract(str(tmp_path))
    (file,) = tmp_path.iterdir()
    assert file.name.startswith("regex-") and file.stat().st_size > 10_000
    assert _loaded(str(tmp_path)) > 200
    stamp = file.stat().st_mtime_ns
    second = _extract(str(tmp_path))
    assert second.stdout == first.stdout and second.stderr == first.stderr
    assert file.stat().st_mtime_ns == stamp  # nothing new to add: not written again
    without = _extract("")
    assert without.stdout == first.stdout


def test_a_damaged_or_foreign_file_is_ignored_and_replaced(tmp_path):
    reference = _extract("").stdout
    _extract(str(tmp_path))
    (file,) = tmp_path.iterdir()
    good = file.read_bytes()
    for bad in (b"", b"\x00garbage", good[: len(good) // 2]):
        file.write_bytes(bad)
        assert _loaded(str(tmp_path)) == 0
        assert _extract(str(tmp_path)).stdout == reference
        assert file.read_bytes() != bad and _loaded(str(tmp_path)) > 200
    assert [p.name for p in tmp_path.iterdir()] == [file.name]  # no temporary file left


def test_another_interpreters_programs_are_not_used(tmp_path):
    import marshal

    _extract(str(tmp_path))
    (file,) = tmp_path.iterdir()
    stamp, entries = marshal.loads(file.read_bytes())
    file.write_bytes(marshal.dumps((("3.99.0 (elsewhere)", *stamp[1:]), entries)))
    assert _loaded(str(tmp_path)) == 0


def test_empty_setting_keeps_no_file_and_an_unwritable_place_is_no_error(tmp_path):
    _extract("")
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    p = _extract(str(blocked / "cache"))
    assert p.returncode == 0 and b"Traceback" not in p.stderr


def test_a_file_with_a_broken_program_is_not_used_and_is_written_whole_again(tmp_path):
    import marshal

    reference = _extract("").stdout
    _extract(str(tmp_path))
    (file,) = tmp_path.iterdir()
    stamp, entries = marshal.loads(file.read_bytes())
    pattern, flags, (final, code, groups, groupindex, indexgroup) = entries[len(entries) // 2]
    entries[len(entries) // 2] = (pattern, flags, (final, [999_999, *code], groups, groupindex, indexgroup))
    file.write_bytes(marshal.dumps((stamp, entries)))
    assert _extract(str(tmp_path)).stdout == reference
    _, rewritten = marshal.loads(file.read_bytes())
    assert len(rewritten) >= len(entries) and _loaded(str(tmp_path)) > 200
