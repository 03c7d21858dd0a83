"""The installed command: ``suqian-report`` (and ``python -m suqian_report``).

A plain ``extract`` command line (inputs, and at most ``--format json|jsonl|csv`` and ``-o FILE``) runs the job
straight away; any other (another command or option, ``--help``, a mistake) goes to the typer application in
:mod:`.app`, which parses it.  Both call the same :func:`.commands.extract`, so a command line means the same
either way: the plain path only saves loading and building the parser, about a third of a cold start.

Exit codes (:mod:`..core.errors`): 0 every input gave a report, 1 an input could not be processed, 2 a usage error,
130 interrupted.  An internal error is one line; ``--debug`` shows its traceback.  A closed pipe ends quietly.
"""

from __future__ import annotations

import os
import sys

from ..core import logs
from ..core.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK
from . import commands
from .commands import Stop, err

_VALUED = {"--format": "format", "-f": "format", "--output": "output", "-o": "output"}
_PLAIN_FORMATS = ("json", "jsonl", "csv")


def plain_extract(args: list[str]) -> dict[str, object] | None:
    """The arguments of :func:`.commands.extract` for a plain ``extract`` command line, or None for any other
    (whatever it means, the parser says)."""
    if not args or args[0] != "extract" or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # (…_COMPLETE: the shell asks the parser for completions)
    options: dict[str, str] = {}
    inputs: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "-" or not arg.startswith("-"):
            inputs.append(arg)
            continue
        if arg.startswith("--") and "=" in arg:
            name, _, value = arg.partition("=")
        elif arg in _VALUED:
            name, value = arg, next(rest, "")
        else:
            return None
        key = _VALUED.get(name)
        if key is None or key in options or not value or (value.startswith("-") and value != "-"):
            return None
        options[key] = value
    if not inputs or options.get("format", "json") not in _PLAIN_FORMATS:
        return None
    return {"inputs": inputs, **options}


def run(args: list[str], quick: bool = True) -> int:
    """Run a command line: its exit code.  ``quick=False`` sends every command line through the parser."""
    plain = plain_extract(args) if quick else None
    logs.direct("nowhere")  # (the libraries' log lines; --debug sends them to stderr)
    try:
        if plain is not None:
            from .commands import extract

            code = extract(**plain)  # type: ignore[arg-type]
        else:
            from .app import invoke

            code = invoke(args)
    except Stop as e:
        code = e.code
    except KeyboardInterrupt:  # (inside a command run through the parser, typer ends it quietly with 130)
        sys.stderr.write("Interrupted.\n")
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_OK
    except Exception as e:
        if commands.DEBUG:
            raise
        err(
            f"internal error ({type(e).__name__}: {e}); run the same command with --debug for the traceback, "
            "and please report it"
        )
        code = EXIT_INPUT
    return code


def main() -> None:
    sys.exit(run(sys.argv[1:]))
