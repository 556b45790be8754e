"""The one logger of swkb, for problems that do not stop the work but that a maintainer should see.

It sits under MkDocs' `mkdocs` logger (`mkdocs.plugins.swkb`, the name MkDocs gives a plugin's
logger), so during a build its messages are printed as MkDocs' own are and, with `strict: true`
(mkdocs.yml), every warning counts: the build stops with "Aborted with N warnings". Outside a
build (the `swkb` command) a warning still reaches stderr through Python's last-resort handler.
This module imports neither MkDocs nor anything of swkb, so every layer may use it.
"""

from __future__ import annotations

import logging

LOGGER_NAME = "mkdocs.plugins.swkb"
log = logging.getLogger(LOGGER_NAME)
