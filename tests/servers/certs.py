"""Test certificates for loopback servers, each from its own throw-away CA (trustme).

``issue_server_cert(directory)`` writes ``ca.pem`` (the CA to trust), ``cert.pem`` (leaf plus
chain) and ``key.pem`` for 127.0.0.1/localhost, and returns them with the leaf's SHA-256. Two
calls give two unrelated CAs: a client that trusts one does not trust the other's certificate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.servers.instance import issue_tls


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
    ca_file, cert_sha256 = issue_tls(directory)
    return ServerCert(directory, ca_file, cert_sha256)
