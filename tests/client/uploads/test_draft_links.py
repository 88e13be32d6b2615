"""The references of a draft's link files: kept per draft, checked on load (a file gone or
changed in size is named, not returned), forgotten idempotently, and an empty list forgets."""

from __future__ import annotations

from pathlib import Path

from client.store.db import Store
from client.uploads import draft_links


def test_saved_references_load_back_and_changed_files_are_named(store: Store,
                                                                tmp_path: Path) -> None:
    kept, shrunk, gone = (tmp_path / n for n in ("video.mp4", "drawings.dwg", "report.pdf"))
    for path in (kept, shrunk, gone):
        path.write_bytes(b"x" * 1000)
    draft_links.save(store, 7, [kept, shrunk, gone])
    draft_links.save(store, 8, [kept])
    shrunk.write_bytes(b"x" * 10)
    gone.unlink()
    assert draft_links.load(store, 7) == draft_links.DraftLinkFiles(
        (kept,), ("drawings.dwg", "report.pdf"))
    assert draft_links.load(store, 8).present == (kept,)
    draft_links.forget(store, 7)
    draft_links.forget(store, 7)
    assert draft_links.load(store, 7) == draft_links.DraftLinkFiles()
    draft_links.save(store, 8, [])
    assert draft_links.load(store, 8) == draft_links.DraftLinkFiles()
    assert store.get_setting("links.draft_files.8") is None
