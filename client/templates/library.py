"""The template library: the bundled starter set, the company's templates and the rep's own.

Layers, lowest precedence first: `bundled` (`resources/templates/`), `company` (the folder
`PROFILE/templates-company/`, then the `.tpl` files signed into the company signature policy
in force, `company_files_from_policy`) and `personal` (`PROFILE/templates/`). A variant is one file; for the same
template name and language the higher layer wins, so a rep can override one language of a
company template. Files whose front matter is broken are skipped and listed in `problems`;
bodies are compiled (and their errors reported with name and line) when rendered or imported.
File I/O: call on a worker thread or the CLI's thread; the library itself is immutable.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from client.i18n import _
from client.profile.paths import resources_dir
from client.templates.engine import TemplateError, compile_variant
from client.templates.files import (
    FILE_SUFFIX,
    MAX_FILE_BYTES,
    TemplateFileError,
    file_name,
    parse_template_file,
    parse_template_text,
)
from client.templates.model import ORIGINS, Template, Variant

if TYPE_CHECKING:
    from client.store.db import Store

PERSONAL_DIR = "templates"
COMPANY_DIR = "templates-company"
MAX_FILES_PER_LAYER = 2000


class TemplateNotFound(LookupError):
    """No template (or no variant in a language) of that name; the message says which."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "template not found"


class TemplateImportError(ValueError):
    """An import or export that was refused; nothing was written. `problems` lists each reason."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message + "\n" + "\n".join(f"- {p}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class LibraryProblem:
    path: str
    origin: str
    message: str


@dataclass(frozen=True)
class TemplateLibrary:
    """The templates in force (precedence applied) and the files that could not be read."""

    templates: dict[str, Template]
    problems: tuple[LibraryProblem, ...] = ()
    layers: tuple[tuple[str, Path], ...] = field(default=())

    def names(self) -> list[str]:
        return sorted(self.templates)

    def get(self, name: str) -> Template:
        """The template; raises `TemplateNotFound` naming the known templates."""
        try:
            return self.templates[name]
        except KeyError:
            known = ", ".join(self.names()) or "none"
            raise TemplateNotFound(f"There is no template {name!r} (templates: {known}).") from None

    def variants(self, name: str) -> dict[str, Variant]:
        return dict(self.get(name).variants)

    def variant(self, name: str, lang: str) -> Variant:
        template = self.get(name)
        try:
            return template.variants[lang]
        except KeyError:
            raise TemplateNotFound(
                f"Template {name!r} has no {lang!r} variant (languages: "
                f"{', '.join(template.languages)}).") from None

    def best_language(self, name: str, wanted: list[str]) -> str:
        """The first of `wanted` the template has (exactly, then by language: pt_BR → pt,
        zh → zh_CN), else English, else its first language. Raises `TemplateNotFound`."""
        langs = self.get(name).languages
        for want in wanted:
            if want in langs:
                return want
            base = want.replace("-", "_").split("_")[0].lower()
            for lang in langs:
                if lang.split("_")[0] == base:
                    return lang
        return "en" if "en" in langs else langs[0]


def bundled_dir() -> Path:
    return resources_dir() / "templates"


def personal_dir(profile_dir: Path) -> Path:
    return Path(profile_dir) / PERSONAL_DIR


def company_dir(profile_dir: Path) -> Path:
    return Path(profile_dir) / COMPANY_DIR


def _read_layer(origin: str, directory: Path,
                problems: list[LibraryProblem]) -> dict[tuple[str, str], Variant]:
    found: dict[tuple[str, str], Variant] = {}
    if not directory.is_dir():
        return found
    paths = sorted(directory.rglob(f"*{FILE_SUFFIX}"))
    if len(paths) > MAX_FILES_PER_LAYER:
        problems.append(LibraryProblem(str(directory), origin,
                                       f"more than {MAX_FILES_PER_LAYER} template files; only "
                                       f"the first {MAX_FILES_PER_LAYER} were read"))
        paths = paths[:MAX_FILES_PER_LAYER]
    for path in paths:
        try:
            variant = parse_template_file(path, origin=origin)
        except TemplateFileError as exc:
            problems.append(LibraryProblem(str(path), origin, str(exc)))
            continue
        key = (variant.name, variant.lang)
        if key in found:
            first = found[key].path
            problems.append(LibraryProblem(
                str(path), origin, f"{variant.where} is also defined in "
                f"{first.name if first else '?'}; that file is used"))
            continue
        found[key] = variant
    return found


def _read_signed(files: Mapping[str, bytes],
                 problems: list[LibraryProblem]) -> dict[tuple[str, str], Variant]:
    found: dict[tuple[str, str], Variant] = {}
    for name, data in sorted(files.items()):
        where = f"{name} (company signature policy)"
        try:
            if len(data) > MAX_FILE_BYTES:
                raise TemplateFileError(where, _("the file is larger than {limit} bytes.",
                                                 limit=format(MAX_FILE_BYTES, ",")))
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise TemplateFileError(where, _("the file is not UTF-8 text.")) from None
            variant = parse_template_text(text, where, origin="company")
        except TemplateFileError as exc:
            problems.append(LibraryProblem(name, "company", str(exc)))
            continue
        found.setdefault((variant.name, variant.lang), variant)
    return found


def company_files_from_policy(store: Store) -> tuple[dict[str, bytes], list[LibraryProblem]]:
    """The `.tpl` files the company signature policy in force signs (verified again by
    `provision.policy_in_force`); `({}, [])` without a policy. A policy that no longer
    verifies gives no files and one problem, so templates still work (sending reports it).
    Store's thread."""
    from client.signatures.provision import policy_in_force
    from client.signatures.schema import PolicyError

    try:
        bundle = policy_in_force(store)
    except PolicyError as exc:
        return {}, [LibraryProblem("signature policy", "company",
                                   f"company templates are not used: {exc}")]
    if bundle is None or bundle.manifest is None:
        return {}, []
    signed = bundle.manifest.files
    return ({name: data for name, data in bundle.files.items()
             if name.endswith(FILE_SUFFIX) and name in signed}, [])


def load_library(profile: object, *, store: Store | None = None, bundled: Path | None = None,
                 company: Path | None = None, company_files: Mapping[str, bytes] | None = None,
                 problems: list[LibraryProblem] | None = None) -> TemplateLibrary:
    """Read the layers for `profile` (a `client.profile.config.Profile` or its directory). With
    `store` (on its thread) the templates signed into the company policy are read too
    (`company_files_from_policy`; or pass `company_files`); they win over the company
    folder. Never raises for bad files (see `problems`)."""
    directory = Path(getattr(profile, "directory", profile))  # type: ignore[arg-type]
    problems = list(problems or [])
    if store is not None and company_files is None:
        company_files, policy_problems = company_files_from_policy(store)
        problems.extend(policy_problems)
    layers = (("bundled", bundled or bundled_dir()),
              ("company", company or company_dir(directory)),
              ("personal", personal_dir(directory)))
    merged: dict[tuple[str, str], Variant] = {}
    for origin, path in layers:
        merged.update(_read_layer(origin, path, problems))
        if origin == "company" and company_files:
            merged.update(_read_signed(company_files, problems))
    by_name: dict[str, dict[str, Variant]] = {}
    for (name, lang), variant in sorted(merged.items()):
        by_name.setdefault(name, {})[lang] = variant
    templates = {}
    for name, variants in by_name.items():
        top = max(variants.values(), key=lambda v: (ORIGINS.index(v.origin), v.lang == "en"))
        templates[name] = Template(name, top.category, top.title, variants)
    return TemplateLibrary(templates, tuple(problems), layers)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".import-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def import_templates(profile_dir: Path, source: Path, *, replace: bool = False) -> list[Variant]:
    """Copy `.tpl` files (one file, or a folder and its subfolders) into the personal layer.
    Every file is parsed and compiled first; any problem, or a different personal file of the
    same name and language without `replace`, refuses the whole import (`TemplateImportError`)
    and nothing is written. Idempotent for identical files."""
    source = Path(source)
    if source.is_dir():
        paths = sorted(source.rglob(f"*{FILE_SUFFIX}"))
    elif source.is_file():
        paths = [source]
    else:
        raise TemplateImportError(f"Nothing to import from {source}:",
                                  ["no such file or folder"])
    if not paths:
        raise TemplateImportError(f"Nothing to import from {source}:",
                                  [f"no {FILE_SUFFIX} files there"])
    if len(paths) > MAX_FILES_PER_LAYER:
        raise TemplateImportError("Import refused:",
                                  [f"more than {MAX_FILES_PER_LAYER} template files"])
    problems: list[str] = []
    variants: list[Variant] = []
    seen: dict[tuple[str, str], Path] = {}
    target = personal_dir(profile_dir)
    for path in paths:
        try:
            variant = parse_template_file(path, origin="personal")
            compile_variant(variant)
        except (TemplateFileError, TemplateError) as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        key = (variant.name, variant.lang)
        if key in seen:
            problems.append(f"{path.name}: {variant.where} is also in {seen[key].name}")
            continue
        seen[key] = path
        existing = target / file_name(variant.name, variant.lang)
        if existing.exists() and not replace:
            try:
                same = existing.read_text(encoding="utf-8").replace("\r\n", "\n") == (
                    variant.source)
            except (OSError, UnicodeDecodeError):
                same = False
            if not same:
                problems.append(f"{path.name}: you already have a different personal "
                                f"{variant.where} (use --replace to overwrite it)")
                continue
        variants.append(variant)
    if problems:
        raise TemplateImportError("Import refused; nothing was imported:", problems)
    for variant in variants:
        _write_atomic(target / file_name(variant.name, variant.lang), variant.source)
    return variants


def export_templates(library: TemplateLibrary, directory: Path, *,
                     replace: bool = False) -> list[Path]:
    """Write every variant in force to `directory` as `NAME.LANG.tpl` (the file as it was
    read). A different existing file there refuses the whole export unless `replace`."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise TemplateImportError("Export refused:", [f"{directory} is not a folder"])
    planned = [(directory / file_name(v.name, v.lang), v)
               for name in library.names() for v in library.get(name).variants.values()]
    clashes = []
    for path, variant in planned:
        if path.exists() and not replace:
            try:
                same = path.read_text(encoding="utf-8").replace("\r\n", "\n") == variant.source
            except (OSError, UnicodeDecodeError):
                same = False
            if not same:
                clashes.append(f"{path.name} exists and differs (use --replace to overwrite)")
    if clashes:
        raise TemplateImportError("Export refused; nothing was written:", clashes)
    for path, variant in planned:
        _write_atomic(path, variant.source)
    return [path for path, _ in planned]
