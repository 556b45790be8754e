"""Live errors in the `mkdocs serve` preview.

MkDocs' dev server holds every request while a rebuild runs and stops answering after one fails
("The server will appear stuck…"). A maintainer editing YAML would only see the Chinese error
list in the terminal. Here, while serving:

- each rebuild first checks the catalog (about a tenth of a second). If it is bad, MkDocs does
  not build at all: the last good pages stay as they are, and only the check page
  (catalog-check/) is rewritten with the error list, from the copy of that page MkDocs rendered
  in the site's style at the last build, plus a small status file. The server answers at once;
  open pages poll that file (docs/javascripts/preview-status.js) and show the errors as soon as
  it changes: a banner on every page, linking to the check page, which lists them all. MkDocs'
  live-reload script then reloads them as well;
- a good catalog is built as usual (and the catalog just checked is reused); the check page then
  says so, so it too updates by itself once the error is fixed;
- a preview started on a bad catalog builds a site of the check page alone (see the adapter's
  CatalogErrorSite) and goes on from there.

`mkdocs build` is untouched: a bad catalog stops it with exit code 1 and nothing written.

This module knows no MkDocs (swkb.site.adapter hands it the server's builder and the served
folder); the pages are rendered from swkb/site/templates/pages/preview_status.html.j2.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from swkb.catalog.errors import CatalogError, CatalogErrors
from swkb.catalog.load import LoadCache, catalog_files, load_catalog
from swkb.catalog.store import Catalog

TEMPLATE_DIR = Path(__file__).parent / "templates"

STATUS_URI = "catalog-check.md"
"""The check page: the error list, or a note that the catalog is fine."""
STATUS_PAGE = "catalog-check/index.html"
STATUS_JSON = "swkb-preview-status.json"
"""Read by the banner script on every page of the preview."""
BANNER_SCRIPT = "javascripts/preview-status.js"
# The part of the check page that changes, between two markers of the template.
_START, _END = "<!-- swkb-preview-status:start -->", "<!-- swkb-preview-status:end -->"


def catalog_signature(catalog_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every catalog file: equal signatures, same files."""
    out = []
    for path in catalog_files(catalog_dir):
        stat = path.stat()
        out.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def render_status(errors: CatalogErrors | None, counts: dict[str, int] | None = None, *, kept: bool = True) -> str:
    """The check page's body: every error (file:line, field, expected, found, hint), or none.
    `kept`: the preview still has the last good pages (not so when it started on a bad catalog)."""
    ordered = sorted(set(errors.errors)) if errors else []
    body = (
        _templates()
        .get_template("pages/preview_status.html.j2")
        .render(errors=ordered, counts=counts or {}, kept=kept, checked=time.strftime("%H:%M:%S"))
    )
    return f"{_START}\n{body}\n{_END}"


@functools.cache
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["code_spans"] = code_spans
    return env


def code_spans(text: str) -> Markup:
    """Error text with its `quoted` names as <code> (everything else escaped)."""
    parts = str(text).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: plain text
        return escape(text)
    return Markup("").join(escape(p) if i % 2 == 0 else Markup("<code>%s</code>") % p for i, p in enumerate(parts))


def status_json(errors: CatalogErrors | None, page_url: str, kept: bool = True) -> str:
    """What the pages of the preview poll: the errors, in full (the check page lists them all)."""
    ordered = sorted(set(errors.errors)) if errors else []
    return json.dumps(
        {
            "ok": not ordered,
            "count": len(ordered),
            "page": page_url,
            "kept": kept,
            "checked": time.strftime("%H:%M:%S"),
            "stamp": time.time_ns(),
            "errors": [_error_dict(e) for e in ordered],
        },
        ensure_ascii=False,
    )


def _error_dict(error: CatalogError) -> dict[str, Any]:
    where = f"{error.file}:{error.line}" if error.line else error.file
    return {
        "where": where,
        "field": error.field,
        "message": error.message,
        "expected": error.expected,
        "found": error.found,
        "suggestion": error.suggestion,
    }


def fill_shell(shell: str, body: str) -> str:
    """The check page as MkDocs rendered it, with a new status part."""
    start, end = shell.index(_START), shell.index(_END) + len(_END)
    return shell[:start] + body + shell[end:]


@dataclass
class LivePreview:
    """State kept across the rebuilds of one `mkdocs serve` (the hooks module lives that long)."""

    serving: bool = False
    served_dir: Path | None = None
    catalog_dir: Path | None = None
    display_base: Path | None = None
    kept: bool = False
    """The served folder holds the pages of a good catalog (else only its check page)."""
    shells: dict[str, str] = field(default_factory=dict)
    """Pages holding the status part, as last rendered by MkDocs (path in the site → HTML)."""
    _checked: tuple[tuple[tuple[str, int, int], ...], Catalog] | None = None
    cache: LoadCache = field(default_factory=LoadCache)
    """Only the file just saved is read again: the check stays well under a second."""

    def start(self, command: str) -> None:
        self.serving = command == "serve"

    def configure(self, site_dir: str, catalog_dir: Path, display_base: Path) -> None:
        # MkDocs serves the folder of its first build; later configs point there too.
        self.served_dir = self.served_dir or Path(site_dir)
        self.catalog_dir, self.display_base = catalog_dir, display_base

    def guard(self, builder: Callable[..., None]) -> Callable[..., None]:
        """The server's builder, preceded by the catalog check: a bad catalog skips the build."""

        def check_then_build(config: Any = None) -> None:
            errors = self.check()
            if errors is not None and self.shells:
                self.show(errors)
                return
            builder(config) if config is not None else builder()

        return check_then_build

    def check(self) -> CatalogErrors | None:
        """Load the catalog; keep it for the build that follows, or return its errors."""
        if self.catalog_dir is None:
            return None
        signature = catalog_signature(self.catalog_dir)
        try:
            catalog = load_catalog(self.catalog_dir, display_base=self.display_base, cache=self.cache)
        except CatalogErrors as exc:
            self._checked = None
            return exc
        self._checked = (signature, catalog)
        return None

    def take_checked(self, catalog_dir: Path) -> Catalog | None:
        """The catalog the check just loaded, if its files have not changed since."""
        if self._checked is None or catalog_dir != self.catalog_dir:
            return None
        signature, catalog = self._checked
        self._checked = None
        return catalog if signature == catalog_signature(catalog_dir) else None

    def show(self, errors: CatalogErrors) -> None:
        """Write the error list into the pages that carry it, and the status the banner reads."""
        assert self.served_dir is not None
        body = render_status(errors, kept=self.kept)
        for path, shell in self.shells.items():
            _write(self.served_dir / path, fill_shell(shell, body))
        _write(self.served_dir / STATUS_JSON, status_json(errors, "catalog-check/", self.kept))

    def after_build(self, site_dir: str, errors: CatalogErrors | None) -> None:
        """After MkDocs built the preview: keep the rendered check pages, write the status."""
        if not self.serving:
            return
        site = Path(site_dir)
        self.kept = errors is None
        self.shells = {
            path: (site / path).read_text(encoding="utf-8")
            for path in (STATUS_PAGE, "index.html")
            if (site / path).is_file() and _START in (site / path).read_text(encoding="utf-8")
        }
        _write(site / STATUS_JSON, status_json(errors, "catalog-check/", self.kept))


def _write(path: Path, text: str) -> None:
    """Whole or not at all: the server may be reading the file at this moment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
