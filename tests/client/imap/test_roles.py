"""Folder role detection across providers and languages."""

from __future__ import annotations

import pytest

from client.imap.roles import assign_roles, detect_role


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("INBOX", "inbox"), ("inbox", "inbox"),
        ("Sent", "sent"), ("Sent Items", "sent"), ("Sent Messages", "sent"), ("已发送", "sent"),
        ("已发送邮件", "sent"), ("Gesendete Elemente", "sent"), ("Gesendete Objekte", "sent"),
        ("Envoyés", "sent"), ("Enviados", "sent"), ("Posta inviata", "sent"), ("送信済み", "sent"),
        ("Drafts", "drafts"), ("草稿箱", "drafts"), ("Entwürfe", "drafts"),
        ("Trash", "trash"), ("Deleted Items", "trash"), ("已删除", "trash"), ("Papierkorb", "trash"),
        ("Junk", "junk"), ("Spam", "junk"), ("垃圾邮件", "junk"), ("Junk E-mail", "junk"),
        ("Archive", "archive"), ("Archives", "archive"), ("归档", "archive"),
        ("[Gmail]/Sent Mail", "sent"), ("[Gmail]/Drafts", "drafts"), ("[Gmail]/Trash", "trash"),
        ("[Gmail]/Spam", "junk"), ("[Gmail]/All Mail", "archive"), ("[Google Mail]/Bin", "trash"),
        ("[Gmail]/已发邮件", "sent"), ("INBOX/Sent", "sent"),
        ("Projects/Sent", None), ("Customers", None), ("Sent to customers", None),
    ],
)
def test_name_heuristics(name: str, role: str | None) -> None:
    assert detect_role(name, "/", frozenset()) == role


def test_special_use_wins_over_names() -> None:
    assert detect_role("Customers", "/", frozenset({"\\Sent", "\\HasNoChildren"})) == "sent"
    assert detect_role("Trash", "/", frozenset({"\\Junk"})) == "junk"
    assert detect_role("[Gmail]/Alle Nachrichten", "/", frozenset({"\\All"})) == "archive"


def test_each_role_assigned_once_special_use_first() -> None:
    folders = [
        ("INBOX", "/", frozenset()),
        ("Sent", "/", frozenset()),
        ("Sent Items", "/", frozenset({"\\Sent"})),
        ("Trash", "/", frozenset()),
        ("Deleted Items", "/", frozenset()),
    ]
    assert assign_roles(folders) == ["inbox", None, "sent", "trash", None]
