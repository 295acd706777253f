"""Sentences that fit the option: a vendor is chosen, a course of action is taken.

Option names come in two shapes. A proper name ("Northwind Consulting",
"Leo Marchetti", "Salesforce") reads well after "Choose". A course of action
("Hire a head of marketing", "Build an in-house team", "Keep the
spreadsheets", "Do nothing new") does not: "Choose Keep the spreadsheets".
Such a name starts with a verb, and reads well after "The recommendation is
to". A status-quo option named by a noun ("Current agency") is "stayed
with", not chosen. Referred to inside a sentence, a course of action is
quoted so that it still reads as a name (issue #10).
"""

from __future__ import annotations

__all__ = ["choose", "is_course_of_action", "is_person", "refer", "subject"]

#: First words that make a name a course of action rather than a proper name.
VERBS = frozenset(
    {
        "adopt", "automate", "build", "buy", "change", "consolidate", "continue", "create",
        "delay", "develop", "do", "expand", "extend", "grow", "hire", "implement", "invest",
        "keep", "launch", "license", "maintain", "make", "migrate", "move", "outsource",
        "partner", "pause", "promote", "recruit", "replace", "retain", "retrain", "run",
        "stay", "stick", "stop", "subscribe", "switch", "train", "upgrade", "upskill", "use",
        "wait",
    }
)  # fmt: skip


def is_course_of_action(name: str) -> bool:
    """Whether a name starts with a verb ("Hire a head of marketing")."""
    first = name.strip().split(" ", 1)[0]
    return first.lower() in VERBS and first[1:] == first[1:].lower()


def choose(name: str, kind: str | None) -> str:
    """The opening of a recommendation: 'Choose X', 'The recommendation is to hire ...'."""
    if is_course_of_action(name):
        text = name.strip()
        return f"The recommendation is to {text[0].lower()}{text[1:]}"
    if kind == "status-quo":
        return f"Stay with {name}"
    return f"Choose {name}"


def refer(name: str) -> str:
    """The option inside a sentence: a course of action is quoted."""
    return f"“{name.strip()}”" if is_course_of_action(name) else name


def is_person(name: str, kind: str | None) -> bool:
    """Whether the option is a person: a hire named by a proper name ("Leo Marchetti")."""
    return kind == "hire" and not is_course_of_action(name)


def subject(name: str, kind: str | None) -> str:
    """The option as the subject of a follow-on clause: a person by name, anything else "it"."""
    return refer(name) if is_person(name, kind) else "it"
