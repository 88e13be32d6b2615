"""ImapSession against the real Cyrus IMAP fixture: TLS and STARTTLS, a real password check,
folder names under the ``INBOX.`` namespace, MAILBOXIDs, and commands by shown name."""

from __future__ import annotations

import pytest

from client.imap import AuthenticationError, Endpoint, ImapSession
from tests.servers.cyrus import CyrusServer
from tests.servers.dovecot import MailUser


def endpoint(cyrus: CyrusServer, security: str = "ssl") -> Endpoint:
    port = cyrus.imaps_port if security == "ssl" else cyrus.imap_port
    return Endpoint(cyrus.host, port, security, ca_file=str(cyrus.ca_file))  # type: ignore[arg-type]


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_login_over_tls_and_a_wrong_password_is_refused(
    cyrus: CyrusServer, cyrus_user: MailUser, security: str
) -> None:
    with ImapSession.connect(endpoint(cyrus, security), cyrus_user.username,
                             cyrus_user.password) as session:
        assert session.has("OBJECTID") and session.has("NAMESPACE")
    with pytest.raises(AuthenticationError) as caught:
        ImapSession.connect(endpoint(cyrus, security), cyrus_user.username, "not-the-password")
    assert "not-the-password" not in str(caught.value)


def test_folders_without_the_namespace_prefix_with_mailbox_ids(
    cyrus: CyrusServer, cyrus_user: MailUser
) -> None:
    cyrus.create_folder(cyrus_user, "Customers/Hamburg")
    cyrus.create_folder(cyrus_user, "报价")
    uid = cyrus.append(cyrus_user, "Customers/Hamburg", b"Subject: x\r\n\r\nhello\r\n")
    with ImapSession.connect(endpoint(cyrus), cyrus_user.username, cyrus_user.password) as session:
        assert session.namespace().prefix == "INBOX."
        folders = {f.name: f for f in session.list_folders()}
        assert set(folders) == {"INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive",
                                "Customers", "Customers.Hamburg", "报价"}  # Cyrus made the parent
        assert folders["Sent"].raw_name == "INBOX.Sent" and folders["Sent"].role == "sent"
        assert folders["报价"].raw_name == "INBOX.&YqVO9w-"
        assert all(f.delimiter == "." and f.mailbox_id for f in folders.values())
        assert len({f.mailbox_id for f in folders.values()}) == len(folders)
        # commands take the shown name, in a fresh session too (it lists once by itself)
        assert session.status("Customers.Hamburg").messages == 1
    with ImapSession.connect(endpoint(cyrus), cyrus_user.username, cyrus_user.password) as fresh:
        fresh.select("Customers.Hamburg", readonly=False)
        fresh.store_flags([uid], ["\\Flagged"], add=True)
    assert cyrus.flags(cyrus_user, "Customers/Hamburg")[uid] == {"\\Flagged"}


def test_mailbox_ids_without_list_status_and_names_without_namespace(
    cyrus: CyrusServer, cyrus_user: MailUser
) -> None:
    with ImapSession.connect(endpoint(cyrus), cyrus_user.username, cyrus_user.password) as full:
        expected = {f.raw_name: f.mailbox_id for f in full.list_folders()}
    with ImapSession.connect(endpoint(cyrus), cyrus_user.username, cyrus_user.password) as session:
        session.capabilities = frozenset(session.capabilities - {"LIST-STATUS", "NAMESPACE"})
        folders = session.list_folders()  # one STATUS (MAILBOXID) per folder instead
        assert {f.raw_name: f.mailbox_id for f in folders} == expected
        assert all(expected.values())
        # without NAMESPACE the server's full names are all there is
        assert {f.name for f in folders} == set(expected)
