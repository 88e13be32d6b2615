"""The words of a reply's attribution line and a forward's header block, per UI language.

Plain strings per language (no Qt): English, Simplified Chinese, German, Spanish, French,
Italian, Portuguese and Russian (``QUOTE_LANGUAGES``); any other language gets English words. Dates go through babel in the requested locale and in ``zone`` (None: this
computer's local time zone), e.g. "On Nov 27, 2026, 2:05 PM, Wang Wei wrote:" and
"2026年11月27日 14:05，Wang Wei 写道：". Pure functions, any thread; never raise for an unknown
language name (English is used).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class QuoteWords:
    """The fixed words of one language; ``attribution`` has {date} and {name} fields."""

    attribution: str
    attribution_undated: str
    forwarded: str
    sender: str
    date: str
    subject: str
    to: str
    cc: str
    colon: str


_ENGLISH = QuoteWords(
    attribution="On {date}, {name} wrote:", attribution_undated="{name} wrote:",
    forwarded="---------- Forwarded message ----------", sender="From", date="Date",
    subject="Subject", to="To", cc="Cc", colon=": ",
)
_CHINESE = QuoteWords(
    attribution="{date}，{name} 写道：", attribution_undated="{name} 写道：",
    forwarded="---------- 转发的邮件 ----------", sender="发件人", date="日期",
    subject="主题", to="收件人", cc="抄送", colon="：",
)

_WORDS = {
    "en": _ENGLISH, "zh": _CHINESE,
    "de": QuoteWords("Am {date} schrieb {name}:", "{name} schrieb:",
                     "---------- Weitergeleitete Nachricht ----------", "Von", "Datum",
                     "Betreff", "An", "Cc", ": "),
    "es": QuoteWords("El {date}, {name} escribió:", "{name} escribió:",
                     "---------- Mensaje reenviado ----------", "De", "Fecha", "Asunto",
                     "Para", "Cc", ": "),
    "fr": QuoteWords("Le {date}, {name} a écrit :", "{name} a écrit :",
                     "---------- Message transféré ----------", "De", "Date", "Objet", "À",
                     "Cc", " : "),
    "it": QuoteWords("Il giorno {date} {name} ha scritto:", "{name} ha scritto:",
                     "---------- Messaggio inoltrato ----------", "Da", "Data", "Oggetto",
                     "A", "Cc", ": "),
    "pt": QuoteWords("Em {date}, {name} escreveu:", "{name} escreveu:",
                     "---------- Mensagem encaminhada ----------", "De", "Data", "Assunto",
                     "Para", "Cc", ": "),
    "ru": QuoteWords("{date}, {name} пишет:", "{name} пишет:",
                     "---------- Пересылаемое сообщение ----------", "От", "Дата", "Тема",
                     "Кому", "Копия", ": "),
}
#: the base language codes that have their own words
QUOTE_LANGUAGES = tuple(_WORDS)


def base_language(language: str) -> str:
    """``zh`` for zh_CN / zh-Hans, ``de`` for de_AT…; lower case."""
    return language.replace("-", "_").split("_")[0].lower()


def words_for(language: str) -> QuoteWords:
    """The words of the language's base (zh for zh, zh_CN, zh-Hans…), else English."""
    return _WORDS.get(base_language(language), _ENGLISH)


def babel_locale(language: str) -> Locale:
    """The babel locale for ``language`` (a name like en, en_GB, zh_CN); English if unknown."""
    try:
        return Locale.parse(language.replace("-", "_") or DEFAULT_LANGUAGE)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def quote_date(moment: datetime | None, language: str, zone: tzinfo | None = None) -> str:
    """Medium date and short time in ``language``'s conventions; '' when unknown."""
    if moment is None:
        return ""
    locale = babel_locale(language)
    local = moment.astimezone(zone)
    pattern = str(locale.datetime_formats.get("medium", "{1} {0}"))
    return pattern.format(format_time(local, format="short", locale=locale),
                          format_date(local.date(), format="medium", locale=locale))


def attribution_line(name: str, moment: datetime | None, language: str,
                     zone: tzinfo | None = None) -> str:
    """"On DATE, NAME wrote:" in ``language`` (without the date when it is unknown); a
    language without its own words is written in English, date included."""
    words = words_for(language)
    if base_language(language) not in _WORDS:
        language = DEFAULT_LANGUAGE
    if moment is None:
        return words.attribution_undated.format(name=name)
    return words.attribution.format(date=quote_date(moment, language, zone), name=name)
