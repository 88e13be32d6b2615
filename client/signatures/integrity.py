"""Ed25519 keys and the signed manifest (`signature.json`) of a policy directory.

The manifest lists the SHA-256 of every file of the policy directory (flat: no sub-folders,
no hidden files, `signature.json` itself excluded). The Ed25519 signature covers the canonical
JSON of `{"schema_version", "algorithm", "key_id", "signed_at", "files"}` (sorted keys, no
spaces, ASCII), so adding, removing or changing any file, or using another key, is detected.

Keys are PEM files (PKCS#8 private, SubjectPublicKeyInfo public); the private key file is
written with mode 0600 and never leaves the admin's machine. Pure apart from the file helpers;
any thread. Errors are `PolicyError` with words.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from client.i18n import _
from client.signatures.schema import PolicyError

MANIFEST_NAME = "signature.json"
MANIFEST_VERSION = 1
ALGORITHM = "ed25519"
PRIVATE_KEY_NAME = "policy-signing-key.pem"
PUBLIC_KEY_NAME = "policy-public-key.pem"
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Manifest:
    files: Mapping[str, str]  # name -> sha256 hex
    key_id: str
    signed_at: str


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short fingerprint of a public key (first 16 hex digits of the SHA-256 of its raw bytes)."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def generate_keys(keydir: Path) -> tuple[Path, Path]:
    """Write a new key pair into `keydir`; refuses to overwrite an existing key."""
    keydir.mkdir(parents=True, exist_ok=True)
    private_path, public_path = keydir / PRIVATE_KEY_NAME, keydir / PUBLIC_KEY_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise PolicyError(f"{path} already exists; move it away first (a new key would make "
                              "every client refuse policies signed with the old one).")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    public_path.write_bytes(public_pem(key.public_key()))
    return private_path, public_path


def public_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise PolicyError(f"Cannot read the private key {path}: {exc.strerror or exc}.",
                          "key") from exc
    except (ValueError, TypeError) as exc:
        raise PolicyError(f"{path} is not an unencrypted PEM private key: {exc}", "key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise PolicyError(f"{path} is not an Ed25519 key.", "key")
    return key


def parse_public_key(pem: bytes, source: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise PolicyError(_("{source} is not a PEM public key: {detail}", source=source,
                            detail=exc), "key") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise PolicyError(_("{source} is not an Ed25519 public key.", source=source), "key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PolicyError(_("Cannot read the public key {path}: {detail}.", path=path,
                            detail=exc.strerror or exc), "key") from exc
    return parse_public_key(data, str(path))


def check_file_name(name: str) -> None:
    if (not name or name.startswith(".") or "/" in name or "\\" in name or name == MANIFEST_NAME
            or len(name) > 100):
        raise PolicyError(_("The manifest lists an unacceptable file name {name!r}.", name=name),
                          "signature")


def policy_files(directory: Path) -> dict[str, bytes]:
    """Every regular, non-hidden file of a policy directory except the manifest."""
    if not directory.is_dir():
        raise PolicyError(_("{path} is not a folder.", path=directory), "location")
    out = {}
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.name == MANIFEST_NAME or not path.is_file():
            continue
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PolicyError(_("{name} is larger than {limit} MB.", name=path.name,
                                limit=MAX_FILE_BYTES // 1024 // 1024))
        out[path.name] = path.read_bytes()
    return out


def _signed_bytes(files: Mapping[str, str], kid: str, signed_at: str) -> bytes:
    body = {"schema_version": MANIFEST_VERSION, "algorithm": ALGORITHM, "key_id": kid,
            "signed_at": signed_at, "files": dict(sorted(files.items()))}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign_files(files: Mapping[str, bytes], key: Ed25519PrivateKey,
               signed_at: datetime | None = None) -> bytes:
    """The manifest document (bytes of signature.json) for these files."""
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    for name in hashes:
        check_file_name(name)
    kid = key_id(key.public_key())
    when = (signed_at or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    signature = key.sign(_signed_bytes(hashes, kid, when))
    doc = {"schema_version": MANIFEST_VERSION, "algorithm": ALGORITHM, "key_id": kid,
           "signed_at": when, "files": dict(sorted(hashes.items())),
           "signature": base64.b64encode(signature).decode("ascii")}
    return (json.dumps(doc, indent=2, ensure_ascii=True) + "\n").encode()


def read_manifest(data: bytes, public_key: Ed25519PublicKey) -> Manifest:
    """Check the manifest's own signature; raises PolicyError (wrong key, edited manifest)."""
    try:
        doc: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PolicyError(_("{name} is not valid JSON: {detail}", name=MANIFEST_NAME,
                            detail=exc), "signature") from exc
    if not isinstance(doc, dict) or doc.get("algorithm") != ALGORITHM:
        raise PolicyError(_("{name} is not an Ed25519 policy signature.", name=MANIFEST_NAME),
                          "signature")
    if doc.get("schema_version") != MANIFEST_VERSION:
        raise PolicyError(_("{name} uses manifest version {version!r}, which this Tradewind "
                            "does not understand.", name=MANIFEST_NAME,
                            version=doc.get("schema_version")), "schema")
    files, kid, when = doc.get("files"), doc.get("key_id"), doc.get("signed_at")
    if (not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values())
            or not isinstance(kid, str) or not isinstance(when, str)):
        raise PolicyError(_("{name} is incomplete (files, key_id, signed_at).",
                            name=MANIFEST_NAME), "signature")
    try:
        signature = base64.b64decode(str(doc.get("signature", "")), validate=True)
        public_key.verify(signature, _signed_bytes(files, kid, when))
    except (InvalidSignature, ValueError) as exc:
        expected = key_id(public_key)
        if kid != expected:
            message = _("The policy's signature is not valid: it was signed with key {signer}, "
                        "not with this client's key {expected}. The policy is refused.",
                        signer=kid, expected=expected)
        else:
            message = _("The policy's signature is not valid: the manifest was changed after "
                        "signing. The policy is refused.")
        raise PolicyError(message, "signature") from exc
    for name in files:
        check_file_name(name)
    return Manifest(dict(files), kid, when)


#: a missing signed file with one of these endings is the logo (``PolicyError.code`` "logo")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


def check_files(manifest: Manifest, files: Mapping[str, bytes]) -> None:
    """Every listed file present with its signed SHA-256; raises PolicyError naming the file."""
    for name, digest in manifest.files.items():
        data = files.get(name)
        if data is None:
            kind = "logo" if name.lower().endswith(IMAGE_SUFFIXES) else "signature"
            raise PolicyError(_("{name} is listed in the signed manifest but missing.",
                                name=name), kind)
        if hashlib.sha256(data).hexdigest() != digest:
            raise PolicyError(_("{name} was changed after the policy was signed; the policy is "
                                "refused (ask the admin to sign it again).", name=name),
                              "signature")
