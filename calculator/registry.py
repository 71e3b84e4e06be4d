"""Finding and loading the policy files.

The registry is built by scanning ``policies/<region>/<version>.yaml``: each file says its own id,
region, dates and which version it replaces, so the list of policies has one source of truth, the
files. Users name policies by id only; an id is looked up in the scanned set and never joined into a
path, so no input can make the engine read a file outside ``policies/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError, PolicyError, Problem, _describe, _path
from .policy_model import Bilingual, Policy, Source

POLICY_DIR = Path(__file__).resolve().parent.parent / "policies"
DOCUMENTS_FILE = "documents.yaml"
MAX_POLICY_FILE_BYTES = 256 * 1024


class Document(BaseModel):
    """A document that parameters cite, named as a reader looks it up: title, issuer, number (文号), date.

    ``secondary: true`` marks a source outside the official policy documents (a statistics release, a
    press report); every parameter resting on one is shown as such.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built when first validated
    secondary: bool = False
    title: Bilingual
    issuer: Bilingual | None = None
    number: Bilingual | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}){0,2}$")

    def date_text(self, lang: str = "zh") -> str | None:
        """``2023-12-11`` → ``2023年12月11日`` in Chinese; ISO form in English."""
        if not self.date:
            return None
        if lang == "en":
            return self.date
        parts = self.date.split("-")
        return "".join(f"{int(part)}{unit}" for part, unit in zip(parts, ("年", "月", "日"), strict=False))

    def name(self, lang: str = "zh") -> str:
        """``《title》（issuer，文号，date）``: the document as a citizen looks it up."""
        details = [
            part
            for part in (
                self.issuer.in_lang(lang) if self.issuer else None,
                self.number.in_lang(lang) if self.number else None,
                self.date_text(lang),
            )
            if part
        ]
        if lang == "en":
            return self.title.en + (f" ({', '.join(details)})" if details else "")
        title = self.title.zh if self.secondary or self.title.zh.startswith("《") else f"《{self.title.zh}》"
        return title + (f"（{'，'.join(details)}）" if details else "")


def _policy_problem(file: str, path: str, zh: str, en: str) -> Problem:
    where_zh = f"文件 {file}" + (f" 的字段 {path}" if path else "")
    where_en = f"file {file}" + (f", field {path}" if path else "")
    return Problem("", f"{where_zh}：{zh}", f"{where_en}: {en}")


def read_yaml(path: Path, label: str) -> object:
    """Read a YAML file safely, turning every failure into a :class:`PolicyError` that names it.

    PyYAML is imported here, when a file is read, so that a run using the prepared policies never loads
    it; libyaml's safe loader when PyYAML was built with it (ten times faster, same documents, same
    safety), the pure-Python safe loader otherwise."""
    import yaml

    try:
        if path.stat().st_size > MAX_POLICY_FILE_BYTES:
            raise PolicyError([_policy_problem(label, "", "文件过大", "file is too large")])
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError([_policy_problem(label, "", f"无法读取（{exc}）", f"cannot be read ({exc})")]) from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f"{where.line + 1}" if where else "?"
        raise PolicyError(
            [_policy_problem(label, "", f"第 {line} 行不是有效的 YAML", f"line {line} is not valid YAML")]
        ) from None


def load_documents(directory: Path = POLICY_DIR) -> dict[str, Document]:
    raw = read_yaml(directory / DOCUMENTS_FILE, DOCUMENTS_FILE)
    if not isinstance(raw, dict):
        raise PolicyError([_policy_problem(DOCUMENTS_FILE, "", "应为键值表", "must be a mapping")])
    documents = {}
    for key, value in raw.items():
        try:
            documents[str(key)] = Document.model_validate(value)
        except ValidationError as exc:
            raise _policy_error(DOCUMENTS_FILE, exc, prefix=str(key)) from None
    return documents


def _policy_error(label: str, exc: ValidationError, prefix: str = "") -> PolicyError:
    problems = []
    for error in exc.errors(include_url=False):
        path = _path(tuple(error.get("loc", ())))
        path = f"{prefix}.{path}".strip(".") if prefix else path
        zh, en = _describe(error)
        problems.append(_policy_problem(label, path, zh, en))
    return PolicyError(problems)


def validate_policy(raw: object, label: str, documents: dict[str, Document]) -> Policy:
    """Validate a policy given as plain data (a parsed file or an overridden copy of one)."""
    if not isinstance(raw, dict):
        raise PolicyError([_policy_problem(label, "", "应为键值表", "must be a mapping")])
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as exc:
        raise _policy_error(label, exc) from None
    unknown = sorted({source.doc for _, source in policy.sources()} - set(documents))
    if unknown:
        raise PolicyError(
            [
                _policy_problem(
                    label, "source.doc", f"引用了未登记的文件 {unknown}", f"cites unregistered documents {unknown}"
                )
            ]
        )
    for path, source in policy.sources():
        if documents[source.doc].secondary and not source.secondary:
            raise PolicyError(
                [
                    _policy_problem(
                        label,
                        path,
                        "引用二手资料的参数须标注 secondary: true 并说明来源",
                        "a parameter resting on a secondary source must be marked secondary: true with its origin",
                    )
                ]
            )
    return policy


def load_policy_file(path: Path, documents: dict[str, Document], directory: Path = POLICY_DIR) -> Policy:
    label = str(path.relative_to(directory.parent)) if path.is_relative_to(directory.parent) else path.name
    return validate_policy(read_yaml(path, label), label, documents)


@dataclass(frozen=True)
class Registry:
    """Every policy found under one directory, by id, with the documents they cite."""

    policies: dict[str, Policy]
    documents: dict[str, Document]

    def get(self, policy_id: str) -> Policy:
        if policy_id not in self.policies:
            known = ", ".join(sorted(self.policies))
            raise InputError.one(
                "policy",
                f"没有名为「{policy_id[:40]}」的政策；可选：{known}",
                f"no policy named '{policy_id[:40]}'; known: {known}",
            )
        return self.policies[policy_id]

    def regions(self) -> dict[str, Policy]:
        """Region key → its newest reform policy (the default 'after' of a region)."""
        found: dict[str, Policy] = {}
        for policy in self.policies.values():
            if policy.kind != "reform":
                continue
            current = found.get(policy.region.key)
            if current is None or str(policy.effective_from) > str(current.effective_from):
                found[policy.region.key] = policy
        return dict(sorted(found.items()))

    def pair(self, region: str) -> tuple[Policy, Policy]:
        """The default (before, after) pair of a region: its newest reform and the version it replaces."""
        regions = self.regions()
        if region not in regions:
            known = ", ".join(regions)
            raise InputError.one(
                "region", f"没有地区「{region[:40]}」；可选：{known}", f"unknown region '{region[:40]}'; known: {known}"
            )
        after = regions[region]
        if not after.replaces:
            raise PolicyError(
                [_policy_problem(after.id, "replaces", "未指明改革前版本", "does not name the version it replaces")]
            )
        return self.get(after.replaces), after

    def cite(self, source: Source, lang: str = "zh") -> str:
        """``《重庆市…实施细则》（重庆市医疗保障局、重庆市财政局，渝医保发〔2023〕32号，2023年12月11日）第四条``,
        or the secondary source, marked as such."""
        document = self.documents.get(source.doc)
        name = document.name(lang) if document else source.doc
        glue = " · " if document is None or document.secondary else ("" if lang != "en" else " ")
        text = f"{name}{glue}{source.ref}"
        if source.secondary:
            text += (
                "（二手资料，正式文件未载）" if lang != "en" else " (secondary source, not in the official documents)"
            )
        return text

    def templates(self) -> list[Policy]:
        return [p for p in self.policies.values() if p.kind == "template"]


def load_registry(directory: Path = POLICY_DIR) -> Registry:
    """Load and cross-check every policy file below ``directory``."""
    documents = load_documents(directory)
    policies: dict[str, Policy] = {}
    for path in sorted(directory.glob("*/*.yaml")):
        policy = load_policy_file(path, documents, directory)
        if policy.id in policies:
            raise PolicyError(
                [_policy_problem(path.name, "id", f"重复的政策编号 {policy.id}", f"duplicate policy id {policy.id}")]
            )
        policies[policy.id] = policy
    for policy in policies.values():
        if policy.replaces and policy.replaces not in policies:
            raise PolicyError(
                [
                    _policy_problem(
                        policy.id,
                        "replaces",
                        f"指向不存在的政策 {policy.replaces}",
                        f"names unknown policy {policy.replaces}",
                    )
                ]
            )
    return Registry(policies=policies, documents=documents)


# The code whose change could change what a loaded registry is (the models, their checks, the vocabulary).
_CODE_FILES = tuple(
    Path(__file__).resolve().parent / name for name in ("registry.py", "policy_model.py", "vocabulary.py")
)


def _fingerprint(directory: Path) -> tuple:
    """What a prepared copy of ``directory``'s registry must match to be used: every policy file and
    the model code by path, size and modification time, with the Python and pydantic versions."""
    import pydantic

    files = [directory / DOCUMENTS_FILE, *sorted(directory.glob("*/*.yaml")), *_CODE_FILES]
    stats = []
    for path in files:
        stat = path.stat()
        stats.append((str(path), stat.st_size, stat.st_mtime_ns))
    return sys.version, pydantic.VERSION, str(directory), tuple(stats)


def _cache_path(directory: Path) -> Path | None:
    """The prepared copy's file for ``directory``, in the user's cache directory (never in the repository;
    one file per policy directory, so two checkouts do not keep replacing each other's); None when
    ``CALCULATOR_POLICY_CACHE=0`` turns it off."""
    if os.environ.get("CALCULATOR_POLICY_CACHE", "1") == "0":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    name = hashlib.sha256(str(directory).encode("utf-8")).hexdigest()[:16]
    return Path(base) / "menzhen-calculator" / f"policies-{name}.pickle"


def _read_prepared(path: Path, fingerprint: tuple) -> Registry | None:
    try:
        with path.open("rb") as handle:
            stored, registry = pickle.load(handle)
    except Exception:  # a missing, partial or unreadable copy is simply not used
        return None
    return registry if stored == fingerprint and isinstance(registry, Registry) else None


def _write_prepared(path: Path, fingerprint: tuple, registry: Registry) -> None:
    """Write the copy whole or not at all (a temporary file renamed over it); failure only costs speed."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".policies-")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump((fingerprint, registry), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # no room, no permission: the next run validates the files again
        with contextlib.suppress(OSError):
            os.unlink(temporary)


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The project's own policies, loaded once per process.

    Loading validates every file (parsing the YAML, building and running the policy models); the
    validated registry is kept in the user's cache directory and used again while no policy
    file, no model file and neither Python nor pydantic has changed (paths, sizes and modification
    times), so a changed file is always validated again."""
    path = _cache_path(POLICY_DIR)
    if path is None:
        return load_registry(POLICY_DIR)
    try:
        fingerprint = _fingerprint(POLICY_DIR)
    except OSError:
        return load_registry(POLICY_DIR)
    registry = _read_prepared(path, fingerprint)
    if registry is None:
        registry = load_registry(POLICY_DIR)
        _write_prepared(path, fingerprint, registry)
    return registry
