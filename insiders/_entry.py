"""Console-script entry: answers ``--version`` before importing the CLI (typer, rich)."""

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"insiders {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()
