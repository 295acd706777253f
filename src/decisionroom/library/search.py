"""Ranked full-text search over the library: templates, insights and questions.

An in-memory SQLite FTS5 index (the standard library's ``sqlite3``) is built
from the catalog on each search; the library is small, so this takes
milliseconds. Words are stemmed (Porter), so "hiring" finds "hire". Hits are
ranked by BM25 with the columns weighted: a template's curated ``concepts``
(the words clients use for the decision, docs/library.md) count almost as
much as its title, so a free-text description of the client's situation
finds its decision type even when it shares few words with the title.
Snippets mark the matched words with ``**``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from decisionroom.errors import InvalidParameter
from decisionroom.library.catalog import Catalog
from decisionroom.library.template import Template

__all__ = ["KINDS", "Entry", "Hit", "build_index", "entries", "search"]

#: The kinds of hit.
KINDS = ("template", "insight", "question")

# BM25 weights of the columns kind, id, template, title, body, concepts.
_WEIGHTS = (0.0, 0.0, 0.0, 4.0, 1.0, 3.0)
_STOPWORDS = frozenset(
    """a about after all also am an and any are as at be been but by can could do does
    for from get had has have how i if in into is it its just me more most my no not
    now of on one or our out should so some than that the their them then there these
    they this to too up us was we were what when where which who why will with would
    you your want wants need needs someone company next year keep start""".split()
)
# A description of the client's situation is first about the decision type, so a
# template's score counts more than a single question's or insight's.
BOOST = {"template": 1.5}
_WORD = re.compile(r"\w+", re.UNICODE)


class Entry(NamedTuple):
    """One searchable row: a template, an insight or a question."""

    kind: str
    id: str
    template: str
    title: str
    body: str
    concepts: str


@dataclass(frozen=True)
class Hit:
    """One search result."""

    kind: str  # template, insight or question
    id: str
    title: str
    score: float
    snippet: str
    template: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``decisionroom library search --format json``."""
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "template": self.template,
        }


def entries(templates: Iterable[Template]) -> list[Entry]:
    """The searchable entries of these templates: each one, its insights and its questions.

    The in-memory FTS5 index here and PostgreSQL's index in the store
    (:mod:`decisionroom.store.library_search`) hold exactly these.
    """
    rows = []
    for t in templates:
        body = " ".join(
            [t.description]
            + [f.name for f in t.factors]
            + [f"{o.name}. {o.description}" for o in t.options]
        )
        rows.append(Entry("template", t.id, t.id, t.title, body, "; ".join(t.concepts)))
        for i in t.insights:
            title = _first_words(i.text)
            rows.append(Entry("insight", i.id, t.id, title, f"{i.text} ({i.source})", ""))
        for q in t.questions:
            rows.append(Entry("question", q.id, t.id, _first_words(q.text), q.text, ""))
    return rows


def build_index(catalog: Catalog) -> sqlite3.Connection:
    """An in-memory FTS5 index of every template, insight and question."""
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE library USING fts5("
        "kind UNINDEXED, id UNINDEXED, template UNINDEXED, title, body, concepts, "
        "tokenize = 'porter unicode61')"
    )
    db.executemany("INSERT INTO library VALUES (?, ?, ?, ?, ?, ?)", entries(catalog.templates))
    return db


def _first_words(text: str, n: int = 10) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def query_terms(text: str) -> list[str]:
    """The words of a free-text query worth matching: no stop words, no repeats."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.casefold()):
        if len(word) > 1 and word not in _STOPWORDS:
            seen.setdefault(word, None)
    return list(seen)


def query_pairs(text: str) -> list[str]:
    """Adjacent word pairs of the query, such as "customer database".

    A curated phrase matched whole counts more than its words apart.
    """
    words = _WORD.findall(text.casefold())
    pairs = {
        f"{a} {b}": None
        for a, b in zip(words, words[1:], strict=False)
        if a not in _STOPWORDS and b not in _STOPWORDS and len(a) > 1 and len(b) > 1
    }
    return list(pairs)


def checked_terms(text: str, loc: str = "TEXT") -> list[str]:
    """The query's words.

    Raises:
        InvalidParameter: the query holds no word to search for.
    """
    terms = query_terms(text)
    if not terms:
        raise InvalidParameter.at(
            loc, "Give some words to search for.", code="empty_query", input=text
        )
    return terms


def search(
    catalog: Catalog, text: str, *, limit: int = 10, kinds: tuple[str, ...] = ()
) -> list[Hit]:
    """The best ``limit`` hits for a free-text query, best first.

    Raises:
        InvalidParameter: the query holds no word to search for.
    """
    terms = checked_terms(text)
    # Every word is quoted, so FTS5 syntax in a user's text is never run as an operator.
    match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms + query_pairs(text))
    db = build_index(catalog)
    try:
        weights = ", ".join(str(w) for w in _WEIGHTS)
        where = ""
        params: list[Any] = [match]
        if kinds:
            where = f" AND kind IN ({', '.join('?' for _ in kinds)})"
            params.extend(kinds)
        params.append(limit * 3)  # room for the boost to reorder
        cursor = db.execute(
            f"SELECT kind, id, template, title, bm25(library, {weights}) AS rank, "
            "snippet(library, -1, '**', '**', '…', 16) "
            f"FROM library WHERE library MATCH ?{where} ORDER BY rank LIMIT ?",
            params,
        )
        hits = [
            Hit(kind, hid, title, -float(rank) * BOOST.get(kind, 1.0), snippet, template)
            for kind, hid, template, title, rank, snippet in cursor.fetchall()
        ]
        return sorted(hits, key=lambda h: -h.score)[:limit]
    finally:
        db.close()
