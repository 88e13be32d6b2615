"""`tradewind policy init|keygen|sign|verify|use|refresh|status`: the company signature policy.

Admin side: `init` writes an example policy, `keygen` an Ed25519 key pair, `sign` the manifest
(after checking the whole policy), `verify` checks a folder or URL against a public key. Client
side: `use` provisions this profile (fetch + verify now; nothing changes on failure), `refresh`
fetches updates (a bad or unreachable policy leaves the last valid one in force), `status` shows
what is in force. Policy problems exit 1 with the reason in words, an unreachable location 4.
JSON shapes are documented in docs/signature-policy.md.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode

if TYPE_CHECKING:
    from client.signatures.bundle import PolicyBundle


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `policy` command group."""
    policy = subparsers.add_parser("policy", parents=[common],
                                   help="company signature policy (admin and client)")
    sub = policy.add_subparsers(dest="policy_command", metavar="ACTION", required=True)

    init = sub.add_parser("init", parents=[common], help="write a commented example policy")
    init.add_argument("directory", metavar="DIR")
    init.set_defaults(handler=cmd_init)

    keygen = sub.add_parser("keygen", parents=[common], help="create an Ed25519 signing key pair")
    keygen.add_argument("keydir", metavar="KEYDIR")
    keygen.set_defaults(handler=cmd_keygen)

    sign = sub.add_parser("sign", parents=[common], help="check and sign a policy folder")
    sign.add_argument("directory", metavar="DIR")
    sign.add_argument("--key", required=True, metavar="PRIVATE_KEY")
    sign.set_defaults(handler=cmd_sign)

    for name, handler, text in (("verify", cmd_verify, "check a policy's signature and content"),
                                ("use", cmd_use, "provision this client with a policy")):
        action = sub.add_parser(name, parents=[common], help=text)
        action.add_argument("location", metavar="LOCATION",
                            help="a folder (local or shared) or an https:// URL")
        action.add_argument("--key", required=True, metavar="PUBLIC_KEY")
        action.add_argument("--ca-file", metavar="PEM",
                            help="trust this CA for the HTTPS server (else the system store)")
        action.set_defaults(handler=handler)

    refresh = sub.add_parser("refresh", parents=[common], help="fetch policy updates now")
    refresh.set_defaults(handler=cmd_refresh)
    status = sub.add_parser("status", parents=[common], help="show the policy in force")
    status.set_defaults(handler=cmd_status)


@contextmanager
def policy_errors() -> Iterator[None]:
    """Turn policy errors into CliErrors: unreachable → network (4), anything else → 1."""
    from client.signatures.fetch import PolicyUnreachable
    from client.signatures.schema import PolicyError

    try:
        yield
    except PolicyUnreachable as exc:
        raise CliError(str(exc), ExitCode.NETWORK) from exc
    except PolicyError as exc:
        raise CliError(str(exc), ExitCode.GENERAL) from exc


def summary(bundle: PolicyBundle) -> dict[str, Any]:
    """The stable JSON description of a checked policy."""
    manifest = bundle.manifest
    people = {p.email for p in bundle.directory.people.values()}
    return {
        "schema_version": bundle.policy.version,
        "templates": sorted(bundle.policy.templates),
        "rules": len(bundle.policy.rules),
        "people": len(people),
        "logo": {"file": bundle.policy.logo.file, "type": bundle.logo_type,
                 "bytes": len(bundle.logo)},
        "key_id": manifest.key_id if manifest else None,
        "signed_at": manifest.signed_at if manifest else None,
        "files": sorted(manifest.files) if manifest else sorted(bundle.files),
    }


def _summary_text(bundle: PolicyBundle) -> str:
    doc = summary(bundle)
    return (f"Templates: {', '.join(doc['templates'])}; {doc['rules']} rule(s); "
            f"{doc['people']} rep(s) in the directory; logo {doc['logo']['file']}.\n"
            f"Signed {doc['signed_at']} with key {doc['key_id']}.")


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    from client.signatures.example import write_example

    with policy_errors():
        written = write_example(Path(args.directory))
    ctx.emit({"directory": str(args.directory), "files": [p.name for p in written]},
             f"Example policy written to {args.directory}: "
             f"{', '.join(p.name for p in written)}.\nEdit it, then sign it with "
             "`tradewind policy sign DIR --key PRIVATE_KEY`.")
    return ExitCode.OK


def cmd_keygen(ctx: Context, args: argparse.Namespace) -> int:
    from client.signatures.integrity import generate_keys, key_id, load_public_key

    with policy_errors():
        private, public = generate_keys(Path(args.keydir))
        kid = key_id(load_public_key(public))
    ctx.emit({"private_key": str(private), "public_key": str(public), "key_id": kid},
             f"Private key: {private} (keep it secret; it signs policies)\n"
             f"Public key:  {public} (give it to every client)\nKey id: {kid}")
    return ExitCode.OK


def cmd_sign(ctx: Context, args: argparse.Namespace) -> int:
    from client.signatures.bundle import check_contents, open_verified
    from client.signatures.integrity import (
        MANIFEST_NAME,
        load_private_key,
        policy_files,
        sign_files,
    )

    directory = Path(args.directory)
    with policy_errors():
        key = load_private_key(Path(args.key))
        files = policy_files(directory)
        check_contents(files)  # never sign a policy clients would refuse
        _check_price_list(files)
        manifest = sign_files(files, key)
        target = directory / MANIFEST_NAME
        tmp = target.with_name(f".{MANIFEST_NAME}.tmp")
        tmp.write_bytes(manifest)
        tmp.replace(target)
        bundle = open_verified({**files, MANIFEST_NAME: manifest}, key.public_key())
    ctx.emit(summary(bundle), f"Signed {directory} ({len(files)} files).\n"
             + _summary_text(bundle))
    return ExitCode.OK


def _check_price_list(files: Any) -> None:
    """A company price list in the folder must read before it is signed (exit 2)."""
    from client.quotes.company_products import check_signed_price_list
    from client.quotes.products import ProductImportError

    try:
        check_signed_price_list(files)
    except ProductImportError as exc:
        raise CliError(f"The company price list is not signed: {exc}", ExitCode.USAGE,
                       {"problems": [{"row": r, "message": m} for r, m in exc.problems]}
                       ) from None


def _public_key_pem(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CliError(f"Cannot read the public key {path}: {exc.strerror or exc}.",
                       ExitCode.USAGE) from exc


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    from client.signatures.bundle import open_verified
    from client.signatures.fetch import read_location
    from client.signatures.integrity import parse_public_key

    pem = _public_key_pem(args.key)
    with policy_errors():
        key = parse_public_key(pem, args.key)
        bundle = open_verified(read_location(args.location, args.ca_file), key)
    ctx.emit({"valid": True, **summary(bundle)},
             f"The policy at {args.location} is valid.\n" + _summary_text(bundle))
    return ExitCode.OK


def cmd_use(ctx: Context, args: argparse.Namespace) -> int:
    from client.signatures.fetch import is_url
    from client.signatures.provision import use_policy

    pem = _public_key_pem(args.key)
    location = args.location if is_url(args.location) else str(Path(args.location).resolve())
    ca_file = str(Path(args.ca_file).resolve()) if args.ca_file else None
    with policy_errors():
        bundle = use_policy(ctx.store(), location, pem, ca_file)
    ctx.emit({"location": location, **summary(bundle)},
             f"This profile now uses the signature policy at {location}.\n"
             + _summary_text(bundle))
    return ExitCode.OK


def cmd_refresh(ctx: Context, args: argparse.Namespace) -> int:
    from client.signatures.provision import refresh

    result = refresh(ctx.store())
    doc = {"status": result.status, "message": result.message,
           "in_force": summary(result.in_force) if result.in_force else None}
    if result.status == "refused":
        raise CliError(result.message, ExitCode.GENERAL, {"status": result.status})
    if result.status == "unreachable":
        raise CliError(f"{result.message} The last valid policy stays in force.",
                       ExitCode.NETWORK, {"status": result.status})
    ctx.emit(doc, result.message)
    return ExitCode.OK


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    from client.signatures import provision

    store = ctx.store()
    src = provision.source(store)
    with policy_errors():
        bundle = provision.policy_in_force(store)
    check = provision.last_check(store)
    doc = {"configured": src is not None, "location": src.location if src else None,
           "in_force": summary(bundle) if bundle else None, "last_check": check}

    def text() -> str:
        if src is None or bundle is None:
            return "No company signature policy is configured (`tradewind policy use`)."
        last = f"\nLast check: {check['status']}: {check['message']}" if check else ""
        return f"Policy from {src.location}\n{_summary_text(bundle)}{last}"

    ctx.emit(doc, text)
    return ExitCode.OK
