"""Payment-change, urgency and secrecy wording in the rep's trade languages (B6, B8).

``payment_change(text)`` returns the first phrase of ``text`` that announces new or changed
bank details (English, Chinese, Spanish, Portuguese, French, German, Russian, Arabic), unless
the same sentence says the details are NOT changing ("our bank details are unchanged",
"账户不变", "sin cambios"…); ``urgency(text)`` and ``secrecy(text)`` the first pressure or
secrecy phrase. Each returns the matched words (shown as the reason's detail) or None.
Case-insensitive regular expressions; pure, any thread, never raises.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.UNICODE

_CHANGE = re.compile("|".join([
    # English
    r"\b(new|updated?|changed?|different|alternative|another)\s+(bank(ing)?|beneficiary|"
    r"remittance|payment|account|wire)\s*(account|details|information|info|instructions?|"
    r"number)?",
    r"\b(changed?|updated?|switched|moved)\s+(our|the|my)\s+(bank(ing)?|account|beneficiary)",
    r"\b(bank(ing)?|account|payment|remittance)\s+(details|information|instructions?)\s+"
    r"(have|has)\s+(been\s+)?(changed|updated)",
    r"\b(pay|remit|transfer|send)\s+(the\s+)?(balance|payment|funds|amount)?\s*(to|into)\s+"
    r"(our|the)\s+new\s+account",
    r"\bold\s+(bank\s+)?account\s+(is\s+)?(no\s+longer|closed|frozen|blocked|under\s+audit)",
    # Chinese
    r"(更改|变更|更换|修改|新的?)(收款|银行|汇款)?(账户|帐户|账号|帐号)",
    r"(银行|收款)(账户|帐户|账号|帐号|信息|资料)(已)?(变更|更改|更换|修改)",
    r"(请|烦请)?(汇款|付款|转账)至新(的)?(账户|帐户|账号)",
    r"原(账户|帐户|账号)(已)?(冻结|停用|注销|不再使用)",
    # Spanish
    r"\b(nueva|otra)\s+cuenta(\s+bancaria)?",
    r"\b(cambio|actualización)\s+de\s+(cuenta|datos\s+bancarios)",
    r"\bdatos\s+bancarios\s+(han\s+)?(cambiado|actualizados|nuevos)",
    # Portuguese
    r"\bnova\s+conta(\s+bancária)?",
    r"\b(mudança|alteração|atualização)\s+(de|da|dos)\s+(conta|dados\s+bancários)",
    r"\bdados\s+bancários\s+(foram\s+)?(alterados|atualizados|novos)",
    # French
    r"\bnouveau(x)?\s+(compte|coordonnées\s+bancaires|rib|iban)",
    r"\bnouvelles?\s+coordonnées\s+bancaires",
    r"\b(changement|modification)\s+(de|des)\s+(compte|coordonnées\s+bancaires|rib)",
    # German
    r"\bneue(s|n)?\s+(bankverbindung|konto|kontonummer|iban|bankdaten)",
    r"\b(geänderte|aktualisierte)\s+(bankverbindung|bankdaten|kontodaten)",
    r"\b(bankverbindung|kontoverbindung|bankdaten)\s+(hat\s+sich\s+)?(geändert|ändert)",
    # Russian
    r"(нов(ый|ые|ого|ому)|измен[её]нн?(ый|ые))\s+(банковск(ий|ие|ого)\s+)?(сч[её]т|реквизит)",
    r"(изменени[еяю]|смен[аыу])\s+(банковских\s+)?(реквизитов|сч[её]та)",
    r"реквизиты\s+(изменились|обновлены)",
    # Arabic
    r"حساب\s+(بنكي\s+)?جديد",
    r"(تغيير|تحديث)\s+(الحساب|تفاصيل\s+الحساب|البيانات\s+البنكية|الحساب\s+البنكي)",
]), _FLAGS)

_UNCHANGED = re.compile("|".join([
    r"\b(un|not\s+|never\s+)changed\b", r"\bremain(s|ed)?\s+(the\s+same|unchanged|valid)",
    r"\bno\s+change", r"\bwill\s+never\s+change", r"\bhave\s+not\s+changed",
    r"\bsame\s+(bank\s+)?account", r"\b(beware|warning|caution)\b.{0,40}\b(fraud|phishing|scam)",
    r"不变", r"未(变更|更改|改变)", r"没有(变更|更改|变化)", r"不会(变更|更改)",
    r"\bsin\s+cambios?\b", r"\bno\s+(han\s+)?cambiad[oa]s?\b", r"\bsem\s+alteraç",
    r"\bnão\s+(foram\s+)?alterad", r"\binchangé", r"\bne\s+changent\s+pas",
    r"\bunverändert", r"\bnicht\s+geändert", r"\bне\s+измен", r"\bбез\s+изменений",
    r"لم\s+تتغير", r"دون\s+تغيير",
]), _FLAGS)

_URGENT = re.compile("|".join([
    r"\burgent(ly)?\b", r"\bimmediately\b", r"\bas\s+soon\s+as\s+possible\b", r"\basap\b",
    r"\b(by|before)\s+(today|tonight|end\s+of\s+(the\s+)?day|close\s+of\s+business)\b",
    r"\btoday\s+without\s+fail\b", r"\boverdue\b",
    r"紧急", r"加急", r"尽快", r"立即", r"今天(之内|内)",
    r"\burgente\b", r"\binmediatamente\b", r"\bimediatamente\b", r"\bhoje\b",
    r"\bdringend\b", r"\bsofort\b", r"\bsrochno\b", r"срочно", r"немедленно", r"عاجل", r"فورا",
]), _FLAGS)

_SECRET = re.compile("|".join([
    r"\bconfidential\b", r"\bdo\s+not\s+(call|phone|discuss|tell|share)\b",
    r"\bkeep\s+(this|it)\s+(between\s+us|private|quiet|confidential)\b",
    r"\b(ceo|director|boss|manager)\s+is\s+(travel+ing|in\s+a\s+meeting|unavailable)\b",
    r"\bonly\s+(by|via)\s+e-?mail\b",
    r"保密", r"不要(打电话|致电|告诉)", r"机密",
    r"\bconfidencial\b", r"\bno\s+llame\b", r"\bconfidentiel\b", r"\bvertraulich\b",
    r"конфиденциально", r"не\s+звоните", r"سري",
]), _FLAGS)



def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?。！？\n")
    rights = [i for i in (text.find(c, end) for c in ".!?。！？\n") if i >= 0]
    return text[left + 1: min(rights) if rights else len(text)]


def payment_change(text: str) -> str | None:
    """The first phrase announcing changed bank details, unless denied in its sentence."""
    for match in _CHANGE.finditer(text or ""):
        if not _UNCHANGED.search(_sentence_around(text, match.start(), match.end())):
            return " ".join(match.group(0).split())
    return None


def urgency(text: str) -> str | None:
    """The first pressure phrase ("urgent", "紧急"…), else None."""
    match = _URGENT.search(text or "")
    return " ".join(match.group(0).split()) if match else None


def secrecy(text: str) -> str | None:
    """The first secrecy phrase ("confidential", "do not call", "保密"…), else None."""
    match = _SECRET.search(text or "")
    return " ".join(match.group(0).split()) if match else None
