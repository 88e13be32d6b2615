"""A complete, checked policy: policy.json + directory.json + logo, optionally verified.

`check_contents(files)` parses and checks the files an admin is about to sign (schema, templates,
directory, the logo present and really a PNG/JPEG). `open_verified(files, public_key)` does the
same for a distributed policy after checking `signature.json`: only the files the manifest lists
are used. Both raise `PolicyError` with words. Pure; any thread.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from client.i18n import _
from client.signatures.integrity import MANIFEST_NAME, Manifest, check_files, read_manifest
from client.signatures.schema import Directory, Policy, PolicyError, parse_directory, parse_policy

POLICY_NAME = "policy.json"
DIRECTORY_NAME = "directory.json"


@dataclass(frozen=True)
class PolicyBundle:
    policy: Policy
    directory: Directory
    logo: bytes
    logo_type: str  # image/png or image/jpeg
    files: Mapping[str, bytes]  # the signed files (signature.json included when verified)
    manifest: Manifest | None

    @property
    def logo_content_id(self) -> str:
        """Stable per logo, so the rendered HTML is the same for every message."""
        return f"logo-{hashlib.sha256(self.logo).hexdigest()[:16]}@signature.tradewind"


def _image_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def check_contents(files: Mapping[str, bytes], manifest: Manifest | None = None) -> PolicyBundle:
    """Parse and check the policy files; raises PolicyError (missing file, bad schema, logo)."""
    for name in (POLICY_NAME, DIRECTORY_NAME):
        if name not in files:
            raise PolicyError(_("The policy has no {name}.", name=name))
    policy = parse_policy(files[POLICY_NAME])
    directory = parse_directory(files[DIRECTORY_NAME])
    logo = files.get(policy.logo.file)
    if logo is None:
        raise PolicyError(_("The logo {name} named in policy.json is missing; a policy without "
                            "its logo is refused.", name=policy.logo.file), "logo")
    logo_type = _image_type(logo)
    if logo_type is None:
        raise PolicyError(_("The logo {name} is not a PNG or JPEG image.",
                            name=policy.logo.file), "logo")
    return PolicyBundle(policy, directory, logo, logo_type, dict(files), manifest)


def open_verified(files: Mapping[str, bytes], public_key: Ed25519PublicKey) -> PolicyBundle:
    """Verify signature.json and the files it lists, then check them; raises PolicyError."""
    manifest_bytes = files.get(MANIFEST_NAME)
    if manifest_bytes is None:
        raise PolicyError(_("The policy is not signed (no {name}); sign it with "
                            "`tradewind policy sign`.", name=MANIFEST_NAME), "signature")
    manifest = read_manifest(manifest_bytes, public_key)
    check_files(manifest, files)
    signed = {name: files[name] for name in manifest.files}
    bundle = check_contents(signed, manifest)
    return PolicyBundle(bundle.policy, bundle.directory, bundle.logo, bundle.logo_type,
                        {**signed, MANIFEST_NAME: manifest_bytes}, manifest)
