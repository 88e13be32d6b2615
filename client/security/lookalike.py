"""Is a sender's domain a lookalike of a domain the rep already corresponds with (B1)?

``registrable(host)`` is the registrable domain of a host (Public Suffix List, via
``publicsuffixlist``; ``buyer.com.cn`` for ``mail.buyer.com.cn``), lower case, punycode.
``lookalike_of(domain, known)`` compares one registrable domain with the known ones and returns
the first ``Lookalike(domain, known, how)`` found, else None; ``how`` is one of
- ``confusable``: the same UTS #39 skeleton (``confusable-homoglyphs`` table, plus the
  multi-letter Latin tricks ``rn``/``m``, ``vv``/``w``, ``cl``/``d``, digits for letters);
- ``tld-swap``: the same name under another suffix (``.com`` → ``.co``, ``.com.cn`` → ``.cn``);
- ``added-word``: the known name with a hyphen or a word such as ``-group``/``-trading`` added
  or removed;
- ``edit-distance``: Damerau-Levenshtein distance 1 (names of 4+ letters) or 2 (8+ letters).
A domain that is itself known is never a lookalike. ``is_idn(domain)`` says whether a label is
punycode (``xn--``). Pure, any thread, never raises on bad input (an odd host gives None).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

CONFUSABLE, TLD_SWAP, ADDED_WORD, EDIT_DISTANCE = (
    "confusable", "tld-swap", "added-word", "edit-distance")
#: words impostors add to a company's name (``abc-trading.com`` for ``abc.com``)
ADDED_WORDS = ("group", "trading", "trade", "ltd", "limited", "co", "corp", "inc", "intl",
               "international", "global", "hk", "cn", "china", "official", "online", "mail",
               "email", "team", "finance", "accounts", "payment", "pay", "invoice", "sales",
               "export", "import", "industry", "industrial", "company", "holdings")
_MULTI = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("1", "l"), ("i", "l"),
          ("5", "s"), ("3", "e"))


@dataclass(frozen=True)
class Lookalike:
    """``domain`` imitates the known ``known`` in the way ``how``."""

    domain: str
    known: str
    how: str


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


def ascii_host(host: str) -> str:
    """``host`` in lower-case punycode (IDNA 2008 via the ``idna`` package), or as given."""
    host = host.strip().strip(".").lower()
    if host.isascii():
        return host
    import idna

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return host


@lru_cache(maxsize=4096)
def registrable(host: str) -> str:
    """The registrable domain of ``host`` (see module docstring); "" for an empty host."""
    host = ascii_host(host)
    if not host:
        return ""
    return _psl().privatesuffix(host) or host


def domain_of(address: str) -> str:
    """The registrable domain of an e-mail address ("" without an @)."""
    return registrable(address.rsplit("@", 1)[1]) if "@" in address else ""


def _split(domain: str) -> tuple[str, str]:
    suffix = _psl().publicsuffix(domain) or domain.rsplit(".", 1)[-1]
    name = domain[: -len(suffix)].rstrip(".") if domain.endswith(suffix) else domain
    return name, suffix


def unicode_host(domain: str) -> str:
    """``domain`` with its punycode labels decoded (for the confusable skeleton)."""
    import idna

    try:
        return idna.decode(domain)
    except (idna.IDNAError, UnicodeError, ValueError):
        return domain


@lru_cache(maxsize=4096)
def skeleton(text: str) -> str:
    """A UTS #39-style skeleton: every confusable character mapped to its Latin lookalike,
    then the multi-letter tricks folded."""
    out = []
    for char in text.lower():
        if char.isascii():
            out.append(char)
            continue
        from confusable_homoglyphs import confusables  # its table loads on first use

        found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"])
        glyphs = found[0]["homoglyphs"] if found else []
        latin = [g["c"] for g in glyphs if g["c"].isascii()]
        out.append(latin[0].lower() if latin else char)
    folded = "".join(out)
    for source, target in _MULTI:
        folded = folded.replace(source, target)
    return folded


def damerau_levenshtein(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance of ``a`` and ``b`` (stops counting at ``limit``)."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return min(previous[-1], limit)


def _added_word(name: str, known: str) -> bool:
    plain, plain_known = name.replace("-", ""), known.replace("-", "")
    if plain == plain_known:
        return name != known
    for word in ADDED_WORDS:
        for longer, shorter in ((plain, plain_known), (plain_known, plain)):
            if len(shorter) >= 3 and longer in (shorter + word, word + shorter):
                return True
    return False


def _compare(domain: str, known: str) -> str | None:
    name, suffix = _split(domain)
    known_name, known_suffix = _split(known)
    if not name or not known_name:
        return None
    if name == known_name and suffix != known_suffix:
        return TLD_SWAP
    shape, known_shape = skeleton(unicode_host(name)), skeleton(unicode_host(known_name))
    if shape == known_shape and (name, suffix) != (known_name, known_suffix):
        return CONFUSABLE
    if _added_word(name, known_name):
        return ADDED_WORD
    shortest = min(len(name), len(known_name))
    distance = damerau_levenshtein(name, known_name)
    if (distance == 1 and shortest >= 4) or (distance == 2 and shortest >= 8):
        return EDIT_DISTANCE
    return None


def lookalike_of(domain: str, known: Collection[str]) -> Lookalike | None:
    """The first known domain that ``domain`` imitates (see module docstring), else None."""
    domain = registrable(domain)
    if not domain or domain in known:
        return None
    for candidate in sorted(known):
        how = _compare(domain, candidate)
        if how is not None:
            return Lookalike(domain, candidate, how)
    return None


def is_idn(domain: str) -> bool:
    """True when a label of ``domain`` is punycode (``xn--``), i.e. shown in another script."""
    return any(label.startswith("xn--") for label in ascii_host(domain).split("."))


def lookalikes(domains: Iterable[str], known: Collection[str]) -> list[Lookalike]:
    """``lookalike_of`` for each of ``domains`` that imitates one (duplicates once)."""
    found = [lookalike_of(d, known) for d in dict.fromkeys(domains)]
    return [f for f in found if f is not None]
