"""The wizard's company-signature step, its work off the GUI thread. Qt-free.

``check`` fetches and verifies a policy (``provision.check_policy``, the steps of
``tradewind policy use``) and describes it for the account's address; ``install`` does the same
and keeps it in the profile (``provision.use_policy``; idempotent; a refused policy changes
nothing, so the previous one stays in force); ``current`` describes the policy already in force.
``refusal`` sorts a failure into a kind the wizard titles in words, from the core's typed
``PolicyError.code`` (the words themselves are in the rep's language and never matched). ``check``, ``install`` and
``current`` do blocking I/O (call them through ``ui.qt.tasks.run_in_background``); each opens its
own ``Store``. They raise ``PolicyError`` / ``PolicyUnreachable``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from client.i18n import _
from client.signatures import provision
from client.signatures.bundle import PolicyBundle
from client.signatures.fetch import PolicyUnreachable, is_url
from client.signatures.render import SignatureRequest, render_signature, template_for
from client.signatures.schema import POLICY_ERROR_CODES, PolicyError
from client.store.db import Store


@dataclass(frozen=True)
class PolicyKey:
    """The company's public key as the rep gave it: pasted text wins over a file path."""

    file: str = ""
    text: str = ""

    def pem(self) -> bytes:
        """The PEM bytes; raises PolicyError when neither is given or the file is unreadable."""
        if self.text.strip():
            return self.text.strip().encode("utf-8") + b"\n"
        if not self.file.strip():
            raise PolicyError(_("Choose the company's public key file or paste the key."), "key")
        path = Path(self.file.strip()).expanduser()
        try:
            return path.read_bytes()
        except OSError as exc:
            raise PolicyError(_("Cannot read the public key {path}: {detail}.", path=path,
                                detail=exc.strerror or exc), "key") from exc


@dataclass(frozen=True)
class PolicySummary:
    """A verified policy in words' raw material. ``template``: the one this address gets (None
    when no rule matches); ``languages``: its variants; ``problem``: why this address cannot
    sign yet (English from the core, e.g. a required value missing), else None."""

    location: str
    company: str
    schema_version: int
    signed_at: str
    key_id: str
    template: str | None
    languages: tuple[str, ...]
    has_reply_form: bool
    problem: str | None


@dataclass(frozen=True)
class CurrentPolicy:
    """What is in force now: ``summary`` None with ``problem`` set when the kept copy is broken."""

    summary: PolicySummary | None
    problem: str | None


def normal_location(location: str) -> str:
    """A URL as typed; a path made absolute (as ``tradewind policy use`` does)."""
    text = location.strip()
    if not text:
        raise PolicyError(_("Enter where the company keeps the policy: a folder or an https:// "
                            "address."), "location")
    return text if is_url(text) else str(Path(text).expanduser().resolve())


def describe(bundle: PolicyBundle, location: str, email: str) -> PolicySummary:
    """The policy as the wizard shows it, for this sending address. Pure."""
    manifest = bundle.manifest
    problem: str | None = None
    template_name: str | None = None
    languages: tuple[str, ...] = ()
    has_reply = False
    try:
        template = template_for(bundle, email)
        template_name = template.name
        languages = tuple(sorted(template.languages))
        has_reply = template.reply is not None
        render_signature(bundle, SignatureRequest(email))
    except PolicyError as exc:
        problem = str(exc)
    return PolicySummary(location, bundle.policy.company_values.get("company", ""),
                         bundle.policy.version, manifest.signed_at if manifest else "",
                         manifest.key_id if manifest else "", template_name, languages,
                         has_reply, problem)


def check(location: str, key: PolicyKey, email: str) -> PolicySummary:
    """Fetch and verify, keep nothing."""
    where = normal_location(location)
    return describe(provision.check_policy(where, key.pem()), where, email)


def install(db_path: Path, location: str, key: PolicyKey, email: str) -> PolicySummary:
    """Fetch, verify and keep the policy for this profile (idempotent)."""
    where = normal_location(location)
    pem = key.pem()
    with Store.open(db_path) as store:
        bundle = provision.use_policy(store, where, pem)
    return describe(bundle, where, email)


def current(db_path: Path, email: str) -> CurrentPolicy | None:
    """The policy in force for this profile; None when none is configured."""
    with Store.open(db_path) as store:
        src = provision.source(store)
        if src is None:
            return None
        try:
            bundle = provision.policy_in_force(store)
        except PolicyError as exc:
            return CurrentPolicy(None, str(exc))
    if bundle is None:
        return None
    return CurrentPolicy(describe(bundle, src.location, email), None)


def refusal(exc: BaseException) -> str:
    """The kind of failure: unreachable, key, schema, signature, logo, location, policy or
    other (the wizard turns the kind into a translated title; ``str(exc)`` is the detail).
    The kind is the core's ``PolicyError.code``; an unknown code counts as "policy"."""
    if isinstance(exc, PolicyUnreachable):
        return "unreachable"
    if not isinstance(exc, PolicyError):
        return "other"
    return exc.code if exc.code in POLICY_ERROR_CODES else "policy"
