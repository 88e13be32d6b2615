"""`python -m client.cli` runs the same entry point as the `tradewind` console script."""

from client.cli.main import main

raise SystemExit(main())
