"""The verifying TLS context is built once per CA file and shared (issue 17: the system store
took 45-80 ms to load on every connection); a changed or missing CA file is never served
from the cache."""

from __future__ import annotations

import os
import ssl
from pathlib import Path

import pytest
import trustme

from client.net.tls import TLSPolicy, handshake_context


def _write_ca(path: Path) -> trustme.CA:
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(path))
    return ca


def test_same_ca_file_shares_one_context(tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    _write_ca(ca_file)
    first = handshake_context(TLSPolicy("mail.example", str(ca_file)))
    again = handshake_context(TLSPolicy("other.example", str(ca_file)))
    assert again is first
    assert first.verify_mode == ssl.CERT_REQUIRED and first.check_hostname
    assert first.minimum_version == ssl.TLSVersion.TLSv1_2
    # the account's CA is added to the system store, not instead of it
    system = ssl.create_default_context().cert_store_stats()["x509_ca"]
    assert first.cert_store_stats()["x509_ca"] == system + 1
    assert handshake_context(TLSPolicy("mail.example")) is handshake_context(
        TLSPolicy("mail.example"))


def test_a_changed_ca_file_gets_a_new_context_that_trusts_the_new_ca(tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    _write_ca(ca_file)
    first = handshake_context(TLSPolicy("mail.example", str(ca_file)))
    _write_ca(ca_file)  # another CA in the same file
    stat = ca_file.stat()
    os.utime(ca_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = handshake_context(TLSPolicy("mail.example", str(ca_file)))
    assert second is not first
    serials = {c["serialNumber"] for c in second.get_ca_certs()}
    assert serials - {c["serialNumber"] for c in first.get_ca_certs()}  # the new CA is in
    assert len(second.get_ca_certs()) == len(first.get_ca_certs())  # and the old one is gone


def test_unverified_contexts_are_never_shared_and_a_missing_ca_file_raises(tmp_path: Path
                                                                           ) -> None:
    policy = TLSPolicy("mail.example", pinned_sha256="ab" * 32)
    loose = handshake_context(policy, verify=False)
    assert loose is not handshake_context(policy, verify=False)
    assert loose.verify_mode == ssl.CERT_NONE
    with pytest.raises(OSError):
        handshake_context(TLSPolicy("mail.example", str(tmp_path / "gone.pem")))
