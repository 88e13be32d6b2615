"""Mail and quote templates (issue 12): files, library, sandboxed engine, context.

Public API (any thread unless a function says otherwise):
- `load_library(profile) -> TemplateLibrary` (`.get(name)`, `.variants(name)`,
  `.best_language(name, wanted)`), file I/O;
- `render_template(name_or_template, lang, context, library=None) -> RenderedMail`, pure
  once the library is loaded; raises `TemplateError` subclasses (name, part and line in the
  message) or `TemplateNotFound`;
- `TemplateContext`, `Buyer`, `Inquiry`, `QuoteContext`, `QuoteItem` to fill the variables.
"""

from __future__ import annotations

from client.templates.context import (
    Buyer,
    CustomerRecord,
    Inquiry,
    TemplateContext,
    context_from_message,
    with_lang,
)
from client.templates.engine import (
    OutputTooLarge,
    RenderProblem,
    SandboxViolation,
    TemplateError,
    TemplateSyntaxProblem,
    UnknownVariableError,
    compile_variant,
    render_variant,
)
from client.templates.files import TemplateFileError
from client.templates.library import (
    TemplateImportError,
    TemplateLibrary,
    TemplateNotFound,
    load_library,
)
from client.templates.model import RenderedMail, Template, Variant
from client.templates.quote_context import (
    INCOTERMS_2020,
    QuoteContext,
    QuoteInputError,
    QuoteItem,
)

__all__ = [
    "INCOTERMS_2020", "Buyer", "CustomerRecord", "Inquiry", "OutputTooLarge", "QuoteContext",
    "QuoteInputError", "QuoteItem", "RenderProblem", "RenderedMail", "SandboxViolation",
    "Template", "TemplateContext", "TemplateError", "TemplateFileError", "TemplateImportError",
    "TemplateLibrary", "TemplateNotFound", "TemplateSyntaxProblem", "UnknownVariableError",
    "Variant", "context_from_message", "load_library", "render_template",
]


def render_template(name_or_template: str | Template | Variant, lang: str,
                    context: TemplateContext, library: TemplateLibrary | None = None,
                    ) -> RenderedMail:
    """Render one language of a template. A name is looked up in `library` (required then);
    `lang` must be a language the template has (see `TemplateLibrary.best_language`)."""
    if isinstance(name_or_template, Variant):
        variant = name_or_template
    else:
        if isinstance(name_or_template, str):
            if library is None:
                raise TypeError("render_template needs the library to look a name up")
            template = library.get(name_or_template)
        else:
            template = name_or_template
        variant = template.variants.get(lang) or _missing(template, lang)
    ctx = with_lang(context, variant.lang)
    parts = render_variant(compile_variant(variant), ctx.variables(),
                           locale=ctx.locale_for(variant.lang), currency=ctx.quote.currency)
    return RenderedMail(subject=parts.subject, html=parts.html, text=parts.text,
                        lang=variant.lang, template=variant.name)


def _missing(template: Template, lang: str) -> Variant:
    raise TemplateNotFound(f"Template {template.name!r} has no {lang!r} variant (languages: "
                           f"{', '.join(template.languages)}).")
