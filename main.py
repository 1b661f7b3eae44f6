"""The one entry point: `python main.py` starts the game; subcommands do the rest."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
