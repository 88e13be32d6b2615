"""A cache rebuild (checklist S3) keeps the rep's rules (their order, a disabled default) and
the lead lists; the tags come back from the rules once the mail is cached again."""

from __future__ import annotations

from pathlib import Path

from client.channels.apply import run_rules
from client.channels.leads import Lead, add_leads, lead_lists
from client.channels.rules import add_rule, list_rules, move_rule, update_rule
from client.channels.tags import tags_for
from client.store import Store, quarantine_and_rebuild
from tests.client.channels.conftest import AddRaw, mail


def test_rebuild_keeps_rules_and_lead_lists(store: Store, add_raw: AddRaw) -> None:
    row = add_raw(mail("ana@casalima.com.br"))
    web = add_rule(store, "header", "X-Form-Name", "webform")
    move_rule(store, web.id, 1)
    update_rule(store, 2, enabled=False)  # Made-in-China.com off
    add_leads(store, "fair-canton-2026", [Lead("ana@casalima.com.br", "Ana")])
    run_rules(store)
    assert tags_for(store, [row]) == {row: ["fair-canton-2026"]}
    before = list_rules(store)
    path = Path(store.path)
    store.close()
    quarantine_and_rebuild(path)
    with Store.open(path) as fresh:
        assert list_rules(fresh) == before
        assert lead_lists(fresh) == {"fair-canton-2026": 1}
        assert fresh.conn.execute("SELECT count(*) FROM message_tags").fetchone()[0] == 0
