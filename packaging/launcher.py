"""Entry point for the bundled app: the same `tradewind` command line, GUI by default."""

import sys

from client.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
