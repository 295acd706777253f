"""The terminal-, document- and Markdown-text functions (issue 11)."""

import pytest
from markdown_it import MarkdownIt

from decisionroom._text import for_markdown, for_terminal, plain

TITLE_ATTACK = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J"
RED = "\x1b[31m"
OSC8 = "\x1b]8;;https://evil.example\x1b\\Northwind\x1b]8;;\x1b\\"
CSI8 = "\x9b2J"
RLO = "\u202eevil"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (TITLE_ATTACK, "\\x1b]0;owned\\x07"),
        (CLEAR, "\\x1b[2J"),
        (RED, "\\x1b[31m"),
        (OSC8, "\\x1b]8;;https://evil.example\\x1b\\Northwind\\x1b]8;;\\x1b\\"),
        (CSI8, "\\x9b2J"),
        ("a\x7fb\x00c", "a\\x7fb\\x00c"),
        (RLO, "\\u202eevil"),
        ("\u2066x\u2069\u200f", "\\u2066x\\u2069\\u200f"),
        ("line\r\nnext", "line\\x0d\nnext"),
        ("Café 東京 🚀", "Café 東京 🚀"),
    ],
)
def test_terminal_shows_every_control_as_a_visible_escape(raw, shown):
    assert for_terminal(raw) == shown


def test_terminal_one_line_escapes_line_breaks_too():
    assert for_terminal("a\nb\tc", one_line=True) == "a\\x0ab\\x09c"


def test_documents_drop_controls_and_reordering_bidi_but_keep_text():
    assert plain(f"A{CSI8}B{CLEAR}C\u202eD\u200fE\x85F") == "A2JB[2JCD\u200fEF"
    assert plain("one\r\ntwo\u2028three") == "one\ntwo\nthree"


def _html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


@pytest.mark.parametrize(
    "attack",
    [
        "# Injected heading",
        "- list item",
        "+ list item",
        "1. ordered",
        "3) ordered",
        "> quote",
        "---",
        "===",
        "[link](https://evil.example)",
        "![image](https://evil.example/x.png)",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "*emphasis* and _more_ and **strong**",
        "`code` | cell | ~~strike~~",
        "&amp; &#60;",
        "<https://evil.example>",
    ],
)
def test_markdown_text_renders_as_the_same_text_in_one_paragraph(attack):
    html = _html(for_markdown(attack))
    assert html.startswith("<p>") and html.count("<p>") == 1, html
    inner = html.removeprefix("<p>").removesuffix("</p>\n")
    # what a reader sees is exactly what was written (HTML-escaped by the renderer)
    import html as h

    assert h.unescape(inner) == attack
    for tag in ("<h1", "<li", "<a ", "<img", "<script", "<em", "<strong", "<code", "<hr"):
        assert tag not in html


def test_markdown_text_keeps_numbers_readable():
    assert for_markdown("0.5 (1 against 0.5)") == "0.5 (1 against 0.5)"
    assert for_markdown("-5% a year") == "-5% a year"
