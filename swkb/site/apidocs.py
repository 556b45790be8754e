"""The API pages' rendered objects, kept on disk for the next build.

mkdocstrings renders every `::: swkb.module` block of docs/developer/ afresh in each build, and
that was a third of a build of the real catalog (about 1.9 s of 5.9 s: Jinja over 34 modules and
a Pygments lexer and formatter made for each of 540 signatures), and the same again in every
test build. What it renders follows from the code griffe reads (swkb/ beside mkdocs.yml), the
options of the block, mkdocs.yml and the installed versions, so `remember_api_rendering` keeps
each rendered object by a hash of exactly those and the next build takes it from disk.

The handler's public `collect`, `render` and `get_aliases` are wrapped. An object that is stored
is not collected: griffe reading swkb/ was the rest of the API pages' time (about 0.3 s of each
build), and `collect` hands over a stand-in that only names the object. Rendering records the
object's headings for the table of contents (the `heading` filter, `BaseHandler.do_heading`) and
each heading's aliases (what `get_aliases` reads from griffe's objects, for autorefs and the
inventory); a stored object keeps both and replays them through the same public methods, so the
page, its table of contents and its anchors are what a fresh rendering gives
(tests/test_apidocs.py). A stand-in whose record does not fit the rendering after all (another
locale), or a cross-reference autorefs resolves through the handler, collects for real.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element

from markupsafe import Markup

from swkb.jsonstore import JsonFolder

if TYPE_CHECKING:  # the adapter hands the handler over; this module does not know MkDocs
    from mkdocstrings import BaseHandler

RENDERING_PACKAGES = ("mkdocstrings", "mkdocstrings-python", "griffelib", "markdown", "pymdown-extensions", "pygments", "jinja2")
"""Distributions whose version changes what an object renders to."""

_WRAPPED = "_swkb_rendering_cache"
"""Attribute set on a handler whose methods are already wrapped (MkDocs keeps plugins across
`mkdocs serve` rebuilds, and with them the handler): the handler's own methods, by name."""


@dataclass(frozen=True)
class Uncollected:
    """What `collect` hands over for an object whose rendering is stored: its path, the stored
    record (read once), and what a real collection needs if the record cannot be used."""

    path: str
    options: Any
    record: dict[str, Any]


def code_digest(package: Path) -> str:
    """A hash of every Python file of the package, by path and content."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _versions() -> str:
    out = []
    for name in RENDERING_PACKAGES:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def _heading_record(element: Element) -> dict[str, Any]:
    return {"tag": element.tag, "attributes": list(element.attrib.items()), "text": element.text}


def _replay_headings(handler: BaseHandler, headings: Sequence[dict[str, Any]]) -> None:
    """Register headings as rendering did: `do_heading` with `hidden` only records the heading
    element (for the table of contents and autorefs) and returns a bare anchor we do not use."""
    for heading in headings:
        attributes = dict(heading["attributes"])
        toc_label = attributes.pop("data-toc-label", None)
        skip_inventory = attributes.pop("data-skip-inventory", None) == "true"
        role = attributes.pop("data-role", None)
        handler.do_heading(
            Markup(heading["text"] or ""),
            int(heading["tag"][1:]),
            role=role,
            hidden=True,
            toc_label=toc_label,
            skip_inventory=skip_inventory,
            **attributes,
        )


class RenderingCache:
    """Rendered objects in a folder, one JSON file per key (swkb.jsonstore: written whole, passed
    over when the folder cannot be used). Any edit of the code makes new keys for every object
    (one module's docstring can show in another's page), so the folder keeps at most `limit`
    entries and drops the oldest half when it has more."""

    def __init__(self, directory: Path, context: Callable[[], str], search_paths: Sequence[Path], limit: int = 500) -> None:
        self.directory = directory
        self._folder = JsonFolder(directory, limit)
        self._context = context
        self.search_paths = search_paths
        """Where griffe finds the code it documents (the handler's `paths`)."""
        self._digests: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    @cached_property
    def context(self) -> str:
        """What else an object's rendering follows from: the versions and mkdocs.yml. Worked out
        at the first object: a `mkdocs serve` save that renders no API page never needs it."""
        return self._context()

    def package_digest(self, package: str) -> str:
        """The hash of the package griffe reads for `package` (the first search path that has
        it): its inherited members, imports and docstrings can come from any of its modules."""
        if package not in self._digests:
            found = next((p / package for p in self.search_paths if (p / package / "__init__.py").is_file()), None)
            single = next((p / f"{package}.py" for p in self.search_paths if (p / f"{package}.py").is_file()), None)
            if found is not None:
                self._digests[package] = code_digest(found)
            else:  # a single module, or one griffe finds installed: keyed by its name and the versions
                self._digests[package] = hashlib.sha256(single.read_bytes()).hexdigest() if single else "-"
        return self._digests[package]

    def key(self, identifier: str, options: Any) -> str:
        """The key of an object's rendering; the locale it was rendered for is in the record."""
        code = self.package_digest(identifier.split(".", 1)[0])
        return hashlib.sha256(f"{self.context}\n{code}\n{identifier}\n{options!r}".encode()).hexdigest()

    def load(self, key: str) -> dict[str, Any] | None:
        record = self._folder.load(key)
        if not isinstance(record, dict) or not isinstance(record.get("html"), str):
            return None
        if not isinstance(record.get("headings"), list) or not isinstance(record.get("aliases"), dict):
            return None
        return record

    def store(self, key: str, record: dict[str, Any]) -> None:
        self._folder.store(key, record)


def rendering_context(config_file: Path) -> str:
    """The rendering packages' versions and mkdocs.yml (the handler's options, the Markdown
    extensions docstrings are converted with, the theme)."""
    return "\n".join([_versions(), hashlib.sha256(config_file.read_bytes()).hexdigest()])


def remember_api_rendering(
    handler: BaseHandler, directory: Path, config_file: Path, search_paths: Sequence[Path]
) -> RenderingCache:
    """Keep what the handler renders in `directory`, for this build and the next ones;
    `search_paths` are where griffe finds the code it documents."""
    cache = RenderingCache(directory, lambda: rendering_context(config_file), search_paths)
    own: dict[str, Callable[..., Any]] = getattr(handler, _WRAPPED, None) or {
        "collect": handler.collect,
        "render": handler.render,
        "get_aliases": handler.get_aliases,
    }
    collect, render, get_aliases = own["collect"], own["render"], own["get_aliases"]
    aliases: dict[str, tuple[str, ...]] = {}
    """Each stored heading's aliases, as griffe gave them when the object was rendered."""
    collected: dict[str, Any] = {}
    """Options of the objects not collected, by package: a fallback lookup loads it with them."""

    def cached_collect(identifier: str, options: Any) -> Any:
        if options == {}:  # autorefs' fallback for an unknown cross-reference: griffe must know the code
            package = identifier.split(".", 1)[0]
            if package in collected:
                collect(package, collected.pop(package))
            return collect(identifier, options)
        record = cache.load(cache.key(identifier, options))
        if record is None:
            return collect(identifier, options)
        collected.setdefault(identifier.split(".", 1)[0], options)
        return Uncollected(identifier, options, record)

    def cached_render(data: Any, options: Any, locale: str | None = None) -> str:
        key = cache.key(str(data.path), options)
        record = data.record if isinstance(data, Uncollected) else cache.load(key)
        if record is not None and record.get("locale") == locale:
            cache.hits += 1
            _replay_headings(handler, record["headings"])
            aliases.update((name, tuple(found)) for name, found in record["aliases"].items())
            return str(record["html"])
        if isinstance(data, Uncollected):
            data = collect(data.path, data.options)
        cache.misses += 1
        earlier = [_heading_record(h) for h in handler.get_headings()]
        html = render(data, options, locale)
        made = [_heading_record(h) for h in handler.get_headings()]
        _replay_headings(handler, earlier + made)
        ids = [dict(h["attributes"]).get("id") for h in made]
        found = {i: list(get_aliases(i)) for i in ids if i}
        cache.store(key, {"html": html, "headings": made, "aliases": found, "locale": locale})
        return html

    def cached_aliases(identifier: str) -> tuple[str, ...]:
        return aliases[identifier] if identifier in aliases else get_aliases(identifier)

    setattr(handler, _WRAPPED, own)
    handler.collect = cached_collect  # type: ignore[method-assign]
    handler.render = cached_render  # type: ignore[method-assign]
    handler.get_aliases = cached_aliases  # type: ignore[method-assign]
    return cache
