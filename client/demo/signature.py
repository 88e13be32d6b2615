"""The demo company's signature policy, installed into a demo profile (the demo shows the product).

``install_demo_policy(store, profile_dir)`` copies ``resources/demo/signature/`` (policy.json,
directory.json, logo.png) into ``PROFILE/demo-signature-policy/``, signs it there with an Ed25519
key generated for this one profile, and provisions the profile with it (``provision.use_policy``,
location = that folder, so `policy refresh` answers "unchanged"). The private key only ever
exists in memory and is dropped afterwards: no file anywhere holds it, so the public key kept in
this profile is trusted by this profile alone and nobody can sign another policy for it.
Filesystem and store only, never the network; the caller's thread. Raises ``PolicyError`` when
the shipped files are broken.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from client.signatures.bundle import PolicyBundle
from client.signatures.integrity import MANIFEST_NAME, policy_files, public_pem, sign_files
from client.signatures.provision import use_policy
from client.store.db import Store

POLICY_FOLDER = "demo-signature-policy"


def install_demo_policy(store: Store, profile_dir: Path, demo_resources: Path) -> PolicyBundle:
    """Sign the demo policy from ``demo_resources/signature`` for this profile and put it in
    force. Replaces the profile's policy folder (not other files); idempotent in effect."""
    files = policy_files(demo_resources / "signature")
    key = Ed25519PrivateKey.generate()  # for this profile only; never written anywhere
    target = profile_dir / POLICY_FOLDER
    target.mkdir(mode=0o700, exist_ok=True)
    for stale in target.iterdir():
        if stale.is_file() and stale.name not in files:
            stale.unlink()
    for name, data in files.items():
        (target / name).write_bytes(data)
    (target / MANIFEST_NAME).write_bytes(sign_files(files, key))
    return use_policy(store, str(target), public_pem(key.public_key()))
