"""Brief downloads: which formats render as jobs, and the file name a browser saves.

Every brief is sent with ``Content-Disposition: attachment`` and a file name
made from the decision's title (RFC 6266): an ASCII ``filename`` every client
understands, and ``filename*`` (RFC 8187, UTF-8) when the title has letters
outside ASCII, so "Sélection CRM" saves as ``sélection-crm.pdf`` where the
browser can and ``selection-crm.pdf`` elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

__all__ = ["JOB_FORMATS", "attachment", "file_stem"]

#: Formats whose render takes a second or more on the bundled examples (docs/web.md):
#: they run as jobs, with progress shown in the room; md and xlsx answer at once.
JOB_FORMATS = ("html", "pptx", "pdf")
_MAX_STEM = 80


def file_stem(title: str) -> str:
    """The title as a file name stem: lower case words joined by hyphens, any script."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", title).lower())
    stem = "-".join(words).replace("_", "-")[:_MAX_STEM].strip("-")
    return stem or "brief"


def _ascii(stem: str) -> str:
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]", "", folded)).strip("-")
    return folded or "brief"


def attachment(title: str, ext: str) -> str:
    """The ``Content-Disposition`` value that saves a brief as ``<title-slug>.<ext>``."""
    stem = file_stem(title)
    fallback = f"{_ascii(stem)}.{ext}"
    value = f'attachment; filename="{fallback}"'
    if f"{stem}.{ext}" != fallback:
        value += f"; filename*=UTF-8''{quote(f'{stem}.{ext}', safe='')}"
    return value
