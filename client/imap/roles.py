"""Which standard role a folder plays: inbox/sent/drafts/trash/junk/archive.

SPECIAL-USE attributes (RFC 6154) win; otherwise the last path component (or the whole name) is
matched case-insensitively against the names common providers use in English, Chinese, German,
French, Spanish, Portuguese, Italian and Japanese, including Gmail's ``[Gmail]/…`` and
``[Google Mail]/…`` folders. Pure functions, any thread.
"""

from __future__ import annotations

from collections.abc import Iterable

ROLES = ("inbox", "sent", "drafts", "trash", "junk", "archive")

_SPECIAL_USE = {
    "\\sent": "sent",
    "\\drafts": "drafts",
    "\\trash": "trash",
    "\\junk": "junk",
    "\\archive": "archive",
    "\\all": "archive",
}

_NAMES: dict[str, tuple[str, ...]] = {
    "sent": (
        "sent", "sent items", "sent messages", "sent mail", "sent-mail", "sentmail",
        "已发送", "已发送邮件", "已傳送", "寄件備份", "已发邮件", "gesendet", "gesendete elemente",
        "gesendete objekte", "gesendete nachrichten", "envoyés", "éléments envoyés",
        "messages envoyés", "enviados", "elementos enviados", "itens enviados", "posta inviata",
        "inviati", "送信済み", "送信済みアイテム", "送信済みメール",
    ),
    "drafts": (
        "drafts", "draft", "草稿箱", "草稿", "草稿夹", "entwürfe", "brouillons", "borradores",
        "rascunhos", "bozze", "下書き",
    ),
    "trash": (
        "trash", "deleted items", "deleted messages", "deleted", "bin", "已删除", "已删除邮件",
        "垃圾桶", "废纸篓", "回收站", "papierkorb", "gelöschte elemente", "gelöschte objekte",
        "corbeille", "éléments supprimés", "papelera", "elementos eliminados", "lixeira",
        "itens excluídos", "cestino", "posta eliminata", "ゴミ箱", "削除済みアイテム",
    ),
    "junk": (
        "junk", "spam", "junk e-mail", "junk email", "junk mail", "bulk mail", "垃圾邮件",
        "垃圾郵件", "广告邮件", "spamverdacht", "courrier indésirable", "indésirables",
        "correo no deseado", "lixo eletrônico", "posta indesiderata", "迷惑メール",
    ),
    "archive": ("archive", "archives", "归档", "存档", "archiv", "archivo", "arquivo", "archivio", "アーカイブ"),
}
_BY_NAME = {name.casefold(): role for role, names in _NAMES.items() for name in names}
_GMAIL_PREFIXES = ("[gmail]", "[google mail]")
_GMAIL_ALL = ("all mail", "所有邮件", "alle nachrichten", "tous les messages", "todos")


def role_from_attrs(attrs: Iterable[str]) -> str | None:
    """The role named by a SPECIAL-USE attribute, or None."""
    lowered = {a.lower() for a in attrs}
    for attr, role in _SPECIAL_USE.items():
        if attr in lowered and attr != "\\all":
            return role
    return "archive" if "\\all" in lowered else None


def role_from_name(name: str, delimiter: str | None) -> str | None:
    """Guess a role from a decoded folder name, or None."""
    folded = name.strip().casefold()
    if folded == "inbox":
        return "inbox"
    parts = folded.split(delimiter) if delimiter else [folded]
    leaf = parts[-1].strip()
    top = parts[0].strip()
    if len(parts) == 2 and top in _GMAIL_PREFIXES and leaf in _GMAIL_ALL:
        return "archive"
    # Only the top level, a child of INBOX (Courier/Dovecot namespaces) or of [Gmail] counts, so
    # "Projects/Sent" stays a normal folder.
    if len(parts) == 1 or (len(parts) == 2 and top in ("inbox", *_GMAIL_PREFIXES)):
        return _BY_NAME.get(leaf)
    return None


def detect_role(name: str, delimiter: str | None, attrs: Iterable[str]) -> str | None:
    """SPECIAL-USE first, then ``\\Inbox`` or the name INBOX, then name heuristics."""
    attrs = list(attrs)
    if any(a.lower() == "\\inbox" for a in attrs) or name.upper() == "INBOX":
        return "inbox"
    return role_from_attrs(attrs) or role_from_name(name, delimiter)


def assign_roles(folders: list[tuple[str, str | None, frozenset[str]]]) -> list[str | None]:
    """Roles for a whole LIST result, each role given to at most one folder: a SPECIAL-USE
    folder beats a name match, and among name matches the first listed wins."""
    roles: list[str | None] = [None] * len(folders)
    taken: set[str] = set()
    for i, (name, _delim, attrs) in enumerate(folders):
        role = "inbox" if name.upper() == "INBOX" else role_from_attrs(attrs)
        if role and role not in taken:
            roles[i] = role
            taken.add(role)
    for i, (name, delim, _attrs) in enumerate(folders):
        if roles[i] is None:
            role = role_from_name(name, delim)
            if role and role not in taken:
                roles[i] = role
                taken.add(role)
    return roles
