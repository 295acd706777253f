r"""User text made safe for where it is shown: a terminal, a document, Markdown.

A name or a title in a decision file is text from a stranger (a survey, a CRM
export). Three functions, one per destination, so that no view forgets one
(docs/limits.md, "Text from users"):

- :func:`for_terminal` shows every control character as a visible escape
  (``\x1b``, ``\x9b``, ``\u202e``), so a name cannot retitle the terminal,
  clear the screen, plant a disguised link or reverse the text around it;
- :func:`plain` removes those characters from text bound for a document
  (HTML, PDF, PPTX, XLSX, Markdown), keeping line breaks and tabs;
- :func:`for_markdown` makes :func:`plain` text read as text in Markdown: no
  heading, list, quote, link, image, HTML, emphasis or table cell can start.
"""

from __future__ import annotations

import re

__all__ = ["for_markdown", "for_terminal", "plain"]

#: Bidirectional controls that reorder the text after them (embeddings,
#: overrides, isolates) and the marks; in a terminal they can make a name
#: appear to be another, so they are shown as escapes there.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: The ones a document must not keep: they reorder text beyond the user's own
#: field (the marks only affect neighbouring neutral characters and stay).
_BIDI_REORDER = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# C0 (but for line feed and tab), DEL, C1 (including the one-byte CSI \x9b),
# line and paragraph separators.
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
_SEPARATORS = "\u2028\u2029"


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_TERMINAL = str.maketrans({ch: _escape(ch) for ch in _CONTROLS + _SEPARATORS + _BIDI})
_TERMINAL_ONE_LINE = str.maketrans(
    {ch: _escape(ch) for ch in _CONTROLS + _SEPARATORS + _BIDI + "\n\t"}
)
_PLAIN = str.maketrans(dict.fromkeys(_CONTROLS + _BIDI_REORDER)) | str.maketrans(
    dict.fromkeys(_SEPARATORS, "\n")
)


def for_terminal(text: object, *, one_line: bool = False) -> str:
    r"""``text`` with every control character shown as a visible escape.

    C0 controls other than line feed and tab, DEL, C1 controls (``\x80`` to
    ``\x9f``), line and paragraph separators and bidirectional controls
    become ``\xNN`` or ``\uNNNN``. With ``one_line``, line feeds and tabs do
    too, for a value that must stay on its line (an error location).
    """
    return str(text).translate(_TERMINAL_ONE_LINE if one_line else _TERMINAL)


def plain(text: object) -> str:
    """``text`` without control characters or reordering bidi controls, for documents.

    Line feeds and tabs stay; carriage returns and the Unicode line and
    paragraph separators are dropped or become line feeds.
    """
    return str(text).replace("\r\n", "\n").translate(_PLAIN)


# Inline markup, HTML, entities, table cells, maths, images; escaped wherever they are.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&$!])")
# What starts a block at the beginning of a line: an ATX heading, a bullet or an
# ordered list item (each needs a space or the end after it), a setext underline or
# a thematic break (a line of only = or - and spaces).
_LINE_START = re.compile(r"^(#{1,6}(?= |$)|[+\-](?= |$)|\d{1,9}(?=[.)]( |$))|[=\-](?=[ =\-]*$))")


def for_markdown(text: object) -> str:
    """:func:`plain` text that Markdown (CommonMark, GitHub tables) shows as written.

    Whitespace (line breaks included) collapses to single spaces, so the text
    stays in its paragraph or table cell; every character that starts inline
    markup or HTML is backslash-escaped, and so is a block marker at the start.
    """
    flat = " ".join(plain(text).split())
    escaped = _INLINE.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: _escape_start(m.group(1)), escaped)


def _escape_start(marker: str) -> str:
    # "1." cannot be escaped before the digit; CommonMark escapes the punctuation
    # after it, which is not part of the match, so a digit run is closed here.
    if marker[0].isdigit():
        return marker + "\\"
    return "\\" + marker
