"""Lead lists from CSV: header names, encodings, bad rows with their numbers, the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.channels.leads import LeadImportError, import_leads, lead_lists, on_list, read_leads
from client.channels.rules import list_rules
from client.store.db import Store


def test_import_with_header_bad_rows_and_the_rule(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "canton.csv"
    path.write_text("Name,Company,Email,Country\nAna Lima,Casa Lima,ana@casalima.com.br,Brazil\n"
                    "Bad Row,X,not-an-address,DE\n\n,,,\nOle,Nordisk,<OLE@NORDISK.DK>,Denmark\n"
                    "Nobody,Y,,FR\n", encoding="utf-8")
    report = import_leads(store, path, "Fair Canton 2026")
    assert report.tag == "fair-canton-2026" and report.imported == 2
    assert report.bad == [(3, "“not-an-address” is not an e-mail address"),
                          (7, "no e-mail address")]
    assert lead_lists(store) == {"fair-canton-2026": 2}
    lookup = on_list(store)
    assert lookup("fair-canton-2026", "ole@nordisk.dk")
    assert not lookup("other", "ole@nordisk.dk")
    (rule,) = [r for r in list_rules(store) if r.kind == "lead-list"]
    assert (rule.match, rule.tag) == ("fair-canton-2026", "fair-canton-2026")
    import_leads(store, path, "fair-canton-2026")  # again: no second rule, same rows
    assert len([r for r in list_rules(store) if r.kind == "lead-list"]) == 1
    assert lead_lists(store) == {"fair-canton-2026": 2}


def test_chinese_excel_export_without_header(tmp_path: Path) -> None:
    gbk = tmp_path / "展会.csv"
    gbk.write_bytes("姓名,公司,邮箱\n王芳,华美贸易,wang@huamei.cn\n".encode("gb18030"))
    assert [lead.address for lead in read_leads(gbk).rows] == ["wang@huamei.cn"]
    assert read_leads(gbk).rows[0].name == "王芳"
    bare = tmp_path / "bare.csv"
    bare.write_text("Mr X;x@one.de\nMs Y;y@two.fr\n", encoding="utf-8-sig")
    assert [lead.address for lead in read_leads(bare).rows] == ["x@one.de", "y@two.fr"]


@pytest.mark.parametrize(("content", "words"), [
    (b"", "no row with an e-mail address"),
    (b"Name,Email\nA,broken\n", "row 2: “broken” is not an e-mail address"),
    (b"\x00\x01PK\x03\x04", "binary data"),
])
def test_unusable_files_are_refused_and_nothing_is_written(
    store: Store, tmp_path: Path, content: bytes, words: str,
) -> None:
    path = tmp_path / "leads.csv"
    path.write_bytes(content)
    with pytest.raises(LeadImportError, match=words):
        import_leads(store, path, "fair")
    assert lead_lists(store) == {} and not [r for r in list_rules(store) if r.kind == "lead-list"]


def test_a_missing_file_is_named(store: Store, tmp_path: Path) -> None:
    with pytest.raises(LeadImportError, match="gone.csv cannot be read"):
        import_leads(store, tmp_path / "gone.csv", "fair")
