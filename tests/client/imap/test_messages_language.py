"""The adapter's own refusals follow the process's language (``client.i18n``), against the
real Dovecot: a message gone from the server, a folder the server does not have."""

from __future__ import annotations

import pytest

from client import i18n
from client.imap import Endpoint, ImapSession, ProtocolError
from tests.servers.dovecot import DovecotServer, MailUser


def test_a_vanished_message_and_a_missing_folder_in_chinese(dovecot: DovecotServer,
                                                          imap_user: MailUser) -> None:
    endpoint = Endpoint(host=dovecot.host, port=dovecot.imaps_port, security="ssl",
                        ca_file=str(dovecot.ca_file), timeout=20)
    session = ImapSession.connect(endpoint, imap_user.username, imap_user.password)
    try:
        session.select("INBOX")
        i18n.set_language("zh_CN")
        try:
            with pytest.raises(ProtocolError) as gone:
                session.fetch_header_and_text(4242, 1024)
            with pytest.raises(ProtocolError) as missing:
                session.select("No such folder {0}")
        finally:
            i18n.set_language("en")
        session.select("INBOX")  # the failed SELECT left no folder selected
        with pytest.raises(ProtocolError, match="is no longer on the server"):
            session.fetch_header_and_text(4242, 1024)
    finally:
        session.logout()
    assert str(gone.value) == "邮件 4242 已不在服务器上。"
    assert gone.value.code == "protocol"
    assert str(missing.value).startswith("服务器拒绝了 EXAMINE：“")  # then the server's words,
    assert "No such folder {0}" in str(missing.value)  # braces and all
