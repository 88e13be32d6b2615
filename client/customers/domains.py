"""An address's registrable domain (public-suffix list) and whether it is a free-mail host.

`registrable_domain("a@sales.acme.com.cn") -> "acme.com.cn"` uses `tldextract` with the
public-suffix snapshot bundled in the package: never any network, never a cache directory. A
host under no listed suffix (`.example`, `.local`) gives its last two labels; an IP address,
a bare suffix or a one-label host gives ''.
`is_free_mail(domain)` reads `resources/customers/free_mail_domains.txt` (its source is named
in the file). Pure; any thread (the extractor is built once and only read).
"""

from __future__ import annotations

from functools import cache

from client.resources import resources_dir


@cache
def _extractor() -> object:
    import tldextract

    # suffix_list_urls=() and no cache dir: the snapshot shipped inside the package, offline
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                 fallback_to_snapshot=True)


def domain_of(address: str) -> str:
    """The lower-cased host part of an address ('' without an @)."""
    _, at, host = address.strip().rpartition("@")
    return host.strip().strip(".").lower() if at else ""


def registrable_domain(address_or_host: str) -> str:
    """`sales.acme.com.cn` → `acme.com.cn`; '' for a bare suffix, an IP or nothing."""
    host = domain_of(address_or_host) if "@" in address_or_host else address_or_host.lower()
    if not host:
        return ""
    parts = _extractor()(host)  # type: ignore[operator]
    if not parts.suffix:
        # a name outside the public list (`.example`, `.test`, a company's `.local`): its last
        # two labels, so `sales.kunde.example` is still one company with `kunde.example`
        labels = [label for label in host.split(".") if label]
        if len(labels) < 2 or all(label.isdigit() for label in labels):
            return ""
        return ".".join(labels[-2:])
    if not parts.domain:
        return ""
    return f"{parts.domain}.{parts.suffix}"


def suffix_of(domain: str) -> str:
    """The public suffix of a registrable domain (`acme.com.cn` → `com.cn`)."""
    return str(_extractor()(domain).suffix)  # type: ignore[operator]


@cache
def _free_mail() -> tuple[frozenset[str], frozenset[str]]:
    exact: set[str] = set()
    wild: set[str] = set()
    path = resources_dir() / "customers" / "free_mail_domains.txt"
    for line in path.read_text("utf-8").splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if entry.endswith(".*"):
            wild.add(entry[:-2])
        elif entry:
            exact.add(entry)
    return frozenset(exact), frozenset(wild)


def is_free_mail(domain: str) -> bool:
    """Whether `domain` (registrable) is a consumer mail host (`yahoo.co.uk`, `163.com`)."""
    domain = domain.lower()
    exact, wild = _free_mail()
    if domain in exact:
        return True
    label = domain.split(".", 1)[0]
    return label in wild and bool(domain.partition(".")[2])
