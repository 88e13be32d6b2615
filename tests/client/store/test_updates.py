"""The one UPDATE builder (issue 10): only allowed column names reach the SQL text."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.store import FolderRecord, Store
from client.store.updates import marks, update_sql


def test_the_statement_binds_every_value() -> None:
    sql, values = update_sql("outbox", {"state": "queued", "attempts": 2}, {"state", "attempts"},
                             "id = ? AND state IN (?, ?)", also=("version = version + 1",))
    assert sql == ("UPDATE outbox SET state = ?, attempts = ?, version = version + 1"
                   " WHERE id = ? AND state IN (?, ?)")
    assert values == ("queued", 2)
    assert marks(3) == "?, ?, ?"


@pytest.mark.parametrize("column", ["email", "state = 'x', email", "state; DROP TABLE x", "Ⅰd"])
def test_a_column_outside_the_allow_list_is_refused(column: str) -> None:
    with pytest.raises(ValueError, match="cannot update accounts columns"):
        update_sql("accounts", {column: "x"}, {"state", column if column == "Ⅰd" else "state"},
                   "id = ?")


def test_nothing_to_set_and_a_bad_table_name_are_refused() -> None:
    with pytest.raises(ValueError, match="nothing to update"):
        update_sql("folders", {}, {"uidnext"}, "id = ?")
    with pytest.raises(ValueError, match="not a table name"):
        update_sql("folders; --", {"uidnext": 1}, {"uidnext"}, "id = ?")


def test_the_store_refuses_columns_it_does_not_offer(tmp_path: Path) -> None:
    with Store.open(tmp_path / "cache.db") as store:
        account = store.add_account("rep@tradewind.example")
        folder = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        with pytest.raises(ValueError, match="email"):
            store.update_account(account.id, email="other@example.com")
        with pytest.raises(ValueError, match="account_id"):
            store.save_folder_state(folder.id, account_id=99)
        store.update_account(account.id, display_name="Rep", imap_port=993)
        store.save_folder_state(folder.id, uidnext=42, exists=3)
        changed = store.account(account.id)
        assert changed is not None and (changed.display_name, changed.imap_port) == ("Rep", 993)
        state = store.folder(folder.id)
        assert state is not None and (state.uidnext, state.exists_count) == (42, 3)
        assert store.get_account("rep@tradewind.example") is not None
