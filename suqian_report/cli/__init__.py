"""The command line, a thin layer over the library: :mod:`.entry` is the installed command (a plain ``extract`` runs
without loading the parser), :mod:`.app` the typer application (every command and option), :mod:`.commands` the
jobs and their plumbing (messages, output files, exit codes)."""

from .entry import main  # (the console script of an install made before the entry point moved to .entry imports it)

__all__ = ["main"]
