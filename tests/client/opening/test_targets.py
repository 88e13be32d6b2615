"""Every message of the local corpus (checklist M3-M7: bad charsets, broken structure, huge
headers, several From) is described for `tradewind FILE.eml --json` without an exception,
and the document is JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from client.opening.targets import describe

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "mime"


def test_every_corpus_message_is_described(tmp_path: Path) -> None:
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file()]
    assert len(files) > 500
    for index, source in enumerate(files):
        path = tmp_path / f"{index}.eml"
        shutil.copyfile(source, path)
        doc = describe(str(path)).to_json()
        json.dumps(doc)
        assert doc["kind"] == "eml" and doc["imported"] is False
        assert isinstance(doc["message"]["subject"], str)
        path.unlink()
