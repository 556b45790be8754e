"""Office files that are the same for the same catalog: Excel and Word files are zips whose
members carry timestamps. Shared by the Excel (swkb.publish.downloads) and Word
(swkb.publish.docx) writers, so neither imports the other.
"""

from __future__ import annotations

import io
import re
import zipfile


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite an Office zip with fixed timestamps, so identical catalogs give identical files."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _strip_timestamps(content)
            target.writestr(fixed, content)
    return out.getvalue()


def _strip_timestamps(core_xml: bytes) -> bytes:
    return re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2020-01-01T00:00:00Z\g<3>", core_xml)
