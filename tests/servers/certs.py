"""Test certificates for loopback servers, each from its own throw-away CA (trustme).

``issue_server_cert(directory)`` writes ``ca.pem`` (the CA to trust), ``cert.pem`` (leaf plus
chain) and ``key.pem`` for 127.0.0.1/localhost, and returns them with the leaf's SHA-256. Two
calls give two unrelated CAs: a client that trusts one does not trust the other's certificate.
"""

from __future__ import annotations

import hashlib
import ssl
from dataclasses import dataclass
from pathlib import Path

import trustme

from tests.servers.dovecot import HOST


@dataclass(frozen=True)
class ServerCert:
    directory: Path
    ca_file: Path
    cert_sha256: str  # lowercase hex of the leaf's DER bytes

    @property
    def cert_file(self) -> Path:
        return self.directory / "cert.pem"

    @property
    def key_file(self) -> Path:
        return self.directory / "key.pem"


def issue_server_cert(directory: Path) -> ServerCert:
    directory.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    leaf = ca.issue_cert(HOST, "localhost")
    ca_file = directory / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    leaf.private_key_pem.write_to_path(str(directory / "key.pem"))
    with open(directory / "cert.pem", "wb") as handle:
        for blob in leaf.cert_chain_pems:
            handle.write(blob.bytes())
    der = ssl.PEM_cert_to_DER_cert(leaf.cert_chain_pems[0].bytes().decode("ascii"))
    return ServerCert(directory, ca_file, hashlib.sha256(der).hexdigest())
