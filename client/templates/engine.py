"""The sandboxed template engine: Jinja2's `ImmutableSandboxedEnvironment`, `StrictUndefined`,
autoescape for the HTML body, bounded work and output, and babel filters.

Contract of `compile_variant` / `render_variant` (pure; any thread; no file or network access,
templates cannot include, import or extend anything):
- a syntax error, an unknown variable, a sandbox escape attempt (`__class__`, `self`, string
  methods such as `format`, ...), or too much work/output raises a `TemplateError` subclass whose
  message names the template, its language, the part (subject / HTML / text) and the file line;
  nothing is rendered then;
- buyer-supplied values are escaped in HTML (no `safe` filter);
- filters `money(currency)`, `number`, `date(format)` format in the render's locale (babel).
"""

from __future__ import annotations

import contextvars
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from types import TracebackType
from typing import Any

from babel.dates import format_date
from babel.numbers import UnknownCurrencyError, format_currency, format_decimal
from jinja2 import StrictUndefined, nodes
from jinja2 import TemplateSyntaxError as JinjaSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.exceptions import TemplateError as JinjaError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from client.i18n import N_, _
from client.mime.html_text import html_to_text
from client.templates.model import Variant

MAX_OUTPUT_CHARS = 256_000  # one rendered part
MAX_WORK_CHARS = 2_000_000  # everything produced on the way (block sets, macros, loops)
MAX_STEPS = 200_000  # calls, attribute/item look-ups, binary operations
MAX_ITERATIONS = 50_000  # loop turns in one render
MAX_POWER = 64

_SAFE_FILTERS = (
    "abs", "capitalize", "count", "default", "d", "dictsort", "e", "escape", "first", "float",
    "groupby", "int", "join", "last", "length", "list", "lower", "map", "max", "min", "reject",
    "rejectattr", "reverse", "round", "select", "selectattr", "sort", "string", "striptags",
    "sum", "title", "trim", "truncate", "unique", "upper", "wordcount", "batch", "slice",
    "items",
)
_STR_METHODS = frozenset({
    "upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip", "startswith",
    "endswith", "isdigit", "isalpha", "isupper", "islower", "split", "splitlines",
})
_ATTRS_BY_TYPE: tuple[tuple[type | tuple[type, ...], frozenset[str]], ...] = (
    (str, _STR_METHODS),
    (dict, frozenset({"items", "keys", "values", "get"})),
    ((list, tuple, set, frozenset, int, float, Decimal, bool), frozenset()),
    ((date, datetime), frozenset({"year", "month", "day", "isoformat"})),
)


class TemplateError(ValueError):
    """A template that cannot be compiled or rendered; the message says which and where."""

    def __init__(self, where: str, part: str, line: int | None, message: str) -> None:
        if line:
            text = _("Template {where}, {part} line {line}: {message}", where=where, part=part,
                     line=line, message=message)
        else:
            text = _("Template {where}, {part}: {message}", where=where, part=part,
                     message=message)
        super().__init__(text)
        self.where, self.part, self.line, self.reason = where, part, line, message


class TemplateSyntaxProblem(TemplateError):
    """The template's source is not valid template language."""


class UnknownVariableError(TemplateError):
    """The template uses a variable or attribute the context does not have."""


class SandboxViolation(TemplateError):
    """The template tried something the sandbox refuses (internals, files, huge work)."""


class OutputTooLarge(TemplateError):
    """The rendered text (or the work on the way) is over the bound."""


class RenderProblem(TemplateError):
    """Another failure while rendering (a bad value for a filter, a division by zero, ...)."""


class _Refused(Exception):
    """Raised inside a render by the sandbox hooks; turned into a TemplateError outside."""

    def __init__(self, message: str, kind: type[TemplateError] = SandboxViolation) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class _RenderState:
    locale: str
    currency: str
    steps: int = 0
    iterations: int = 0
    work: int = 0
    errors: list[str] = field(default_factory=list)


_STATE: contextvars.ContextVar[_RenderState | None] = contextvars.ContextVar(
    "tradewind_template_render", default=None)


def _state() -> _RenderState:
    state = _STATE.get()
    if state is None:  # a compiled template used outside render_variant
        raise _Refused("templates render only through client.templates")
    return state


def _step() -> None:
    state = _state()
    state.steps += 1
    if state.steps > MAX_STEPS:
        raise _Refused(_("the template does more than {count} operations",
                         count=format(MAX_STEPS, ",")), OutputTooLarge)


def _add_work(size: int) -> None:
    state = _state()
    state.work += size
    if state.work > MAX_WORK_CHARS:
        raise _Refused(_("the template produces more than {count} characters",
                         count=format(MAX_WORK_CHARS, ",")), OutputTooLarge)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple, dict, set, frozenset)) else 0


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox with Tradewind's narrower rules (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        for types, allowed in _ATTRS_BY_TYPE:
            if isinstance(obj, types):
                return attr in allowed
        return True

    def wrap_str_format(self, value: Any) -> None:
        return None  # str.format/format_map are not on the allowed list (width bombs)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        raise _Refused(_("access to {attribute} of a {kind} value is not allowed in templates",
                         attribute=repr(attribute), kind=type(obj).__name__))

    def getattr(self, obj: Any, attribute: str) -> Any:
        _step()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _step()
        return super().getitem(obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _step()
        result = super().call(__context, __obj, *args, **kwargs)
        if _size(result) > MAX_OUTPUT_CHARS:
            raise _Refused(f"a call returned more than {MAX_OUTPUT_CHARS:,} characters",
                           OutputTooLarge)
        return result

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        _step()
        if operator_name == "%" and isinstance(left, str):
            raise _Refused(_("'%' formatting of text is not available; use the filters"))
        if operator_name == "**" and isinstance(right, (int, float, Decimal)) and (
                abs(right) > MAX_POWER):  # type: ignore[operator]
            raise _Refused(f"powers above {MAX_POWER} are not allowed")
        if operator_name == "*":
            for seq, count in ((left, right), (right, left)):
                if _size(seq) and isinstance(count, int):
                    if _size(seq) * count > MAX_OUTPUT_CHARS:
                        raise _Refused("repeating a text or list that many times is not allowed",
                                       OutputTooLarge)
        result = super().call_binop(context, operator_name, left, right)
        if _size(result) > MAX_OUTPUT_CHARS:
            raise _Refused(f"a value is longer than {MAX_OUTPUT_CHARS:,} characters",
                           OutputTooLarge)
        return result

    # Hooks the compiled templates call (see _Guard below). Names start with "tw_".
    @staticmethod
    def tw_iter(iterable: Iterable[Any]) -> Iterator[Any]:
        state = _state()
        for item in iterable:
            state.iterations += 1
            if state.iterations > MAX_ITERATIONS:
                raise _Refused(f"the template's loops turn more than {MAX_ITERATIONS:,} times",
                               OutputTooLarge)
            yield item

    @staticmethod
    def tw_out(value: Any) -> Any:
        _add_work(len(value) if isinstance(value, str) else 16)
        return value

    @staticmethod
    def tw_data(size: int) -> str:
        _add_work(size)
        return ""

    @staticmethod
    def tw_concat(value: Any) -> Any:
        _add_work(_size(value))
        if _size(value) > MAX_OUTPUT_CHARS:
            raise _Refused(f"a text is longer than {MAX_OUTPUT_CHARS:,} characters",
                           OutputTooLarge)
        return value


_FORBIDDEN_NODES: tuple[tuple[type[nodes.Node], str], ...] = (
    (nodes.Include, N_("templates may not include other files")),
    (nodes.Import, N_("templates may not import other files")),
    (nodes.FromImport, N_("templates may not import other files")),
    (nodes.Extends, N_("templates may not extend other files")),
)


def _hook(name: str, *args: nodes.Expr, lineno: int) -> nodes.Call:
    call = nodes.Call(nodes.EnvironmentAttribute(name), list(args), [], None, None)
    call.set_lineno(lineno)
    return call


class _Guard(NodeTransformer):
    """Routes loops, concatenation and every output through the budget hooks."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802 - visitor protocol
        self.generic_visit(node)
        node.iter = _hook("tw_iter", node.iter, lineno=node.lineno)  # type: ignore[arg-type]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        return _hook("tw_concat", node, lineno=node.lineno)

    def visit_Output(self, node: nodes.Output) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        guarded: list[nodes.Expr] = []
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                guarded.append(_hook("tw_data", nodes.Const(len(child.data)),
                                     lineno=child.lineno))
                guarded.append(child)
            else:
                guarded.append(_hook("tw_out", child, lineno=child.lineno))
        node.nodes = guarded
        return node


def _number(value: Any, what: str) -> Decimal:
    if isinstance(value, bool):
        raise _Refused(f"{what} expects a number, not {value!r}", RenderProblem)
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise _Refused(f"{what} expects a number, not {str(value)[:40]!r}", RenderProblem) from None


def _money(value: Any, currency: str | None = None) -> str:
    state = _state()
    code = str(currency or state.currency)
    try:
        return str(format_currency(_number(value, "money"), code, locale=state.locale))
    except UnknownCurrencyError:
        raise _Refused(f"money: {code!r} is not a currency code", RenderProblem) from None


def _format_number(value: Any, digits: int | None = None) -> str:
    state = _state()
    amount = _number(value, "number")
    if digits is not None:
        if not isinstance(digits, int) or not 0 <= digits <= 10:
            raise _Refused("number: digits must be 0 to 10", RenderProblem)
        amount = amount.quantize(Decimal(1).scaleb(-digits))
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return str(format_decimal(amount, format=pattern, locale=state.locale))
    return str(format_decimal(amount, locale=state.locale))


def _format_date(value: Any, style: str = "long") -> str:
    state = _state()
    if style not in ("short", "medium", "long", "full"):
        raise _Refused("date: the format is short, medium, long or full", RenderProblem)
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise _Refused(f"date expects a date, not {str(value)[:40]!r}", RenderProblem)
    return str(format_date(value, format=style, locale=state.locale))


def _range(*args: int) -> range:
    """`range` for templates: at most `MAX_ITERATIONS` numbers."""
    numbers = range(*args)
    try:
        too_many = len(numbers) > MAX_ITERATIONS
    except OverflowError:  # longer than sys.maxsize
        too_many = True
    if too_many:
        raise _Refused(f"range() of more than {MAX_ITERATIONS:,} numbers is not allowed",
                       OutputTooLarge)
    return numbers


def _make_environment(*, html: bool) -> _Environment:
    env = _Environment(autoescape=html, undefined=StrictUndefined, loader=None,
                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    defaults = env.filters
    env.filters = {name: defaults[name] for name in _SAFE_FILTERS}
    env.filters.update(money=_money, number=_format_number, date=_format_date)
    env.globals = {"range": _range}
    return env


_ENVIRONMENTS = {True: _make_environment(html=True), False: _make_environment(html=False)}


@dataclass(frozen=True)
class CompiledPart:
    part: str  # "subject", "HTML body" or "text body"
    first_line: int
    template: Any  # jinja2.Template
    filename: str


@dataclass(frozen=True)
class CompiledVariant:
    variant: Variant
    subject: CompiledPart
    html: CompiledPart
    text: CompiledPart | None


def _file_line(part: CompiledPart | tuple[str, int], line: int | None) -> int | None:
    first = part.first_line if isinstance(part, CompiledPart) else part[1]
    return first + line - 1 if line else None


def _compile(variant: Variant, part: str, source: str, first_line: int,
             html: bool) -> CompiledPart:
    try:
        return _compile_checked(variant, part, source, first_line, html)
    except (RecursionError, MemoryError):
        raise SandboxViolation(variant.where, part, None,
                               _("the template nests too deeply")) from None
    except SyntaxError as exc:  # Python's own limits on the generated code (nested blocks)
        raise SandboxViolation(variant.where, part, None,
                               _("the template nests too deeply ({detail})",
                                 detail=exc.msg)) from None


def _compile_checked(variant: Variant, part: str, source: str, first_line: int,
                     html: bool) -> CompiledPart:
    env = _ENVIRONMENTS[html]
    filename = f"<tradewind template {variant.name}.{variant.lang} {part}>"
    try:
        tree = env.parse(source, variant.name, filename)
    except JinjaSyntaxError as exc:
        raise TemplateSyntaxProblem(variant.where, part, _file_line((part, first_line),
                                                                   exc.lineno),
                                    exc.message or _("syntax error")) from None
    for node_type, why in _FORBIDDEN_NODES:
        found = next(iter(tree.find_all(node_type)), None)
        if found is not None:
            raise SandboxViolation(variant.where, part, first_line + found.lineno - 1, _(why))
    for name_node in tree.find_all(nodes.Name):
        if name_node.name == "self":
            raise SandboxViolation(variant.where, part, first_line + name_node.lineno - 1,
                                   _("'self' is not available in templates"))
    tree = _Guard().visit(tree)
    try:
        code = env.compile(tree, variant.name, filename)
    except JinjaSyntaxError as exc:
        raise TemplateSyntaxProblem(variant.where, part,
                                    _file_line((part, first_line), exc.lineno),
                                    exc.message or _("syntax error")) from None
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    return CompiledPart(part, first_line, template, filename)


def compile_variant(variant: Variant) -> CompiledVariant:
    """Check and compile one variant; raises `TemplateSyntaxProblem` or `SandboxViolation`."""
    return CompiledVariant(
        variant,
        _compile(variant, "subject", variant.subject, variant.subject_line, html=False),
        _compile(variant, "HTML body", variant.html, variant.html_line, html=True),
        None if variant.text is None else _compile(variant, "text body", variant.text,
                                                   variant.text_line, html=False),
    )


def _template_line(tb: TracebackType | None, filename: str) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _render_part(compiled: CompiledVariant, part: CompiledPart,
                 variables: Mapping[str, Any]) -> str:
    where = compiled.variant.where
    chunks: list[str] = []
    size = 0
    try:
        for chunk in part.template.generate(dict(variables)):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise _Refused(f"the result is longer than {MAX_OUTPUT_CHARS:,} characters",
                               OutputTooLarge)
            chunks.append(chunk)
    except _Refused as exc:
        line = _file_line(part, _template_line(exc.__traceback__, part.filename))
        raise exc.kind(where, part.part, line, str(exc)) from None
    except SecurityError as exc:
        line = _file_line(part, _template_line(exc.__traceback__, part.filename))
        raise SandboxViolation(where, part.part, line,
                               _("refused by the sandbox: {detail}", detail=exc)) from None
    except UndefinedError as exc:
        line = _file_line(part, _template_line(exc.__traceback__, part.filename))
        raise UnknownVariableError(where, part.part, line,
                                   _("unknown variable: {detail}", detail=exc)) from None
    except JinjaError as exc:
        line = _file_line(part, _template_line(exc.__traceback__, part.filename))
        raise RenderProblem(where, part.part, line, str(exc)) from None
    except RecursionError:
        raise SandboxViolation(where, part.part, None,
                               _("the template nests too deeply")) from None
    except (ArithmeticError, TypeError, ValueError, LookupError, OverflowError) as exc:
        line = _file_line(part, _template_line(exc.__traceback__, part.filename))
        raise RenderProblem(where, part.part, line,
                            f"{type(exc).__name__}: {str(exc)[:200]}") from None
    return "".join(chunks)


@dataclass(frozen=True)
class RenderedParts:
    subject: str
    html: str
    text: str


def render_variant(compiled: CompiledVariant, variables: Mapping[str, Any], *, locale: str,
                   currency: str = "USD") -> RenderedParts:
    """Render subject, HTML and text (derived from the HTML when the variant has none).
    Raises a `TemplateError` subclass; never returns a partial result."""
    state = _RenderState(locale=locale, currency=currency)
    token = _STATE.set(state)
    try:
        subject = " ".join(_render_part(compiled, compiled.subject, variables).split())
        subject = "".join(ch for ch in subject if unicodedata.category(ch) != "Cc")
        html = _render_part(compiled, compiled.html, variables)
        if compiled.text is not None:
            text = _render_part(compiled, compiled.text, variables)
        else:
            text = html_to_text(html)
    finally:
        _STATE.reset(token)
    return RenderedParts(subject, html, text)

