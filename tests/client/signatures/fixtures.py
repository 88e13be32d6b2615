"""Fixtures for signature-policy tests: keys, signed example policies, a loopback HTTPS server.

`make_policy(name, edit=None)` writes the example policy of `tradewind policy init` into a temp
folder, lets the test edit the parsed policy/directory documents first, and signs it with the
test's key. `https_policy_server` serves a folder over HTTPS on 127.0.0.1 with a trustme test CA.
"""

from __future__ import annotations

import http.server
import json
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import trustme

from client.signatures.example import write_example
from client.signatures.integrity import (
    MANIFEST_NAME,
    generate_keys,
    load_private_key,
    policy_files,
    sign_files,
)

Edit = Callable[[dict[str, Any], dict[str, Any]], None]


@dataclass
class Keys:
    private: Path
    public: Path


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    private, public = generate_keys(tmp_path / "keys")
    return Keys(private, public)


@pytest.fixture
def other_keys(tmp_path: Path) -> Keys:
    private, public = generate_keys(tmp_path / "other-keys")
    return Keys(private, public)


def sign_dir(directory: Path, private: Path) -> None:
    files = policy_files(directory)
    (directory / MANIFEST_NAME).write_bytes(sign_files(files, load_private_key(private)))


def edit_json(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture
def make_policy(tmp_path: Path, keys: Keys) -> Callable[..., Path]:
    def make(name: str = "policy", edit: Edit | None = None, sign: bool = True) -> Path:
        directory = tmp_path / name
        write_example(directory)
        if edit is not None:
            policy = json.loads((directory / "policy.json").read_text(encoding="utf-8"))
            people = json.loads((directory / "directory.json").read_text(encoding="utf-8"))
            edit(policy, people)
            for file_name, doc in (("policy.json", policy), ("directory.json", people)):
                (directory / file_name).write_text(json.dumps(doc, ensure_ascii=False),
                                                   encoding="utf-8")
        if sign:
            sign_dir(directory, keys.private)
        return directory

    return make


@dataclass
class HttpsServer:
    url: str
    ca_file: Path
    root: Path
    requests: list[str]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    log_list: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        self.log_list.append(self.path)


@pytest.fixture
def https_policy_server(tmp_path: Path) -> Iterator[HttpsServer]:
    """An HTTPS file server on 127.0.0.1 serving `root` (put the policy in `root/signature/`)."""
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_file = tmp_path / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    root = tmp_path / "www"
    root.mkdir()
    requests: list[str] = []
    handler = type("Handler", (_QuietHandler,), {"log_list": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             partial(handler, directory=str(root)))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield HttpsServer(f"https://127.0.0.1:{server.server_address[1]}/", ca_file, root,
                          requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
