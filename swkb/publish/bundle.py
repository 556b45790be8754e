"""The portable bundle: a zip of the site that works from file:// (USB stick, e-mail)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from swkb.publish.release import TMP_PREFIX, PublishError, build_site, check_site, zip_folder


def bundle(output: Path) -> Path:
    """A zip that works from file:// (Material's offline plugin): unzip and open index.html."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    building = output.parent / f"{TMP_PREFIX}bundle-{os.getpid()}"
    try:
        build_site(building, offline=True)
        problems = check_site(building)
        if problems:
            raise PublishError("离线包没有通过检查：\n" + "\n".join(problems))
        digest = zip_folder(building, output)
        (output.parent / (output.name + ".sha256")).write_text(f"{digest}  {output.name}\n", encoding="utf-8")
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return output
