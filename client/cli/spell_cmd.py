"""`tradewind spell [--lang CODE] [--add WORD] [--json] TEXT|-`: the misspelled words of a text
with up to five suggestions each, in the dictionary of ``--lang`` (de, de_DE, pt-BR…), else
the language the text is written in (``client.spelling.language``). ``-`` reads the text
from standard input. Words of the profile's personal dictionary are not reported;
``--add WORD`` puts a word there (and checks nothing else). An unknown language or a word
that cannot be added exits 2 with the reason in words (``--json``: the error document plus
``reason``: ``no-dictionary``, ``no-text`` or ``bad-word``); where the Hunspell binding is
not installed it exits 1 (``no-engine``). Main thread.
"""

from __future__ import annotations

import argparse
from typing import Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode
from client.cli.output import safe_text


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `spell` command."""
    parser = subparsers.add_parser("spell", parents=[common],
                                   help="check the spelling of a text, with suggestions")
    parser.add_argument("text", metavar="TEXT", nargs="?", default=None,
                        help="the text to check, or - to read it from standard input")
    parser.add_argument("--lang", dest="spell_language", metavar="CODE", default=None,
                        help="dictionary: en_US, en_GB, de_DE, es_ES, fr_FR, pt_PT, pt_BR, "
                             "ru_RU or a bare language (default: the text's language)")
    parser.add_argument("--add", dest="add_word", metavar="WORD", default=None,
                        help="add WORD to your personal dictionary")
    parser.set_defaults(handler=cmd_spell)


def cmd_spell(ctx: Context, args: argparse.Namespace) -> int:
    from client.spelling import dictionaries
    from client.spelling.checker import EngineMissing, SpellingError, checker_for
    from client.spelling.language import guess_language
    from client.spelling.personal import add_word, personal_words

    if args.add_word is not None:
        try:
            add_word(ctx.store(), args.add_word)
        except ValueError as exc:
            raise CliError(str(exc), ExitCode.USAGE, {"reason": "bad-word"}) from exc
        ctx.emit({"added": args.add_word.strip()}, f"added: {safe_text(args.add_word.strip())}")
        return int(ExitCode.OK)
    if args.text is None:
        raise CliError("spell: give the TEXT to check, or - to read it from standard input",
                       ExitCode.USAGE, {"reason": "no-text"})
    text = ctx.stdin.read() if args.text == "-" else args.text
    extra = [dictionaries.profile_dictionaries(ctx.profile.directory)]
    installed = dictionaries.available(extra)
    code = args.spell_language or guess_language(text, installed)
    try:
        checker = checker_for(code, extra)
        found = checker.check(text, personal_words(ctx.store()))
        entries: list[dict[str, Any]] = [{"word": m.word, "start": m.start, "end": m.end,
                    "suggestions": checker.suggest(m.word)} for m in found]
    except EngineMissing as exc:
        raise CliError(str(exc), ExitCode.GENERAL, {"reason": "no-engine"}) from exc
    except SpellingError as exc:
        raise CliError(str(exc), ExitCode.USAGE, {"reason": "no-dictionary"}) from exc

    def shown() -> str:
        if not entries:
            return f"no misspelled words ({checker.code})"
        return "\n".join(
            f"{safe_text(e['word'])} [{e['start']}-{e['end']}]: "
            + (", ".join(safe_text(str(s)) for s in e["suggestions"]) or "(no suggestion)")
            for e in entries)

    ctx.emit({"language": checker.code, "misspellings": entries}, shown)
    return int(ExitCode.OK)
