"""The rule editor's background work (thread pool; each call opens its own Store).

Every function returns what the editor shows next and raises `RuleError` /
`LeadImportError` in words (the editor shows them); never called on the GUI thread.
`load` lists the rules and lead lists; writes are the `client.channels` functions.
"""

from __future__ import annotations

from pathlib import Path

from client.channels import rules as model
from client.channels.apply import ApplyReport, run_rules
from client.channels.leads import LeadReport, import_leads, lead_lists
from client.channels.tags import Explanation, explain
from client.store.db import Store


def load(db_path: Path) -> tuple[list[model.Rule], dict[str, int]]:
    with Store.open(db_path) as store:
        return model.list_rules(store), lead_lists(store)


def add(db_path: Path, kind: str, match: str, tag: str, enabled: bool) -> model.Rule:
    with Store.open(db_path) as store:
        return model.add_rule(store, kind, match, tag, enabled=enabled)


def update(db_path: Path, rule_id: int, kind: str, match: str, tag: str,
           enabled: bool) -> model.Rule:
    with Store.open(db_path) as store:
        return model.update_rule(store, rule_id, kind=kind, match=match, tag=tag,
                                 enabled=enabled)


def remove(db_path: Path, rule_id: int) -> model.Rule:
    with Store.open(db_path) as store:
        return model.remove_rule(store, rule_id)


def move(db_path: Path, rule_id: int, position: int) -> list[model.Rule]:
    with Store.open(db_path) as store:
        return model.move_rule(store, rule_id, position)


def test(db_path: Path, message_row: int) -> Explanation:
    with Store.open(db_path) as store:
        return explain(store, message_row)


def leads(db_path: Path, csv_path: Path, tag: str) -> LeadReport:
    with Store.open(db_path) as store:
        return import_leads(store, csv_path, tag)


def run(db_path: Path) -> ApplyReport:
    with Store.open(db_path) as store:
        return run_rules(store)


def tag_texts(db_path: Path) -> dict[int, str]:
    """Every tagged message row and its tags as the Tags column shows them."""
    with Store.open(db_path) as store:
        out: dict[int, list[str]] = {}
        for row, tag in store.conn.execute(
                "SELECT message_row, tag FROM message_tags ORDER BY tag"):
            out.setdefault(int(row), []).append(str(tag))
    return {row: ", ".join(tags) for row, tags in out.items()}
