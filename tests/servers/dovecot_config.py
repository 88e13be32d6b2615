"""The dovecot.conf text of a test instance (pure function, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def render_config(
    *,
    root: Path,
    imap_port: int,
    imaps_port: int,
    lmtp_port: int,
    special_use: Mapping[str, str],
    oauth2_conf: Path | None = None,
) -> str:
    """Dovecot 2.3 configuration: listeners on 127.0.0.1 only, state and mail under ``root``.

    ``imap_port`` is plain IMAP with STARTTLS, ``imaps_port`` implicit TLS, ``lmtp_port`` LMTP.
    ``special_use`` maps mailbox names to their special-use flag; they are auto-subscribed.
    ``oauth2_conf``: the file of an ``oauth2`` passdb (tokens checked by introspection); then
    XOAUTH2 and OAUTHBEARER are offered beside PLAIN and LOGIN, each passdb limited to its own
    mechanisms (TESTBED.md "OAuth2": without the filters a wrong password reaches the
    introspection URL)."""
    mailboxes = "\n".join(
        f'  mailbox "{name}" {{\n    special_use = {flag}\n    auto = subscribe\n  }}'
        for name, flag in special_use.items()
    )
    mechanisms = "plain login" + (" xoauth2 oauthbearer" if oauth2_conf else "")
    password_filter = "  mechanisms = plain login\n" if oauth2_conf else ""
    oauth2_passdb = (
        f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
        f"  args = {oauth2_conf}\n}}\n" if oauth2_conf else "")
    return f"""\
# Throwaway Dovecot instance for Tradewind's tests.  Generated; do not edit.
base_dir = {root}/run
state_dir = {root}/state
instance_name = tw-{root.name}
log_path = {root}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
shutdown_clients = yes
default_vsz_limit = 512M

ssl = yes
ssl_cert = <{root}/tls/cert.pem
ssl_key = <{root}/tls/key.pem
ssl_min_protocol = TLSv1.2

auth_mechanisms = {mechanisms}
auth_failure_delay = 0
auth_cache_size = 0
disable_plaintext_auth = yes
auth_verbose = yes
# One file per user: Dovecot re-reads a changed passwd-file at most once a second, so a user
# added right after another lookup would be missed; a new file is always read.
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/users/%u
{password_filter}}}
{oauth2_passdb}userdb {{
  driver = passwd-file
  args = {root}/users/%u
}}
protocol lmtp {{
  auth_username_format = %Ln
}}

mail_location = maildir:~/Maildir:LAYOUT=fs
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 100
mail_fsync = never
lmtp_save_to_detail_mailbox = no
postmaster_address = postmaster@example.test
hostname = mail.example.test
mail_max_userip_connections = 200

namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}
}}

service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
  process_min_avail = 0
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {lmtp_port}
  }}
  unix_listener lmtp {{
    mode = 0600
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""
