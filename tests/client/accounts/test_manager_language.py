"""The account manager's and the keyring's refusals in the rep's language (the wizard shows
them under "The account cannot be added"); the secret never appears in them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import null

from client import i18n
from client.accounts.manager import AccountExistsError, AccountManager, InvalidAccountError
from client.profile import secrets
from client.store.db import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    opened = Store.open(tmp_path / "t.db")
    yield opened
    opened.close()


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_refusals_in_chinese(store: Any, tmp_path: Path, chinese: None) -> None:
    manager = AccountManager(store)
    manager.add("rep@x.test", "pw-1", imap="imap.x.test", smtp="smtp.x.test")
    with pytest.raises(AccountExistsError) as exists:
        manager.add("REP@x.test", "pw-2", imap="imap.x.test", smtp="smtp.x.test")
    assert str(exists.value) == "REP@x.test 的账户已经存在。"
    with pytest.raises(InvalidAccountError) as no_ca:
        manager.add("b@x.test", "pw", imap="h.test", ca_file=str(tmp_path / "no.pem"))
    assert str(no_ca.value).startswith("CA 证书文件 ") and "不存在或不是文件" in str(no_ca.value)
    with pytest.raises(InvalidAccountError) as bad_port:
        manager.add("c@x.test", "pw", imap="h.test:99999")
    assert str(bad_port.value) == "'99999' 不是有效的端口号（1-65535）。"


def test_an_unsafe_keyring_is_refused_in_chinese(store: Any, chinese: None) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    try:
        with pytest.raises(secrets.KeyringUnavailableError) as refused:
            AccountManager(store).add("rep@x.test", "s3cret-密码", imap="imap.x.test")
    finally:
        keyring.set_keyring(previous)
    text = str(refused.value)
    assert text.startswith("无法安全地保存密码：没有可用的钥匙串（当前后端为 ")
    assert "s3cret" not in text and store.list_accounts() == []
