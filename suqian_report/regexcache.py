"""Compiled regular expressions kept between runs, as Python keeps compiled modules.

The rules are some 280 regular expressions, and Python's ``re`` compiles each one in pure Python at every
start: about half of what a cold ``suqian-report extract`` spends importing.  The programs ``re`` builds for
them are stored in the user's cache directory and put into ``re``'s own cache (the one ``re.compile`` looks in
first) when the package is imported, so that compiling finds them made.

A program is a function of the pattern, its flags and the regex engine alone; the file records the interpreter
(``sys.version``) and the engine's version (``_sre.MAGIC``) and is used only by the same, so it cannot change a
match.  A program is written only when it rebuilds exactly the pattern ``re`` compiled (patterns compare by
their programs), and the engine checks each one again as it is loaded.  A missing, stale or damaged file is ignored (the
patterns compile as usual) and written anew; nothing here ever raises.  ``SUQIAN_REPORT_CACHE`` names the
directory (default: ``$XDG_CACHE_HOME/suqian-report`` or ``~/.cache/suqian-report``); set it empty to keep no
file.
"""

from __future__ import annotations

import os
import re
import sys

_FILE = "regex-{tag}.marshal"
_entries: dict[tuple, tuple] = {}  # key → what _sre.compile takes, as read or worked out


def _directory() -> str | None:
    where = os.environ.get("SUQIAN_REPORT_CACHE")
    if where is not None:
        return where or None
    home = os.path.expanduser("~")
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(home, ".cache") if home != "~" else None)
    return os.path.join(base, "suqian-report") if base else None  # (no home directory: no file)


def _path() -> str | None:
    directory = _directory()
    tag = sys.implementation.cache_tag
    return os.path.join(directory, _FILE.format(tag=tag)) if directory and tag else None


def _stamp() -> tuple:
    import _sre  # type: ignore[import-not-found]

    return (sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)


def _usable() -> bool:
    """The internals this relies on are there: ``re``'s cache dict and the engine's compile."""
    return isinstance(getattr(re, "_cache", None), dict) and hasattr(re, "_compiler")


def load() -> int:
    """Fill ``re``'s cache from the file; the number of patterns put in."""
    path = _path()
    if path is None or not _usable():
        return 0
    try:
        import _sre
        import marshal

        with open(path, "rb") as f:
            stamp, entries = marshal.loads(f.read())  # (marshal.load reads a file in small pieces: 10 x slower)
        if stamp != _stamp():
            return 0
        n = 0
        read: dict[tuple, tuple] = {}
        for pattern, flags, args in entries:
            compiled = _sre.compile(pattern, *args)  # checks the program
            if compiled.pattern != pattern or compiled.groups != args[2]:
                raise ValueError(f"not the program of {pattern!r}")
            key = (str, pattern, flags)
            read[key] = (pattern, flags, args)
            # (a pattern already there was compiled before the package was imported)
            if key not in re._cache:  # type: ignore[attr-defined]
                re._cache[key] = compiled  # type: ignore[attr-defined]
                n += 1
        _entries.update(read)  # only a file read whole is kept: otherwise save() writes a new one
        return n
    except Exception:  # a damaged or foreign file: the patterns compile as usual
        return 0


def _program(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` for the pattern (after the pattern itself)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (
        int(flags | parsed.state.flags),
        [int(c) for c in code],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def save() -> int:
    """Write the file anew when this run compiled patterns it did not hold; the number of patterns added."""
    path = _path()
    if path is None or not _usable():
        return 0
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        import _sre
        import marshal

        added = 0
        for key, compiled in list(re._cache.items()):  # type: ignore[attr-defined]
            if key[0] is str and key not in _entries:
                try:
                    args = _program(key[1], key[2])
                    # kept only if it makes exactly the pattern re made (Pattern equality compares the programs):
                    # whatever this interpreter's internals, the file never holds a program re would not build
                    if _sre.compile(key[1], *args) == compiled:
                        _entries[key] = (key[1], int(key[2]), args)
                        added += 1
                except Exception:
                    continue
        if not added:
            return 0
        data = marshal.dumps((_stamp(), list(_entries.values())[-512:]))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)  # whole or not at all: a run reading it meanwhile sees the old file
        return added
    except Exception:  # a read-only home, a full disk: the next run compiles again
        try:
            os.remove(tmp)
        except OSError:
            pass
        return 0
