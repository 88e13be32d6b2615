"""What every command handler receives: the profile, the output mode and the standard streams.

Handlers are `(ctx: Context, args: argparse.Namespace) -> int`. The store is opened lazily and
closed by `main` when the command returns. One Context per command run; not thread-safe.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from client.cli.output import Progress, dump_json, write_text
from client.profile.config import Profile

if TYPE_CHECKING:
    from client.store.db import Store


@dataclass
class Context:
    profile: Profile
    json: bool
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        """The profile's cache, opened (and created/migrated) on first use."""
        if self._store is None:
            from client.store.db import Store

            self.profile.ensure()
            self._store = Store.open(self.profile.database)
        return self._store

    def close(self) -> None:
        """Close the store if it was opened. Idempotent."""
        store, self._store = self._store, None
        if store is not None:
            store.close()

    def emit(self, document: Any, text: str | Callable[[], str]) -> None:
        """Print `document` as JSON in --json mode, else `text` (or what it returns)."""
        if self.json:
            dump_json(document, self.stdout)
            return
        rendered = text() if callable(text) else text
        if rendered:
            write_text(self.stdout, rendered.rstrip("\n") + "\n")

    def notice(self, text: str) -> None:
        """A human note on stderr (silent in --json mode)."""
        if not self.json:
            self.stderr.write(text.rstrip("\n") + "\n")
            self.stderr.flush()

    def progress(self) -> Progress:
        """A progress display on stderr: bar on a terminal, lines otherwise, silent in JSON."""
        return Progress(self.stderr, enabled=not self.json)


Handler = Callable[[Context, argparse.Namespace], int]
